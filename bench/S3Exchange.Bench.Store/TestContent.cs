namespace S3Exchange.Bench.Store;

/// <summary>
/// Deterministic member content, cut from one pool of pseudo-random bytes so that thousands of
/// items cost no memory of their own. Each byte carries 6 random bits: gzip shrinks it to about
/// 80% with real Huffman work, like media or feature files, neither free nor incompressible.
/// </summary>
internal sealed class TestContent
{
    private const int PoolSize = 32 * 1024 * 1024;

    private readonly byte[] pool;

    public TestContent(int seed = 20261125)
    {
        pool = new byte[PoolSize];
        new Random(seed).NextBytes(pool);
        for (var i = 0; i < pool.Length; i++)
        {
            pool[i] &= 0x3F;
        }
    }

    /// <summary><paramref name="length"/> bytes for item <paramref name="index"/>; different items start at different places.</summary>
    public ReadOnlyMemory<byte> Slice(int index, int length)
    {
        if (length > PoolSize)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"Items are at most {PoolSize} bytes.");
        }

        // A large odd stride spreads starts over the pool; the modulus keeps the slice inside it.
        var start = (int)((index * 2_654_435_761L) % (PoolSize - length + 1));
        return pool.AsMemory(start, length);
    }

    /// <summary>Sizes in [<paramref name="min"/>, <paramref name="max"/>], the same sequence every run.</summary>
    public static int[] Sizes(int count, int min, int max, int seed = 7)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.Next(min, max + 1)).ToArray();
    }

    /// <summary>Shard items over this content, named <c>items/00000.bin</c>, …</summary>
    public List<ShardItem> Items(int[] sizes) =>
        sizes.Select((size, i) => ShardItem.FromBytes($"items/{i:00000}.bin", Slice(i, size))).ToList();

    /// <summary>A stream of <paramref name="length"/> bytes of this content, repeated as needed, generated as it is read.</summary>
    public Stream OpenStream(long length) => new RepeatingStream(pool, length);
}
