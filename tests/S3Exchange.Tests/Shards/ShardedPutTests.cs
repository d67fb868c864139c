namespace S3Exchange.Tests.Shards;

/// <summary>The commit order and the clean-up of a sharded put, with uploads, deletes and the manifest write in memory.</summary>
public sealed class ShardedPutTests
{
    private const string Manifest = "m/manifest.jsonl";

    private static readonly IReadOnlyDictionary<string, string> NoneRefused = new Dictionary<string, string>();

    [Fact]
    public async Task The_manifest_is_written_once_after_every_shard_naming_them_in_order()
    {
        var log = new List<string>();
        var put = new ShardedPut(Upload(log), Delete(log, NoneRefused), WriteManifest(log), maxConcurrency: 4, progress: null);

        var shards = await put.PutAsync(Manifest, Batches(5), ArchiveKey, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 5).Select(ArchiveKey), shards.Select(s => s.Entry.ArchiveKey));
        Assert.Equal("manifest " + string.Join(",", Enumerable.Range(0, 5).Select(ArchiveKey)), log[^1]);
        Assert.Equal(5, log.Count(l => l.StartsWith("put ", StringComparison.Ordinal)));
        Assert.Equal(6, log.Count);
    }

    [Fact]
    public async Task A_failed_upload_writes_no_manifest_and_deletes_every_archive_started()
    {
        var log = new List<string>();
        var put = new ShardedPut(Upload(log, failAt: 2), Delete(log, NoneRefused), WriteManifest(log), maxConcurrency: 1, progress: null);

        var ex = await Assert.ThrowsAsync<IOException>(() => put.PutAsync(Manifest, Batches(5), ArchiveKey, CancellationToken.None));

        Assert.Equal($"upload of {ArchiveKey(2)} failed", ex.Message);
        Assert.DoesNotContain(log, l => l.StartsWith("manifest", StringComparison.Ordinal));
        Assert.Equal("delete " + string.Join(",", Enumerable.Range(0, 3).Select(ArchiveKey)), log[^1]);
    }

    [Fact]
    public async Task Archives_the_server_refuses_to_delete_are_named_by_a_ShardCleanupException()
    {
        var log = new List<string>();
        var refused = new Dictionary<string, string> { [ArchiveKey(1)] = "AccessDenied: no" };
        var put = new ShardedPut(Upload(log, failAt: 2), Delete(log, refused), WriteManifest(log), maxConcurrency: 1, progress: null);

        var ex = await Assert.ThrowsAsync<ShardCleanupException>(() => put.PutAsync(Manifest, Batches(5), ArchiveKey, CancellationToken.None));

        Assert.Equal([ArchiveKey(1)], ex.RemainingArchiveKeys);
        Assert.Equal(Manifest, ex.ManifestKey);
        Assert.IsType<IOException>(ex.InnerException);
        Assert.Null(ex.DeleteFailure);
    }

    [Fact]
    public async Task A_failed_delete_request_leaves_every_started_archive_named_with_its_failure()
    {
        var log = new List<string>();
        var deleteFailure = new S3ExchangeException("delete failed");
        var put = new ShardedPut(Upload(log, failAt: 1), (_, _) => throw deleteFailure, WriteManifest(log), maxConcurrency: 1, progress: null);

        var ex = await Assert.ThrowsAsync<ShardCleanupException>(() => put.PutAsync(Manifest, Batches(3), ArchiveKey, CancellationToken.None));

        Assert.Equal([ArchiveKey(0), ArchiveKey(1)], ex.RemainingArchiveKeys);
        Assert.Same(deleteFailure, ex.DeleteFailure);
    }

    [Fact]
    public async Task A_failed_manifest_write_keeps_the_archives()
    {
        var log = new List<string>();
        var put = new ShardedPut(Upload(log), Delete(log, NoneRefused), (_, _) => throw new IOException("manifest write failed"), maxConcurrency: 2, progress: null);

        await Assert.ThrowsAsync<IOException>(() => put.PutAsync(Manifest, Batches(3), ArchiveKey, CancellationToken.None));

        Assert.DoesNotContain(log, l => l.StartsWith("delete", StringComparison.Ordinal));
    }

    private static string ArchiveKey(int i) => KeyLayout.NumberedShardKey("m/shards", i, ShardCompression.None);

    private static List<IReadOnlyList<ShardItem>> Batches(int count) =>
        Enumerable.Range(0, count).Select(i => (IReadOnlyList<ShardItem>)[ShardItem.FromBytes($"{i}.bin", new byte[] { (byte)i })]).ToList();

    private static PutArchive Upload(List<string> log, int? failAt = null) => async (key, items, _) =>
    {
        await Task.Yield();
        if (key == (failAt is { } i ? ArchiveKey(i) : null))
        {
            throw new IOException($"upload of {key} failed");
        }

        lock (log)
        {
            log.Add("put " + key);
        }

        return new Shard(new ShardEntry(key) { Count = items.Count }, []);
    };

    private static DeleteMany Delete(List<string> log, IReadOnlyDictionary<string, string> refused) => (keys, _) =>
    {
        log.Add("delete " + string.Join(",", keys.Order(StringComparer.Ordinal)));
        return Task.FromResult(refused);
    };

    private static WriteEntries WriteManifest(List<string> log) => (entries, _) =>
    {
        log.Add("manifest " + string.Join(",", entries.Cast<ShardEntry>().Select(e => e.ArchiveKey)));
        return Task.CompletedTask;
    };
}
