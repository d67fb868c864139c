using S3Exchange.Testing;

namespace S3Exchange.Tests.Transfer;

/// <summary>The runtime's manifest check against a real server and a fetched folder; nothing is changed.</summary>
[Collection("S3")]
public sealed class VerifyTests(S3ServerFixture server)
{
    [Fact]
    public async Task A_published_and_fetched_build_matches_in_the_store_and_in_the_folder()
    {
        var (store, report, target) = await PublishAndFetchAsync();
        using (target)
        {
            var verified = await store.VerifyAsync(report.Plan.ManifestKey, target.Root);

            Assert.True(verified.Matches, string.Join("; ", verified.Problems));
            Assert.Equal(3, verified.FilesChecked);
        }
    }

    [Fact]
    public async Task A_changed_a_missing_and_an_extra_file_in_the_folder_are_each_reported()
    {
        var (store, report, target) = await PublishAndFetchAsync();
        using (target)
        {
            var changed = File.ReadAllBytes(Path.Combine(target.Root, "lib/a.dll"));
            changed[3] ^= 0xff;
            File.WriteAllBytes(Path.Combine(target.Root, "lib/a.dll"), changed);
            File.Delete(Path.Combine(target.Root, "App"));
            File.WriteAllText(Path.Combine(target.Root, "extra.txt"), "x");

            var verified = await store.VerifyAsync(report.Plan.ManifestKey, target.Root);

            Assert.False(verified.Matches);
            Assert.Equal(
                [("App", "missing from the folder"), ("extra.txt", "not in the manifest"), ("lib/a.dll", "sha256")],
                verified.Problems.Select(p => (p.Path!, p.Problem.StartsWith("sha256", StringComparison.Ordinal) ? "sha256" : p.Problem)).Order());
        }
    }

    [Fact]
    public async Task An_object_missing_from_the_store_is_reported_by_its_key_and_nothing_is_changed()
    {
        var (store, report, target) = await PublishAndFetchAsync();
        using (target)
        {
            var loose = Assert.Single(report.Plan.LooseFiles);
            await store.DeleteKeyAsync(loose.Key);
            var keysBefore = await store.ListKeysAsync("").ToListAsync();

            var verified = await store.VerifyAsync(report.Plan.ManifestKey);

            var problem = Assert.Single(verified.Problems);
            Assert.Equal((store.ResolveKey(loose.Key), "missing from the store"), (problem.Key, problem.Problem));
            Assert.Equal(keysBefore, await store.ListKeysAsync("").ToListAsync());
        }
    }

    private async Task<(S3ExchangeStore Store, PublishReport Report, TempFolder Target)> PublishAndFetchAsync()
    {
        var store = server.CreateStore();
        using var source = new TempFolder();
        source.Write("App", 300, 1);
        source.Write("lib/a.dll", 4000, 2);
        source.Write("big.so", 60_000, 3);
        var report = await store.PublishAsync(source.Request() with { LooseFileThreshold = 50_000 });
        var target = new TempFolder();
        await store.FetchAsync(report.Plan.ManifestKey, target.Root);
        return (store, report, target);
    }
}
