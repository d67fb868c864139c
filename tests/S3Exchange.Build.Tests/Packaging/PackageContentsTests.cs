using System.Text.Json;
using S3Exchange.Build.Tests.Infrastructure;
using S3Exchange.Testing;

namespace S3Exchange.Build.Tests.Packaging;

/// <summary>
/// What a company adopting the packages gets (docs/packaging.md): license, readme and repository
/// in the nuspec, symbols for every assembly, and PDBs whose Source Link map sends a debugger to
/// the repository's sources at the packed commit.
/// </summary>
public sealed class PackageContentsTests(PackedPackages packages) : IClassFixture<PackedPackages>
{
    private static readonly string[] RuntimeFrameworks = ["net8.0", "net10.0"];

    public static TheoryData<string> PackageIds => ["S3Exchange", "S3Exchange.Build", "S3Exchange.Extensions.DependencyInjection"];

    public static TheoryData<string> LibraryPackageIds => ["S3Exchange", "S3Exchange.Extensions.DependencyInjection"];

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Nuspec_declares_the_MIT_license_expression(string id)
    {
        using var package = new PackageFile(packages.Package(id));
        PackageMetadataAssert.MitLicenseExpression(package);
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Package_carries_its_readme_and_the_nuspec_names_it(string id)
    {
        using var package = new PackageFile(packages.Package(id));
        PackageMetadataAssert.Readme(package, id);
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Nuspec_names_the_git_repository_and_the_commit(string id)
    {
        using var package = new PackageFile(packages.Package(id));
        PackageMetadataAssert.Repository(package);
    }

    [Theory]
    [MemberData(nameof(LibraryPackageIds))]
    public void Snupkg_has_the_matching_pdb_for_each_target_framework(string id)
    {
        using var package = new PackageFile(packages.Package(id));
        using var symbols = new PackageFile(packages.Symbols(id));
        Assert.Equal(RuntimeFrameworks.Select(f => $"lib/{f}/{id}.pdb").Order(StringComparer.Ordinal),
            symbols.Entries.Where(e => e.EndsWith(".pdb", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var framework in RuntimeFrameworks)
        {
            var pdb = PortablePdb.Read(symbols.ReadAllBytes($"lib/{framework}/{id}.pdb"));
            Assert.Equal(PortablePdb.ExpectedBy(package.ReadAllBytes($"lib/{framework}/{id}.dll")), pdb.Id);
            var (_, url) = Assert.Single(SourceLinkMap(pdb));
            Assert.StartsWith("https://raw.githubusercontent.com/s3exchange/s3exchange-dotnet/", url, StringComparison.Ordinal);
        }
    }

    // The commit is the one the assemblies were built from (the packages are packed without a build,
    // so the nuspec's commit is HEAD at pack time, which may be later).
    [Fact]
    public void Runtime_pdbs_map_the_sources_to_the_repository_at_the_built_commit()
    {
        using var package = new PackageFile(packages.Runtime);
        using var symbols = new PackageFile(packages.RuntimeSymbols);
        foreach (var framework in RuntimeFrameworks)
        {
            var commit = PortablePdb.BuiltCommit(package.ReadAllBytes($"lib/{framework}/S3Exchange.dll"));
            Assert.Matches("^[0-9a-f]{40}$", commit);
            var pdb = PortablePdb.Read(symbols.ReadAllBytes($"lib/{framework}/S3Exchange.pdb"));
            var (_, url) = Assert.Single(SourceLinkMap(pdb));
            Assert.Equal($"https://raw.githubusercontent.com/s3exchange/s3exchange-dotnet/{commit}/*", url);
        }
    }

    [Fact]
    public void Task_assembly_embeds_its_pdb_with_the_source_link_map()
    {
        using var package = new PackageFile(packages.Tasks);
        var assembly = package.ReadAllBytes("tasks/net10.0/S3Exchange.Build.Tasks.dll");
        var commit = PortablePdb.BuiltCommit(assembly);
        Assert.Matches("^[0-9a-f]{40}$", commit);
        var pdb = PortablePdb.ReadEmbedded(assembly);
        var (_, url) = Assert.Single(SourceLinkMap(pdb));
        Assert.Equal($"https://raw.githubusercontent.com/s3exchange/s3exchange-dotnet/{commit}/*", url);
        Assert.Contains(pdb.Documents, d => d.EndsWith("/Tasks/PublishToS3Exchange.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Pdb_source_paths_are_deterministic_on_CI_and_the_repository_folder_otherwise()
    {
        // CI builds (CI=true) map the repository root to /_/, so the PDB does not depend on where it was built.
        var root = bool.Parse(DotnetCommand.Metadata("S3ExchangeBuiltOnCI")) ? "/_/" : DotnetCommand.Metadata("S3ExchangeRepositoryRoot");
        using var symbols = new PackageFile(packages.RuntimeSymbols);
        var pdb = PortablePdb.Read(symbols.ReadAllBytes("lib/net10.0/S3Exchange.pdb"));
        var (local, _) = Assert.Single(SourceLinkMap(pdb));
        Assert.Equal(root + "*", local);
        Assert.Contains(pdb.Documents, d => d == root + "src/Runtime/S3ExchangeStore.cs");
        Assert.All(pdb.Documents, d => Assert.StartsWith(root, d, StringComparison.Ordinal));
    }

    /// <summary>The Source Link JSON's "documents": local path pattern → URL pattern.</summary>
    private static Dictionary<string, string> SourceLinkMap(PortablePdb pdb)
    {
        Assert.NotNull(pdb.SourceLink);
        using var json = JsonDocument.Parse(pdb.SourceLink);
        return json.RootElement.GetProperty("documents").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }
}
