namespace S3Exchange.Tests.Deletion;

/// <summary>What manifest deletion sends, and in which order, for a known inventory (no server).</summary>
public sealed class ManifestDeleterTests
{
    private static readonly ManifestInventory Inventory = new(
        manifests: ["m/manifest.jsonl", "m/manifests/part-1.jsonl", "m/manifests/part-2.jsonl"],
        objects: ["m/a.bin", "m/b.bin"],
        archives: ["m/shards/shard-00000.tar"]);

    [Fact]
    public async Task Objects_then_archives_then_manifests_last_read_first_are_deleted()
    {
        var sent = new List<IReadOnlyList<string>>();
        var deleter = Deleter(sent, refuse: []);

        var report = await deleter.DeleteAsync(Inventory, deleteManifests: true, CancellationToken.None);

        Assert.Equal(
            [["m/a.bin", "m/b.bin"], ["m/shards/shard-00000.tar"], ["m/manifests/part-2.jsonl", "m/manifests/part-1.jsonl", "m/manifest.jsonl"]],
            sent);
        Assert.Equal((2, 1, 3), (report.DeletedObjectCount, report.DeletedArchiveCount, report.DeletedManifestCount));
        Assert.Empty(report.Errors);
    }

    [Fact]
    public async Task A_refused_object_keeps_every_manifest_so_the_delete_can_be_retried()
    {
        var sent = new List<IReadOnlyList<string>>();
        var deleter = Deleter(sent, refuse: ["m/b.bin"]);

        var report = await deleter.DeleteAsync(Inventory, deleteManifests: true, CancellationToken.None);

        Assert.Equal(2, sent.Count);
        Assert.Equal((1, 1, 0), (report.DeletedObjectCount, report.DeletedArchiveCount, report.DeletedManifestCount));
        Assert.Equal("AccessDenied: no", Assert.Single(report.Errors, e => e.Key == "m/b.bin").Value);
    }

    [Fact]
    public async Task Without_deleteManifests_no_manifest_is_sent()
    {
        var sent = new List<IReadOnlyList<string>>();

        var report = await Deleter(sent, refuse: []).DeleteAsync(Inventory, deleteManifests: false, CancellationToken.None);

        Assert.DoesNotContain(sent.SelectMany(k => k), k => k.EndsWith(".jsonl", StringComparison.Ordinal));
        Assert.Equal(0, report.DeletedManifestCount);
    }

    [Fact]
    public async Task A_key_listed_twice_is_sent_once_and_counted_twice()
    {
        var sent = new List<IReadOnlyList<string>>();
        var twice = new ManifestInventory([], ["m/a.bin", "m/a.bin"], []);

        var report = await Deleter(sent, refuse: []).DeleteAsync(twice, deleteManifests: true, CancellationToken.None);

        Assert.Equal(["m/a.bin"], sent[0]);
        Assert.Equal(2, report.DeletedObjectCount);
    }

    // The reader only collects an inventory, which these tests hand in themselves.
    private static ManifestDeleter Deleter(List<IReadOnlyList<string>> sent, string[] refuse) => new(
        null!,
        (keys, _) =>
        {
            sent.Add(keys.ToList());
            IReadOnlyDictionary<string, string> refused = keys.Where(refuse.Contains).ToDictionary(k => k, _ => "AccessDenied: no");
            return Task.FromResult(refused);
        });
}
