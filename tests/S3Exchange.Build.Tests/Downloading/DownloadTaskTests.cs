using System.Text.Json.Nodes;
using S3Exchange.Build.Tests.Infrastructure;
using S3Exchange.Testing;

namespace S3Exchange.Build.Tests.Downloading;

/// <summary>The download task in process: round trips, integrity checks, and paths that must never be written.</summary>
[Collection("S3")]
public sealed class DownloadTaskTests(S3ServerFixture server)
{
    private const string ManifestKey = "artifacts/App/1.2.3/any/manifest.jsonl";

    [Fact]
    public void A_published_build_downloads_to_identical_bytes_and_modes()
    {
        var store = server.CreateStore();
        using var files = new TestFiles();
        files.Write("App", [0x7f, 0x45, 0x4c, 0x46], (UnixFileMode)0b111_101_101);
        files.WriteRandom("App.dll", 4000, 1);
        files.WriteRandom("runtimes/linux-x64/native/big.so", 50_000, 2);
        var publish = TestTasks.Publish(server, store, files, new RecordingBuildEngine());
        publish.LooseFileThreshold = "10000";
        Assert.True(publish.Execute());

        using var target = new TestFiles();
        var engine = new RecordingBuildEngine();
        var download = TestTasks.Download(server, store, ManifestKey, target.Root, engine);
        Assert.True(download.Execute(), engine.Log);

        Assert.Equal(3, download.DownloadedFiles.Length);
        foreach (var relative in new[] { "App", "App.dll", "runtimes/linux-x64/native/big.so" })
        {
            var source = Path.Combine(files.Root, relative);
            var copy = Path.Combine(target.Root, relative);
            Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(copy));
            Assert.Equal(File.GetUnixFileMode(source), File.GetUnixFileMode(copy));
        }
    }

    [Fact]
    public void A_missing_manifest_is_S3XB009()
    {
        var store = server.CreateStore();
        using var target = new TestFiles();
        var engine = new RecordingBuildEngine();

        Assert.False(TestTasks.Download(server, store, "nothing/here/manifest.jsonl", target.Root, engine).Execute());

        Assert.Equal(["S3XB009"], engine.ErrorCodes);
        Assert.Empty(Directory.EnumerateFileSystemEntries(target.Root));
    }

    [Fact]
    public async Task A_stored_object_that_no_longer_matches_its_hash_is_S3XB011_and_is_not_left_in_the_folder()
    {
        var store = server.CreateStore();
        using var files = new TestFiles();
        files.WriteRandom("big.bin", 20_000, 1);
        var publish = TestTasks.Publish(server, store, files, new RecordingBuildEngine());
        publish.LooseFileThreshold = "10000";
        Assert.True(publish.Execute());
        var looseKey = await FirstLooseKeyAsync(store);
        var tampered = File.ReadAllBytes(Path.Combine(files.Root, "big.bin"));
        tampered[100] ^= 0xff;
        await store.PutObjectAsync(RelativeToBase(store, looseKey), tampered);

        using var target = new TestFiles();
        var engine = new RecordingBuildEngine();
        Assert.False(TestTasks.Download(server, store, ManifestKey, target.Root, engine).Execute());

        Assert.Equal(["S3XB011"], engine.ErrorCodes);
        Assert.Empty(Directory.EnumerateFiles(target.Root, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("/etc/escape.txt")]
    [InlineData("a/../../escape.txt")]
    public async Task A_loose_entry_whose_path_escapes_the_folder_is_S3XB010_before_anything_is_written(string path)
    {
        var store = server.CreateStore();
        var good = await store.PutObjectAsync("objects/good", new byte[] { 1 });
        good.Meta = new JsonObject { ["path"] = "good.txt" };
        var bad = await store.PutObjectAsync("objects/bad", new byte[] { 2 });
        bad.Meta = new JsonObject { ["path"] = path };
        await store.WriteManifestAsync("evil/manifest.jsonl", [good, bad]);

        using var target = new TestFiles();
        var engine = new RecordingBuildEngine();
        Assert.False(TestTasks.Download(server, store, "evil/manifest.jsonl", target.Root, engine).Execute());

        Assert.Equal(["S3XB010"], engine.ErrorCodes);
        Assert.Empty(Directory.EnumerateFileSystemEntries(target.Root));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(target.Root)!, "escape.txt")));
    }

    [Fact]
    public void A_symlink_in_the_download_folder_that_would_carry_a_write_outside_is_S3XB010()
    {
        var store = server.CreateStore();
        using var files = new TestFiles();
        files.WriteRandom("lib/a.dll", 100, 1);
        Assert.True(TestTasks.Publish(server, store, files, new RecordingBuildEngine()).Execute());

        using var target = new TestFiles();
        using var elsewhere = new TestFiles();
        Directory.CreateSymbolicLink(Path.Combine(target.Root, "lib"), elsewhere.Root);
        var engine = new RecordingBuildEngine();
        Assert.False(TestTasks.Download(server, store, ManifestKey, target.Root, engine).Execute());

        Assert.Equal(["S3XB010"], engine.ErrorCodes);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere.Root));
    }

    private static async Task<string> FirstLooseKeyAsync(S3ExchangeStore store)
    {
        await foreach (var entry in store.ListManifestFilesAsync(ManifestKey, includeShards: false))
        {
            return entry.Key;
        }

        throw new InvalidOperationException("The manifest has no loose file.");
    }

    private static string RelativeToBase(S3ExchangeStore store, string fullKey) => fullKey[(store.Options.BasePrefix!.Length + 1)..];
}
