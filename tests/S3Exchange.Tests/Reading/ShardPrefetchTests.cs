using Amazon.S3.Model;
using S3Exchange.Testing;
using S3Exchange.Tests.Faults;

namespace S3Exchange.Tests.Reading;

/// <summary>
/// Iterating a sharded manifest sends the next archive's GET while the current archive is read
/// (one ahead, no more); a prefetched response that is never used is disposed and its
/// connection released; and a prefetched shard that cannot be read is still skipped when
/// <see cref="ReadObjectsOptions.SkipUnreadableShards"/> says so.
/// </summary>
[Collection("S3")]
public sealed class ShardPrefetchTests(S3ServerFixture server)
{
    private const string Manifest = "prefetch/manifest.jsonl";

    [Fact]
    public async Task The_next_archives_GET_reaches_the_server_while_the_current_archive_is_read_and_no_further_one()
    {
        await using var target = ProxiedStore.Create(server);
        var shards = await PutShardsAsync(target.Direct, 3);
        var gets = shards.Select(s => ArchiveGets(target, s)).ToList();

        var read = new List<string?>();
        await foreach (var item in target.Store.ReadObjectsAsync(Manifest))
        {
            if (read.Count == 0)
            {
                // The first member of the first archive is in hand: the second archive's GET is on its way.
                await ReadingProbes.WaitUntilAsync(() => gets[1]() == 1);
                Assert.Equal((1, 1, 0), (gets[0](), gets[1](), gets[2]()));
            }

            read.Add(item.Entry.MemberPath);
        }

        Assert.Equal(shards.SelectMany(s => s.Members).Select(m => m.MemberPath), read);
        Assert.Equal([1, 1, 1], gets.Select(g => g()));
    }

    [Fact]
    public async Task Breaking_off_after_the_first_member_disposes_the_prefetched_response_and_frees_its_connection()
    {
        await using var target = ProxiedStore.Create(server);
        var shards = await PutShardsAsync(target.Direct, 3);
        var secondGets = ArchiveGets(target, shards[1]);

        // Two connections: a response left open would hold one of them for good.
        using var client = ReadingProbes.TwoConnectionClient(server, target.Proxy.Endpoint);
        var store = new S3ExchangeStore(client, server.Bucket, target.Direct.Options);
        await foreach (var item in store.ReadObjectsAsync(Manifest))
        {
            await ReadingProbes.WaitUntilAsync(() => secondGets() == 1);
            break;
        }

        // Two responses open at once need both connections: with one still held, the second GET would wait for ever.
        var first = client.GetObjectAsync(server.Bucket, shards[0].Entry.ArchiveKey);
        var second = client.GetObjectAsync(server.Bucket, shards[2].Entry.ArchiveKey);
        using var firstResponse = await first.WaitAsync(ReadingProbes.Patience);
        using var secondResponse = await second.WaitAsync(ReadingProbes.Patience);
        Assert.Equal((shards[0].Entry.SizeBytes, shards[2].Entry.SizeBytes), (firstResponse.ContentLength, secondResponse.ContentLength));
        Assert.Equal(1, ArchiveGets(target, shards[2])());   // the third archive was never prefetched, only fetched here
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_prefetched_shard_that_is_missing_or_corrupt_is_skipped_and_the_next_one_read(bool corrupt)
    {
        var store = server.CreateStore();
        var shards = await PutShardsAsync(store, 3);
        var broken = shards[1].Entry.ArchiveKey;
        await server.Client.DeleteObjectAsync(server.Bucket, broken);
        if (corrupt)
        {
            await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = server.Bucket, Key = broken, ContentBody = new string('z', 3000) });
        }

        var query = store.ReadObjectsAsync(Manifest, new ReadObjectsOptions { SkipUnreadableShards = true });
        var read = new List<string?>();
        await foreach (var item in query)
        {
            read.Add(item.Entry.MemberPath);
        }

        Assert.Equal(new[] { shards[0], shards[2] }.SelectMany(s => s.Members).Select(m => m.MemberPath), read);
        Assert.Equal(broken, Assert.Single(query.SkippedShards).ArchiveKey);
    }

    // Three members of 256 KiB per archive, plain tar (gzip would make the test about codecs).
    private static async Task<IReadOnlyList<Shard>> PutShardsAsync(S3ExchangeStore store, int count)
    {
        var items = Enumerable.Range(0, 3 * count).Select(i => ShardItem.FromBytes($"m/{i:00}.bin", TestData.Random(256 * 1024, 40 + i)));
        var shards = await store.PutItemsAsShardsAsync(Manifest, items, new ShardingOptions { MaxEntries = 3, Compression = ShardCompression.None });
        Assert.Equal(count, shards.Count);
        return shards;
    }

    private static Func<int> ArchiveGets(ProxiedStore target, Shard shard) =>
        () => target.Proxy.Counters.RequestsTo("GET", $"/{target.Store.Bucket}/{shard.Entry.ArchiveKey}");
}
