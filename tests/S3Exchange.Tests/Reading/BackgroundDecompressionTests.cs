using Amazon.S3;
using Amazon.S3.Model;
using S3Exchange.Testing;
using S3Exchange.Tests.Faults;
using S3Exchange.Tests.Storage;

namespace S3Exchange.Tests.Reading;

/// <summary>
/// Iterating a sharded manifest decompresses each archive on a background task into a bounded
/// queue of pooled chunks (<see cref="DecompressedArchiveStream"/>): the queue holds at most its
/// bound whatever the archive's size; a break, a cancellation or a corrupt gzip stream (in the
/// archive being read or the one prefetched) returns every chunk and frees every connection, and
/// the failure is the <see cref="ShardReadException"/> naming the archive, skipped when allowed.
/// </summary>
[Collection("S3")]
public sealed class BackgroundDecompressionTests(S3ServerFixture server)
{
    private const string Manifest = "decompress/manifest.jsonl";
    private const int MemberBytes = 1024 * 1024;

    [Fact]
    public async Task A_reader_that_stops_holds_at_most_the_bound_and_disposing_returns_every_chunk_and_the_connection()
    {
        var store = server.CreateStore();
        var shard = (await PutShardsAsync(store, 1, ShardCompression.Gzip))[0];
        using var client = ReadingProbes.TwoConnectionClient(server, server.Endpoint);
        var storage = new S3ExchangeStore(client, server.Bucket, store.Options).Storage;
        var pool = new CountingPool();

        var archive = new DecompressedArchiveStream(storage, shard.Entry, CancellationToken.None, pool);
        Assert.Equal(1, await archive.ReadAsync(new byte[1]));

        // The archive (3 MiB of tar) is larger than the bound: the producer stops at it, queued, filling and read.
        const int bound = DecompressedArchiveStream.QueuedChunks + 2;
        await ReadingProbes.WaitUntilAsync(() => pool.Outstanding == bound);
        await archive.DisposeAsync();

        Assert.Equal((0, bound), (pool.Outstanding, pool.PeakOutstanding));
        await AssertBothConnectionsFreeAsync(client, shard.Entry.ArchiveKey);
    }

    [Fact]
    public async Task A_larger_queue_lets_the_producer_run_that_much_further_ahead_and_no_further()
    {
        var store = server.CreateStore();
        var shard = (await PutShardsAsync(store, 1, ShardCompression.Gzip))[0];
        var pool = new CountingPool();

        var archive = new DecompressedArchiveStream(store.Storage, shard.Entry, CancellationToken.None, pool, queuedChunks: 8);
        Assert.Equal(1, await archive.ReadAsync(new byte[1]));

        // 3 MiB of tar is 12 chunks: the producer stops at 8 queued, one filling and one read.
        const int bound = 8 + 2;
        await ReadingProbes.WaitUntilAsync(() => pool.Outstanding == bound);
        await archive.DisposeAsync();

        Assert.Equal((0, bound), (pool.Outstanding, pool.PeakOutstanding));
    }

    [Fact]
    public async Task With_room_for_whole_archives_ahead_every_member_is_read_whole_and_in_order()
    {
        var store = server.CreateStore();
        var shards = await PutShardsAsync(store, 3, ShardCompression.Gzip);

        var read = new List<(string?, string)>();
        await foreach (var item in store.ReadObjectsAsync(Manifest, new ReadObjectsOptions { DecompressAheadBytes = 32 * 1024 * 1024 }))
        {
            read.Add((item.Entry.MemberPath, TestData.Sha256(await TestData.ReadAllAsync(item.Content))));
        }

        Assert.Equal(Enumerable.Range(0, 9).Select(i => ((string?)$"m/{i:00}.bin", TestData.Sha256(TestData.Random(MemberBytes, 70 + i)))), read);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_decompress_ahead_that_is_not_positive_is_refused_naming_it_before_any_read(int bytes)
    {
        var store = server.CreateStore();

        // The manifest does not exist: reading it first would fail with ManifestNotFoundException.
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
        {
            await foreach (var item in store.ReadObjectsAsync("decompress/missing.jsonl", new ReadObjectsOptions { DecompressAheadBytes = bytes }))
            {
                Assert.Fail($"read {item.Entry.Key}");
            }
        });

        Assert.Equal(nameof(ReadObjectsOptions.DecompressAheadBytes), error.ParamName);
    }

    [Fact]
    public async Task Corrupt_gzip_fails_the_read_that_reaches_it_after_the_bytes_before_it_and_returns_every_chunk()
    {
        var store = server.CreateStore();
        var shard = (await PutShardsAsync(store, 1, ShardCompression.Gzip))[0];
        await CorruptAsync(shard);
        var pool = new CountingPool();

        var archive = new DecompressedArchiveStream(store.Storage, shard.Entry, CancellationToken.None, pool);
        var buffer = new byte[81920];
        long read = 0;
        await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            while (await archive.ReadAsync(buffer) is var n && n > 0)
            {
                read += n;
            }
        });
        await archive.DisposeAsync();

        Assert.True(read > 0, "the bytes decompressed before the corruption were handed out first");
        Assert.Equal(0, pool.Outstanding);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Corrupt_gzip_in_the_archive_read_or_prefetched_is_a_ShardReadException_naming_it_and_frees_the_connections(int corrupted)
    {
        await using var target = ProxiedStore.Create(server);
        var shards = await PutShardsAsync(target.Direct, 3, ShardCompression.Gzip);
        await CorruptAsync(shards[corrupted]);
        using var client = ReadingProbes.TwoConnectionClient(server, target.Proxy.Endpoint);
        var store = new S3ExchangeStore(client, server.Bucket, target.Direct.Options);

        var read = new List<string?>();
        var failure = await Assert.ThrowsAsync<ShardReadException>(async () =>
        {
            await foreach (var item in store.ReadObjectsAsync(Manifest))
            {
                read.Add(item.Entry.MemberPath);
                await ReadToEndAsync(item.Content);
            }
        });

        Assert.Equal(shards[corrupted].Entry.ArchiveKey, failure.ArchiveKey);
        Assert.Subset(shards.Take(corrupted + 1).SelectMany(s => s.Members).Select(m => m.MemberPath).ToHashSet(), read.ToHashSet());
        // The next archive was prefetched at most once, then let go (its GET may be cancelled before it is sent).
        Assert.InRange(ArchiveGets(target, shards[corrupted + 1])(), 0, 1);
        await AssertBothConnectionsFreeAsync(client, shards[2].Entry.ArchiveKey);
    }

    [Fact]
    public async Task A_corrupt_gzip_archive_is_skipped_when_allowed_and_every_other_member_read_whole()
    {
        var store = server.CreateStore();
        var shards = await PutShardsAsync(store, 3, ShardCompression.Gzip);
        await CorruptAsync(shards[1]);

        var query = store.ReadObjectsAsync(Manifest, new ReadObjectsOptions { SkipUnreadableShards = true });
        var read = new List<string?>();
        var members = shards.SelectMany(s => s.Members).ToList();
        await foreach (var item in query)
        {
            if (item.Entry.ArchiveKey != shards[1].Entry.ArchiveKey)
            {
                Assert.Equal(MemberBytes, await ReadToEndAsync(item.Content));
            }

            read.Add(item.Entry.MemberPath);
        }

        Assert.Equal(shards[1].Entry.ArchiveKey, Assert.Single(query.SkippedShards).ArchiveKey);
        var expected = new[] { shards[0], shards[2] }.SelectMany(s => s.Members).Select(m => m.MemberPath);
        Assert.Equal(expected, read.Where(p => !shards[1].Members.Any(m => m.MemberPath == p)));
    }

    [Theory]
    [InlineData(ShardCompression.Bzip2)]
    [InlineData(ShardCompression.None)]
    public async Task Bzip2_and_plain_tar_archives_iterate_whole_through_the_same_path(ShardCompression compression)
    {
        var store = server.CreateStore();
        var shards = await PutShardsAsync(store, 2, compression);

        var read = new List<(string?, long)>();
        await foreach (var item in store.ReadObjectsAsync(Manifest))
        {
            read.Add((item.Entry.MemberPath, await ReadToEndAsync(item.Content)));
        }

        Assert.Equal(shards.SelectMany(s => s.Members).Select(m => (m.MemberPath, (long)MemberBytes)), read);
    }

    [Fact]
    public async Task Cancelling_mid_archive_throws_and_frees_both_connections()
    {
        await using var target = ProxiedStore.Create(server);
        var shards = await PutShardsAsync(target.Direct, 3, ShardCompression.Gzip);
        using var client = ReadingProbes.TwoConnectionClient(server, target.Proxy.Endpoint);
        var store = new S3ExchangeStore(client, server.Bucket, target.Direct.Options);
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in store.ReadObjectsAsync(Manifest).WithCancellation(cancellation.Token))
            {
                await ReadingProbes.WaitUntilAsync(() => ArchiveGets(target, shards[1])() == 1);
                await cancellation.CancelAsync();
                await ReadToEndAsync(item.Content);
            }
        });

        Assert.Equal(0, ArchiveGets(target, shards[2])());
        await AssertBothConnectionsFreeAsync(client, shards[2].Entry.ArchiveKey);
    }

    // Three random members of 1 MiB per archive: 3 MiB of tar, twice the queue's bound.
    private static async Task<IReadOnlyList<Shard>> PutShardsAsync(S3ExchangeStore store, int count, ShardCompression compression)
    {
        var items = Enumerable.Range(0, 3 * count).Select(i => ShardItem.FromBytes($"m/{i:00}.bin", TestData.Random(MemberBytes, 70 + i)));
        var shards = await store.PutItemsAsShardsAsync(Manifest, items, new ShardingOptions { MaxEntries = 3, Compression = compression });
        Assert.Equal(count, shards.Count);
        return shards;
    }

    // Overwrites the middle third of the gzip stream with 0xFF (a deflate block type that does not exist).
    private async Task CorruptAsync(Shard shard)
    {
        using var response = await server.Client.GetObjectAsync(server.Bucket, shard.Entry.ArchiveKey);
        using var whole = new MemoryStream();
        await response.ResponseStream.CopyToAsync(whole);
        var bytes = whole.ToArray();
        Array.Fill(bytes, (byte)0xFF, bytes.Length / 3, bytes.Length / 3);
        await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = server.Bucket, Key = shard.Entry.ArchiveKey, InputStream = new MemoryStream(bytes) });
    }

    private static Func<int> ArchiveGets(ProxiedStore target, Shard shard) =>
        () => target.Proxy.Counters.RequestsTo("GET", $"/{target.Store.Bucket}/{shard.Entry.ArchiveKey}");

    // Two responses open at once need both connections: with one still held, the second GET would wait for ever.
    private async Task AssertBothConnectionsFreeAsync(AmazonS3Client client, string key)
    {
        var first = client.GetObjectAsync(server.Bucket, key);
        var second = client.GetObjectAsync(server.Bucket, key);
        using var firstResponse = await first.WaitAsync(ReadingProbes.Patience);
        using var secondResponse = await second.WaitAsync(ReadingProbes.Patience);
        Assert.Equal(firstResponse.ContentLength, secondResponse.ContentLength);
    }


    private static async Task<long> ReadToEndAsync(Stream content)
    {
        var buffer = new byte[81920];
        long total = 0;
        while (await content.ReadAsync(buffer) is var read && read > 0)
        {
            total += read;
        }

        return total;
    }
}
