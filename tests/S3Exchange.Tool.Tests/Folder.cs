namespace S3Exchange.Tool.Tests;

/// <summary>A temporary folder of files, deleted on dispose.</summary>
internal sealed class Folder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("s3x-cli-").FullName;

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

    public IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/')).Order(StringComparer.Ordinal);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
