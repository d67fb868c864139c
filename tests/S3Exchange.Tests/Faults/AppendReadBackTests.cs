using S3Exchange.Testing;

namespace S3Exchange.Tests.Faults;

/// <summary>
/// On an S3-compatible server a 200 to If-Match is not trusted: moto (under load) and Ceph RGW
/// 16 were seen answering 200 to two root writes on one ETag, losing one reference. Requests
/// are counted at a pass-through proxy.
/// </summary>
[Collection("S3")]
public sealed class AppendReadBackTests(S3ServerFixture server)
{
    private const string Root = "readback/manifest.jsonl";

    [Fact]
    public async Task By_default_every_append_on_an_S3_compatible_server_reads_the_root_back_after_its_write()
    {
        await using var target = ProxiedStore.Create(server, options: new S3ExchangeStoreOptions { VerifyDelay = TimeSpan.FromMilliseconds(20) });

        await AppendThreeAsync(target);

        Assert.True(target.Store.ConditionalWrites.VerifiesAfterWrite);
        Assert.Equal(3, target.Proxy.Counters.RequestsTo("PUT", RootPath(target)));
        Assert.Equal(6, target.Proxy.Counters.RequestsTo("GET", RootPath(target)));   // a read before and a read back after each write
    }

    [Fact]
    public async Task A_server_declared_atomic_is_trusted_one_read_and_one_write_per_append_unless_it_shows_RGWs_difference()
    {
        await using var target = ProxiedStore.Create(server, options: new S3ExchangeStoreOptions { AtomicConditionalWrites = true, VerifyDelay = TimeSpan.FromMilliseconds(20) });

        await AppendThreeAsync(target);

        // RGW's bare-ETag answer to the probe turns read-back on whatever was declared.
        var readBack = server.Kind == S3ServerKind.CephRgw;
        Assert.Equal(readBack, target.Store.ConditionalWrites.VerifiesAfterWrite);
        Assert.Equal(3, target.Proxy.Counters.RequestsTo("PUT", RootPath(target)));
        Assert.Equal(readBack ? 6 : 3, target.Proxy.Counters.RequestsTo("GET", RootPath(target)));
    }

    private static async Task AppendThreeAsync(ProxiedStore target)
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            await target.Store.WriteManifestAsync(Root, [new FileEntry(name)], ManifestWriteMode.AppendParts);
        }

        var files = (await target.Direct.ReadManifestEntriesAsync(Root).ToListAsync()).Cast<FileEntry>().Select(f => f.Key);
        Assert.Equal(["a", "b", "c"], files);
    }

    private static string RootPath(ProxiedStore target) => $"/{target.Store.Bucket}/{target.Store.ResolveKey(Root)}";
}
