using S3Exchange.Testing;
using Xunit.Abstractions;

namespace S3Exchange.Tests.Streaming;

/// <summary>
/// README "Shards": "Reading streams: response → decompressor → tar, member by member; memory is
/// bounded by what the caller reads, never the archive", and "Performance": "writing a shard
/// holds at most (1 + MaxConcurrentPartsPerUpload) × PartSizeBytes whatever its size". Measured
/// as bytes allocated by the whole process (<see cref="GC.GetTotalAllocatedBytes(bool)"/>, exact)
/// around one operation on 64 MiB: async continuations run on pool threads, so a per-thread
/// count would miss most of it, and the collection runs alone, so nothing else is counted. Each
/// operation is first run once on a small archive, so first-call costs (JIT, the SDK's caches)
/// are not counted. The content is pseudo-random, produced as it is read, never held.
/// </summary>
[Collection(S3AloneCollection.Name)]
public sealed class StreamingMemoryTests(S3ServerFixture server, ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;
    private const long Large = 64 * MiB;

    // A quarter of what is read: whole-archive (or whole-member) buffering allocates at least
    // 64 MiB (a growing MemoryStream about twice that) and fails it by far.
    private const long ReadBudget = 16 * MiB;

    [Fact]
    public async Task Reading_a_64_MiB_member_by_its_entry_or_its_virtual_key_allocates_under_16_MiB()
    {
        var store = server.CreateStore();
        var small = await store.PutShardArchiveAsync("m/small.tar", [Item("big.bin", 64 * 1024, 1)], ShardCompression.None);
        var large = await store.PutShardArchiveAsync("m/large.tar", [Item("big.bin", Large, 2)], ShardCompression.None);
        using var sink = new Sha256Sink();
        await CopyAsync(store.OpenAsync(small.Members[0]), sink);
        await CopyAsync(store.GetObjectAsync("m/small.tar#big.bin"), sink);
        sink.TakeSha256();

        var byEntry = await AllocatedAsync(() => CopyAsync(store.OpenAsync(large.Members[0]), sink));
        var byEntrySha256 = sink.TakeSha256();
        var byKey = await AllocatedAsync(() => CopyAsync(store.GetObjectAsync("m/large.tar#big.bin"), sink));
        var byKeySha256 = sink.TakeSha256();

        Report($"64 MiB member by entry: {Megabytes(byEntry)}, by virtual key (index included): {Megabytes(byKey)}");
        var expected = PseudoRandomStream.Sha256(Large, 2);
        Assert.Equal((expected, expected), (byEntrySha256, byKeySha256));
        Assert.True(byEntry < ReadBudget, $"reading a 64 MiB member by its entry allocated {Megabytes(byEntry)}");
        Assert.True(byKey < ReadBudget, $"reading a 64 MiB member by its virtual key allocated {Megabytes(byKey)}");
    }

    [Theory]
    [InlineData(ShardCompression.None)]
    [InlineData(ShardCompression.Gzip)]
    public async Task Iterating_a_64_MiB_shard_reading_each_member_to_its_end_allocates_under_16_MiB(ShardCompression compression)
    {
        // Fastest: incompressible content stays 64 MiB either way, and is written 5× sooner.
        var store = server.CreateStore(new S3ExchangeStoreOptions { ShardCompressionLevel = 1 });
        const int Members = 16;
        const long MemberBytes = Large / Members;
        var extension = ShardCompressionNames.FileExtension(compression);
        var small = await store.PutShardArchiveAsync("small/shard" + extension, Enumerable.Range(0, 2).Select(i => Item($"{i:00}.bin", 64 * 1024, (ulong)i)), compression);
        var large = await store.PutShardArchiveAsync("large/shard" + extension, Enumerable.Range(0, Members).Select(i => Item($"{i:00}.bin", MemberBytes, 100 + (ulong)i)), compression);
        Assert.True(large.Entry.SizeBytes >= Large, $"the archive is {large.Entry.SizeBytes} bytes");
        await store.WriteManifestAsync("small/manifest.jsonl", [small.Entry]);
        await store.WriteManifestAsync("large/manifest.jsonl", [large.Entry]);
        using var sink = new Sha256Sink();
        var hashes = new string[Members];
        await IterateAsync(store, "small/manifest.jsonl", sink, hashes);

        var allocated = await AllocatedAsync(() => IterateAsync(store, "large/manifest.jsonl", sink, hashes));

        Report($"iterating a 64 MiB {compression} shard of {Members} members: {Megabytes(allocated)}");
        Assert.Equal(Enumerable.Range(0, Members).Select(i => PseudoRandomStream.Sha256(MemberBytes, 100 + (ulong)i)), hashes);
        Assert.True(allocated < ReadBudget, $"iterating a 64 MiB {compression} shard allocated {Megabytes(allocated)}");
    }

    [Fact]
    public async Task Writing_a_64_MiB_shard_holds_at_most_its_documented_part_buffers_and_allocates_little_else()
    {
        // 16 MiB parts, one in flight: the documented bound is (1 + 1) part buffers, 32 MiB for
        // an archive of five parts, leased from the store's budget (128 MiB, so it does not
        // bind here). The writer outpaces the upload, so it fills the next part while one is in
        // flight: the bound is reached, and a buffer leased too early would show as a third.
        // Bytes allocated besides the buffers the budget allocated must stay a few MiB, which an
        // archive buffered anywhere whole (64 MiB) fails.
        const int PartSize = 16 * (int)MiB;
        const int PartsInFlight = 1;
        const long OtherBudget = 4 * MiB;
        var warm = server.CreateStore(new S3ExchangeStoreOptions { PartSizeBytes = PartSize, MaxConcurrentPartsPerUpload = PartsInFlight });
        await warm.PutShardArchiveAsync("w/warm.tar", [Item("a.bin", PartSize + (64 * 1024), 1)], ShardCompression.None);
        var store = server.CreateStore(new S3ExchangeStoreOptions { PartSizeBytes = PartSize, MaxConcurrentPartsPerUpload = PartsInFlight });
        Shard? shard = null;
        var allocated = await AllocatedAsync(async () => shard = await store.PutShardArchiveAsync("w/large.tar", [Item("big.bin", Large, 3)], ShardCompression.None));
        var other = allocated - store.Buffers.AllocatedBytes;

        Report($"writing a 64 MiB plain shard in 16 MiB parts, 1 in flight: {Megabytes(allocated)} allocated, {Megabytes(store.Buffers.AllocatedBytes)} of them part buffers; at most {Megabytes(store.Buffers.PeakLeasedBytes)} leased at once; {Megabytes(other)} besides");
        Assert.True(shard!.Entry.SizeBytes > Large);
        Assert.Equal((1 + PartsInFlight) * (long)PartSize, store.Buffers.PeakLeasedBytes);
        Assert.Equal((1 + PartsInFlight) * (long)PartSize, store.Buffers.AllocatedBytes);   // the two buffers are reused for all five parts
        Assert.Equal(0, store.Buffers.LeasedBytes);
        Assert.True(other < OtherBudget, $"writing a 64 MiB shard allocated {Megabytes(other)} besides its part buffers");
    }

    private static ShardItem Item(string path, long size, ulong seed) =>
        ShardItem.FromStream(path, size, _ => ValueTask.FromResult<Stream>(new PseudoRandomStream(size, seed)));

    private static async Task CopyAsync(Task<Stream> opening, Stream sink)
    {
        var content = await opening;
        await using (content)
        {
            await content.CopyToAsync(sink);
        }
    }

    private static async Task IterateAsync(S3ExchangeStore store, string manifestKey, Sha256Sink sink, string[] hashes)
    {
        var i = 0;
        await foreach (var item in store.ReadObjectsAsync(manifestKey))
        {
            await using (item)
            {
                await item.Content.CopyToAsync(sink);
                hashes[i++] = sink.TakeSha256();
            }
        }
    }

    private static async Task<long> AllocatedAsync(Func<Task> operation)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await operation();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    private static string Megabytes(long bytes) => $"{bytes / (double)MiB:0.00} MiB";

    private void Report(string line) => output.WriteLine(line);
}
