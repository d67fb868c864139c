using System.Security.Cryptography;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace S3Exchange.Build.Tests.Infrastructure;

/// <summary>A temporary publish folder with files in it, deleted at the end of the test.</summary>
internal sealed class TestFiles : IDisposable
{
    public TestFiles()
    {
        Root = Path.Combine(Path.GetTempPath(), "s3xb-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Write(string relativePath, byte[] content, UnixFileMode? mode = null)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        if (mode is { } m)
        {
            File.SetUnixFileMode(path, m);
        }

        return path;
    }

    public string WriteRandom(string relativePath, int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return Write(relativePath, bytes);
    }

    /// <summary>Every file under the root as publish items (FullPath + RelativePath), as the targets pass them.</summary>
    public ITaskItem[] Items() => Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
        .Select(path => (ITaskItem)new TaskItem(path, new Dictionary<string, string> { ["RelativePath"] = Path.GetRelativePath(Root, path) }))
        .ToArray();

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }
    }
}
