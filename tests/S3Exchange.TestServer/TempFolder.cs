namespace S3Exchange.Testing;

/// <summary>A temporary folder of seeded random files to publish, or to fetch into; deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("s3x-transfer-").FullName;

    public string Write(string relative, int size, int seed, UnixFileMode? mode = null)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        if (mode is { } unixMode && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, unixMode);
        }

        return path;
    }

    public PublishRequest Request(string manifestKey = "builds/App/1.0/manifest.jsonl", string contentPrefix = "builds/App/content") => new()
    {
        Folder = Root,
        Files = PublishSource.FromFolder(Root),
        ManifestKey = manifestKey,
        ContentPrefix = contentPrefix,
    };

    public IEnumerable<string> AllFiles() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/')).Order(StringComparer.Ordinal);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
