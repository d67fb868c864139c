namespace S3Exchange.Bench.Publish;

/// <summary>The benchmark's inputs.</summary>
internal static class BenchmarkFolder
{
    /// <summary>The shared runtimes of the SDK running the benchmark: what a self-contained ASP.NET Core app publishes.</summary>
    public static readonly string DotnetShared = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", ".."));

    /// <summary>Seeded random (incompressible) files, so every run uploads the same bytes.</summary>
    public static (int Count, long Bytes) Create(string folder, int smallFiles, int largeFiles)
    {
        var random = new Random(42);
        long total = 0;
        for (var i = 0; i < smallFiles; i++)
        {
            var content = new byte[random.Next(4 * 1024, (64 * 1024) + 1)];
            random.NextBytes(content);
            total += Write(Path.Combine(folder, $"lib/{i % 50:00}/file-{i:00000}.dll"), content);
        }

        for (var i = 0; i < largeFiles; i++)
        {
            var content = new byte[20 * 1024 * 1024];
            random.NextBytes(content);
            total += Write(Path.Combine(folder, $"data/large-{i}.bin"), content);
        }

        return (smallFiles + largeFiles, total);
    }

    /// <summary>Real build output (compressible DLLs and native libraries): a copy of <paramref name="source"/>.</summary>
    public static (int Count, long Bytes) Copy(string source, string folder)
    {
        int count = 0;
        long total = 0;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            count++;
            total += new FileInfo(target).Length;
        }

        return (count, total);
    }

    private static long Write(string path, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return content.Length;
    }
}
