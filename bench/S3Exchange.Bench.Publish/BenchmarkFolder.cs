namespace S3Exchange.Bench.Publish;

/// <summary>The benchmark's input: seeded random (incompressible) files, so every run uploads the same bytes.</summary>
internal static class BenchmarkFolder
{
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

    private static long Write(string path, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return content.Length;
    }
}
