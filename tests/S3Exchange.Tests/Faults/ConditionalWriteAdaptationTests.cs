using S3Exchange.Testing;

namespace S3Exchange.Tests.Faults;

/// <summary>
/// How a store adapts to servers that read conditional writes differently, each server's
/// answer played by <see cref="FaultProxy"/> in front of the real one: appends stay whole, the
/// store says what it found, and <see cref="ConditionalWriteMode.Required"/> refuses to guess.
/// </summary>
[Collection("S3")]
public sealed class ConditionalWriteAdaptationTests(S3ServerFixture server)
{
    private const string Root = "c/manifest.jsonl";
    private const int Appends = 4;

    private static readonly S3ExchangeStoreOptions FastVerify = new() { VerifyDelay = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task A_server_that_takes_only_bare_ETags_gets_them_and_every_append_is_read_back()
    {
        await using var target = ProxiedStore.Create(server, options: FastVerify);
        target.Proxy.Plan = FaultPlan.Always(Fault.Answer(412, "PreconditionFailed")).Where(r => r.Header("If-Match")?.StartsWith('"') == true);

        await AppendAsync(target.Store);

        var status = target.Store.ConditionalWrites;
        Assert.True(status is { UsesConditionalWrites: true, SendsBareETags: true, VerifiesAfterWrite: true }, status.ToString());
        Assert.Contains("bare ETag", status.Detected);
        Assert.Equal(1, target.Proxy.Counters.Count(FaultKind.ErrorAnswer));
        await AssertEveryAppendStandsAsync(target.Direct);
    }

    [Fact]
    public async Task A_server_that_refuses_every_If_Match_makes_Auto_fall_back_to_verify_and_repair()
    {
        await using var target = ProxiedStore.Create(server, options: FastVerify);
        target.Proxy.Plan = FaultPlan.Always(Fault.Answer(412, "PreconditionFailed")).Where(r => r.Header("If-Match") is not null);

        await AppendAsync(target.Store);

        var status = target.Store.ConditionalWrites;
        Assert.False(status.UsesConditionalWrites);
        Assert.Contains("quoted and bare", status.Detected);
        Assert.Contains("verify-and-repair", status.Detected);
        Assert.Equal(2, target.Proxy.Counters.Count(FaultKind.ErrorAnswer));
        await AssertEveryAppendStandsAsync(target.Direct);
    }

    [Fact]
    public async Task A_root_whose_unchanged_ETag_is_refused_makes_Auto_fall_back_and_the_append_still_lands()
    {
        await using var target = ProxiedStore.Create(server, options: FastVerify);
        target.Proxy.Plan = FaultPlan.Always(Fault.Answer(412, "PreconditionFailed")).Where(r => r.Header("If-Match") is not null && target.Targets(r, Root));

        await AppendAsync(target.Store);

        var status = target.Store.ConditionalWrites;
        Assert.False(status.UsesConditionalWrites);
        Assert.Contains($"current ETag of '{target.Store.ResolveKey(Root)}'", status.Detected);
        Assert.Equal(1, target.Proxy.Counters.Count(FaultKind.ErrorAnswer));
        await AssertEveryAppendStandsAsync(target.Direct);
    }

    [Fact]
    public async Task A_server_without_conditional_writes_makes_Auto_fall_back_on_its_501()
    {
        await using var target = ProxiedStore.Create(server, options: FastVerify);
        target.Proxy.Plan = FaultPlan.Always(Fault.Answer(501, "NotImplemented")).Where(IsConditional);

        await AppendAsync(target.Store);

        Assert.False(target.Store.ConditionalWrites.UsesConditionalWrites);
        Assert.Contains("501", target.Store.ConditionalWrites.Detected);
        Assert.Equal(1, target.Proxy.Counters.Count(FaultKind.ErrorAnswer));
        await AssertEveryAppendStandsAsync(target.Direct);
    }

    [Fact]
    public async Task Required_mode_on_a_server_that_refuses_every_If_Match_throws_naming_it_and_leaves_no_part()
    {
        await using var target = ProxiedStore.Create(server, options: FastVerify with { ConditionalWrites = ConditionalWriteMode.Required });
        target.Proxy.Plan = FaultPlan.Always(Fault.Answer(412, "PreconditionFailed")).Where(r => r.Header("If-Match") is not null);

        var ex = await Assert.ThrowsAsync<ConditionalWritesNotSupportedException>(() => target.Store.WriteManifestAsync(Root, [new FileEntry("a")], ManifestWriteMode.AppendParts));

        Assert.Contains("quoted and bare", ex.Message);
        Assert.StartsWith(target.Store.ResolveKey("c/manifests/part-"), ex.Key);
        Assert.Empty(await target.Direct.ListKeysAsync("c/").ToListAsync());
        Assert.True(target.Store.ConditionalWrites.UsesConditionalWrites);
    }

    [Fact]
    public async Task Required_mode_on_a_server_without_conditional_writes_throws_and_leaves_no_part()
    {
        await using var target = ProxiedStore.Create(server, options: FastVerify with { ConditionalWrites = ConditionalWriteMode.Required });
        target.Proxy.Plan = FaultPlan.Always(Fault.Answer(501, "NotImplemented")).Where(IsConditional);

        await Assert.ThrowsAsync<ConditionalWritesNotSupportedException>(() => target.Store.WriteManifestAsync(Root, [new FileEntry("a")], ManifestWriteMode.AppendParts));

        Assert.Empty(await target.Direct.ListKeysAsync("c/").ToListAsync());
    }

    private static bool IsConditional(ProxiedRequest request) => request.Header("If-Match") is not null || request.Header("If-None-Match") is not null;

    private static async Task AppendAsync(S3ExchangeStore store)
    {
        for (var i = 0; i < Appends; i++)
        {
            await store.WriteManifestAsync(Root, [new FileEntry($"f{i}")], ManifestWriteMode.AppendParts);
        }
    }

    private static async Task AssertEveryAppendStandsAsync(S3ExchangeStore direct)
    {
        var refs = (await direct.ReadManifestEntriesAsync(Root, resolveRefs: false).ToListAsync()).Cast<ManifestRefEntry>().Select(r => r.Key).ToList();
        Assert.Equal(Appends, refs.Distinct().Count());
        Assert.Equal(Appends, refs.Count);
        var files = (await direct.ReadManifestEntriesAsync(Root).ToListAsync()).Cast<FileEntry>().Select(f => f.Key);
        Assert.Equal(Enumerable.Range(0, Appends).Select(i => $"f{i}"), files);
        Assert.Equal(refs.Order(), (await direct.ListKeysAsync("c/manifests/").ToListAsync()).Order());
    }
}
