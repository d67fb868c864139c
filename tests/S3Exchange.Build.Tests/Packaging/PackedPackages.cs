using S3Exchange.Build.Tests.Infrastructure;

namespace S3Exchange.Build.Tests.Packaging;

/// <summary>
/// S3Exchange, S3Exchange.Build and S3Exchange.Extensions.DependencyInjection packed once, from the projects this test project's build
/// already built (<c>--no-build</c>), into a temporary feed under a version of their own.
/// S3Exchange.Tool is packed by the tool tests' fixture, which installs it, and checked there.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    private readonly string root = Directory.CreateTempSubdirectory("s3xb-pack-").FullName;

    // Unique per run: the nuspec each pack writes to obj/ is named by version.
    private readonly string version = "0.0.0-pack." + Guid.NewGuid().ToString("N")[..12];

    public string Runtime => Path.Combine(root, $"S3Exchange.{version}.nupkg");

    public string RuntimeSymbols => Path.Combine(root, $"S3Exchange.{version}.snupkg");

    public string Tasks => Path.Combine(root, $"S3Exchange.Build.{version}.nupkg");

    /// <summary>The package of <paramref name="id"/> (one of those packed here).</summary>
    public string Package(string id) => id is "S3Exchange" or "S3Exchange.Build" or "S3Exchange.Extensions.DependencyInjection"
        ? Path.Combine(root, $"{id}.{version}.nupkg")
        : throw new ArgumentOutOfRangeException(nameof(id), id, "not packed here");

    /// <summary>The symbol package of <paramref name="id"/> (the packages with lib/ assemblies).</summary>
    public string Symbols(string id) => Path.ChangeExtension(Package(id), ".snupkg");

    public async Task InitializeAsync()
    {
        foreach (var project in new[] { DotnetCommand.Metadata("S3ExchangeRuntimeProject"), DotnetCommand.Metadata("S3ExchangeTasksProject"), DotnetCommand.Metadata("S3ExchangeDependencyInjectionProject") })
        {
            var binlog = Path.Combine(root, Path.GetFileNameWithoutExtension(project) + ".binlog");
            var result = await DotnetCommand.RunAsync(root, new Dictionary<string, string>(), binlog,
                "pack", project, "--no-build", "-c", DotnetCommand.Metadata("S3ExchangeConfiguration"), "-o", root, $"-p:PackageVersion={version}",
                // Without it the task package's own packing target (it resolves references) would build the runtime.
                "-p:BuildProjectReferences=false");
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed: {result}");
            }
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(root, recursive: true);
        return Task.CompletedTask;
    }
}
