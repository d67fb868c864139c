using System.IO.Compression;
using System.Xml.Linq;

namespace S3Exchange.Testing;

/// <summary>
/// A packed <c>.nupkg</c> or <c>.snupkg</c> read as NuGet reads it: a zip with the <c>.nuspec</c>
/// at its root. The package tests assert on what it holds.
/// </summary>
public sealed class PackageFile : IDisposable
{
    /// <summary>The project's public home, which every package names (src/Directory.Build.props).</summary>
    public const string RepositoryUrl = "https://github.com/s3exchange/s3exchange-dotnet";

    private readonly ZipArchive zip;

    public PackageFile(string path)
    {
        Path = path;
        zip = ZipFile.OpenRead(path);
        Entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        var nuspec = Entries.Single(e => !e.Contains('/', StringComparison.Ordinal) && e.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = zip.GetEntry(nuspec)!.Open();
        var document = XDocument.Load(stream);
        Metadata = document.Root!.Element(document.Root.Name.Namespace + "metadata")!;
    }

    public string Path { get; }

    /// <summary>Every entry's path inside the package ('/' separated).</summary>
    public IReadOnlySet<string> Entries { get; }

    /// <summary>The nuspec's &lt;metadata&gt; element.</summary>
    public XElement Metadata { get; }

    /// <summary>A child element of &lt;metadata&gt; by local name (the nuspec's namespace varies by version); null when absent.</summary>
    public XElement? Element(string name) => Metadata.Element(Metadata.Name.Namespace + name);

    public byte[] ReadAllBytes(string entry)
    {
        using var stream = zip.GetEntry(entry)?.Open() ?? throw new FileNotFoundException($"{Path} has no {entry}");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public void Dispose() => zip.Dispose();
}
