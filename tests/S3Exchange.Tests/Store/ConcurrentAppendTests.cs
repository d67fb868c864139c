using S3Exchange.Testing;
using S3Exchange.Tests.Faults;
using Xunit.Abstractions;

namespace S3Exchange.Tests.Store;

[Collection("S3")]
public sealed class ConcurrentAppendTests(S3ServerFixture server, ITestOutputHelper output)
{
    private const int Writers = 8;
    private const int AppendsEach = 10;
    private const string SharedRoot = "shared/manifest.jsonl";

    [Fact]
    public async Task Eight_writers_starting_together_at_default_settings_are_refused_with_412_retry_and_list_every_entry_once()
    {
        await using var target = ProxiedStore.Create(server);
        var defaults = new S3ExchangeStoreOptions();
        Assert.Equal((defaults.ManifestUpdateAttempts, defaults.VerifyDelay, defaults.ConditionalWrites), (target.Store.Options.ManifestUpdateAttempts, target.Store.Options.VerifyDelay, target.Store.Options.ConditionalWrites));
        await AssertNoReferenceLostAsync(target.Store);

        // Counted at the proxy from the server's answers, outside the library: a refused root
        // write (412, or AWS's 409 for a race) is a collision; every append still landed, so each
        // refused writer retried until it won.
        var root = $"/{target.Store.Bucket}/{target.Store.ResolveKey(SharedRoot)}";
        var counters = target.Proxy.Counters;
        var answers = counters.AnswersTo("PUT", root);
        var refused = answers.GetValueOrDefault(412) + answers.GetValueOrDefault(409);
        var written = answers.GetValueOrDefault(200);
        var seen = $"{counters.RequestsTo("PUT", root)} root writes, answered {string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Key}: {a.Value}"))}, for {Writers * AppendsEach} appends";
        output.WriteLine($"{server.Kind}: {seen}");
        Assert.True(refused > 0, $"No root write was refused ({seen}): the writers never collided.");
        Assert.True(written >= Writers * AppendsEach, seen);
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

    // The writers wait for one start signal, so all eight race for the first appends at once.
    private static async Task AssertNoReferenceLostAsync(S3ExchangeStore store)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, Writers).Select(writer => AppendEachAsync(store, writer, start.Task)).ToList();
        start.SetResult();
        var written = await Task.WhenAll(writers);

        var root = await store.ReadManifestEntriesAsync(SharedRoot, resolveRefs: false).ToListAsync();
        var refs = root.Cast<ManifestRefEntry>().Select(r => r.Key).ToList();
        Assert.Equal(Writers * AppendsEach, refs.Count);
        Assert.Equal(refs.Count, refs.Distinct().Count());

        var files = (await store.ReadManifestEntriesAsync(SharedRoot).ToListAsync()).Cast<FileEntry>().Select(f => f.Key).Order();
        Assert.Equal(written.SelectMany(k => k).Order(), files);

        var parts = await store.ListKeysAsync("shared/manifests/").ToListAsync();
        Assert.Equal(refs.Order(), parts.Order());
    }

    private static async Task<List<string>> AppendEachAsync(S3ExchangeStore store, int writer, Task start)
    {
        await start;
        var keys = new List<string>();
        for (var i = 0; i < AppendsEach; i++)
        {
            var key = $"w{writer}-{i}";
            await store.WriteManifestAsync(SharedRoot, [new FileEntry(key)], ManifestWriteMode.AppendParts);
            keys.Add(key);
        }

        return keys;
    }
}
