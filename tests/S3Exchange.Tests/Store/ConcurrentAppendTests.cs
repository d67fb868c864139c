using S3Exchange.Testing;
using S3Exchange.Tests.Faults;

namespace S3Exchange.Tests.Store;

[Collection("S3")]
public sealed class ConcurrentAppendTests(S3ServerFixture server)
{
    private const int Writers = 8;
    private const int AppendsEach = 10;
    private const string SharedRoot = "shared/manifest.jsonl";

    [Fact]
    public async Task Eight_writers_appending_ten_times_each_at_default_settings_collide_retry_and_lose_no_reference()
    {
        await using var target = ProxiedStore.Create(server);
        await AssertNoReferenceLostAsync(target.Store);

        // Counted at the proxy, outside the library: more root writes than appends means the
        // writers collided and retried; the test above would prove little if they never had.
        var rootWrites = target.Proxy.Counters.RequestsTo("PUT", $"/{target.Store.Bucket}/{target.Store.ResolveKey(SharedRoot)}");
        Assert.True(rootWrites > Writers * AppendsEach, $"{rootWrites} root writes for {Writers * AppendsEach} appends: no collision happened.");
        Assert.True(target.Store.ConditionalWrites.UsesConditionalWrites, target.Store.ConditionalWrites.Detected);
    }

    [Fact]
    public async Task Appends_that_lose_every_attempt_fail_with_a_conflict_and_leave_no_part_behind()
    {
        var store = server.CreateStore(new S3ExchangeStoreOptions { ManifestUpdateAttempts = 1 });
        using var start = new Barrier(Writers);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var conflicts = new List<ManifestConflictException>();
            start.SignalAndWait();
            for (var i = 0; i < 4; i++)
            {
                try
                {
                    await store.WriteManifestAsync(SharedRoot, [new FileEntry($"w{writer}-{i}")], ManifestWriteMode.AppendParts);
                }
                catch (ManifestConflictException ex)
                {
                    conflicts.Add(ex);
                }
            }

            return conflicts;
        })));

        var conflicts = outcomes.SelectMany(c => c).ToList();
        Assert.NotEmpty(conflicts);
        Assert.All(conflicts, c => Assert.Equal(store.ResolveKey(SharedRoot), c.ManifestKey));
        var refs = (await store.ReadManifestEntriesAsync(SharedRoot, resolveRefs: false).ToListAsync()).Cast<ManifestRefEntry>().Select(r => r.Key).ToList();
        Assert.Equal((Writers * 4) - conflicts.Count, refs.Count);
        Assert.DoesNotContain(conflicts, c => refs.Contains(c.PartKey));
        var parts = await store.ListKeysAsync("shared/manifests/").ToListAsync();
        Assert.Equal(refs.Order(), parts.Order());
    }

    [Fact]
    public async Task Eight_writers_appending_ten_times_each_lose_no_reference_with_verify_and_repair()
    {
        var store = server.CreateStore(new S3ExchangeStoreOptions
        {
            ConditionalWrites = ConditionalWriteMode.VerifyAndRepair,
            VerifyDelay = TimeSpan.FromMilliseconds(400),
            ManifestUpdateAttempts = 200,
        });
        await AssertNoReferenceLostAsync(store);
    }

    private static async Task AssertNoReferenceLostAsync(S3ExchangeStore store)
    {
        var written = await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var keys = new List<string>();
            for (var i = 0; i < AppendsEach; i++)
            {
                var key = $"w{writer}-{i}";
                await store.WriteManifestAsync(SharedRoot, [new FileEntry(key)], ManifestWriteMode.AppendParts);
                keys.Add(key);
            }

            return keys;
        })));

        var root = await store.ReadManifestEntriesAsync(SharedRoot, resolveRefs: false).ToListAsync();
        var refs = root.Cast<ManifestRefEntry>().Select(r => r.Key).ToList();
        Assert.Equal(Writers * AppendsEach, refs.Count);
        Assert.Equal(refs.Count, refs.Distinct().Count());

        var files = (await store.ReadManifestEntriesAsync(SharedRoot).ToListAsync()).Cast<FileEntry>().Select(f => f.Key).Order();
        Assert.Equal(written.SelectMany(k => k).Order(), files);

        var parts = await store.ListKeysAsync("shared/manifests/").ToListAsync();
        Assert.Equal(refs.Order(), parts.Order());
    }
}
