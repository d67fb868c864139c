using System.Diagnostics;
using S3Exchange.Build.Tests.Infrastructure;
using S3Exchange.Testing;

namespace S3Exchange.Build.Tests.EndToEnd;

/// <summary>
/// Real <c>dotnet publish</c> / <c>dotnet msbuild</c> runs of a small project against the
/// fixture's S3 server, checked through the runtime. Few and long: each run costs seconds.
/// <see cref="DotnetCommand"/> checks every run's console log and binary log for the secret.
/// </summary>
[Collection("S3")]
public sealed class DotnetPublishTests(S3ServerFixture server)
{
    private const string ManifestKey = "artifacts/E2EApp/2.0.0/any/manifest.jsonl";

    // The secret the server checks: the configured one, or the fixture's fresh one for moto.
    private string Secret => server.Settings.SecretAccessKey!;

    [Fact]
    public async Task Publish_republish_resume_download_and_run_a_real_project()
    {
        var store = server.CreateStore();
        using var project = new TestProject("<S3ExchangeShardMaxEntries>2</S3ExchangeShardMaxEntries>") { Keep = true };

        // 1. Every published file is in the manifest, byte for byte, with its mode.
        var first = await PublishAsync(project, store, "publish1");
        Assert.True(first.ExitCode == 0, first.ToString());
        var published = Directory.EnumerateFiles(project.PublishDir, "*", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(project.PublishDir, p).Replace('\\', '/'), File.ReadAllBytes);
        var stored = new Dictionary<string, byte[]>();
        await foreach (var item in store.ReadObjectsAsync(ManifestKey))
        {
            using var buffer = new MemoryStream();
            await item.Content.CopyToAsync(buffer);
            stored[item.Entry.MemberPath!] = buffer.ToArray();
            var mode = File.GetUnixFileMode(Path.Combine(project.PublishDir, item.Entry.MemberPath!));
            Assert.Equal(Convert.ToString((int)mode, 8).PadLeft(4, '0'), item.Entry.Meta!["mode"]!.GetValue<string>());
        }

        Assert.Equal(published.Keys.Order(), stored.Keys.Order());
        Assert.All(published, kv => Assert.Equal(kv.Value, stored[kv.Key]));
        Assert.Contains(TestProject.Name, published.Keys);

        // 2. Publishing again uploads nothing (through the out-of-process task host this time).
        var second = await PublishAsync(project, store, "publish2", "-p:S3ExchangeUseTaskHost=true");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("nothing to upload", second.Output);
        Assert.Contains("shards uploaded 0,", second.Output);

        // 2b. The hash cache under obj/ vouches for files unchanged in size and time: with a file's
        // content swapped behind its size and time, a publish of the same folder (the target alone,
        // nothing copied again) records the old SHA-256, which only a file not read again gives.
        foreach (var file in Directory.EnumerateFiles(project.PublishDir, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));   // older than the racy window
        }

        var cacheFile = Path.Combine(project.Root, "obj", "Release", "net10.0", "s3exchange", "publish-hashes.json");
        var hashing = await PublishTargetAsync(project, store, "publish2-hash");
        Assert.True(hashing.ExitCode == 0, hashing.ToString());
        Assert.Contains($"S3Exchange publish: 0 of {published.Count} files unchanged since their hash in '{cacheFile}'", hashing.Output);
        var pdb = Path.Combine(project.PublishDir, TestProject.Name + ".pdb");
        var pdbBytes = File.ReadAllBytes(pdb);
        var pdbTime = File.GetLastWriteTimeUtc(pdb);
        File.WriteAllBytes(pdb, [.. pdbBytes.Reverse()]);
        File.SetLastWriteTimeUtc(pdb, pdbTime);
        var cached = await PublishTargetAsync(project, store, "publish2-cached");
        Assert.True(cached.ExitCode == 0, cached.ToString());
        Assert.Contains($"S3Exchange publish: {published.Count} of {published.Count} files unchanged since their hash in '{cacheFile}'", cached.Output);
        Assert.Contains("nothing to upload", cached.Output);
        await foreach (var item in store.ReadObjectsAsync(ManifestKey))
        {
            if (item.Entry.MemberPath == TestProject.Name + ".pdb")
            {
                Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(pdbBytes)).ToLowerInvariant(), item.Entry.Meta!["sha256"]!.GetValue<string>());
            }
        }

        File.WriteAllBytes(pdb, pdbBytes);
        File.SetLastWriteTimeUtc(pdb, pdbTime);

        // 3. A publish cut off before its manifest, with two shards missing, resumes with just those two.
        var shards = new List<string>();
        await foreach (var key in store.ListKeysAsync("artifacts/E2EApp/content/shards/"))
        {
            shards.Add(key);
        }

        Assert.True(shards.Count >= 3, $"expected several shards, got {shards.Count}");
        await store.DeleteKeyAsync(ManifestKey);
        foreach (var key in shards.Take(2))
        {
            await server.Client.DeleteObjectAsync(server.Bucket, key);
        }

        // At minimal verbosity, the CLI's default: where the build went and what was sent still show.
        var third = await PublishAsync(project, store, "publish3", "-v:m");
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Contains($"S3Exchange publish: ", third.Output);
        Assert.Contains($"s3://{server.Bucket}/{store.ResolveKey(ManifestKey)}", third.Output);
        Assert.DoesNotContain("] skipped shard", third.Output);   // per-shard lines stay at normal verbosity
        Assert.Contains($"shards uploaded 2, skipped {shards.Count - 2};", third.Output);
        Assert.True(await store.ExistsAsync(ManifestKey));

        // 4. The download target restores identical bytes and modes, and the fetched app runs; in a
        // GitHub Actions step the target hands the manifest on through $GITHUB_OUTPUT.
        var downloadDir = Path.Combine(project.Root, "fetched");
        var stepOutputs = Path.Combine(project.Root, "github-output");
        var downloadEnvironment = Environment(store);
        downloadEnvironment["GITHUB_OUTPUT"] = stepOutputs;
        var download = await DotnetCommand.RunAsync(project.Root, downloadEnvironment, project.Binlog("download"), "msbuild", "-t:S3ExchangeDownload", $"-p:S3ExchangeManifestKey={ManifestKey}", $"-p:S3ExchangeDownloadDir={downloadDir}", $"-p:S3ExchangeBasePrefix={store.Options.BasePrefix}", "-v:m");
        Assert.True(download.ExitCode == 0, download.ToString());
        Assert.Contains($"S3Exchange download: {published.Count} files", download.Output);
        Assert.Contains($"{published.Count} verified against the manifest", download.Output);
        Assert.Contains($"manifest-key={store.ResolveKey(ManifestKey)}", File.ReadAllLines(stepOutputs));
        Assert.Contains($"files={published.Count}", File.ReadAllLines(stepOutputs));
        foreach (var (relative, content) in published)
        {
            var fetched = Path.Combine(downloadDir, relative);
            Assert.Equal(content, File.ReadAllBytes(fetched));
            Assert.Equal(File.GetUnixFileMode(Path.Combine(project.PublishDir, relative)), File.GetUnixFileMode(fetched));
        }

        using var app = Process.Start(new ProcessStartInfo(Path.Combine(downloadDir, TestProject.Name)) { RedirectStandardOutput = true })!;
        var greeting = await app.StandardOutput.ReadToEndAsync();
        await app.WaitForExitAsync();
        Assert.Equal(0, app.ExitCode);
        Assert.Equal(TestProject.Greeting, greeting.Trim());
        project.Keep = false;
    }

    [Fact]
    public async Task A_failing_publish_fails_the_build_with_its_code_and_writes_no_manifest()
    {
        var store = server.CreateStore();
        using var project = new TestProject { Keep = true };

        var result = await PublishAsync(project, store, "missing-bucket", "-p:S3ExchangeBucket=s3xb-missing-bucket");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("error S3XB002", result.Output);
        Assert.Contains("s3xb-missing-bucket", result.Output);
        Assert.False(await store.ExistsAsync(ManifestKey));
        project.Keep = false;
    }

    private Task<DotnetCommand.Result> PublishAsync(TestProject project, S3ExchangeStore store, string name, params string[] extra) =>
        DotnetCommand.RunAsync(project.Root, Environment(store), project.Binlog(name), ["publish", "-c", "Release", $"-p:S3ExchangeBasePrefix={store.Options.BasePrefix}", .. extra]);

    // The publish target alone, at detailed verbosity (the hash cache's line is of low importance).
    private Task<DotnetCommand.Result> PublishTargetAsync(TestProject project, S3ExchangeStore store, string name) =>
        DotnetCommand.RunAsync(project.Root, Environment(store), project.Binlog(name), ["msbuild", "-t:S3ExchangePublish", "-p:Configuration=Release", $"-p:S3ExchangeBasePrefix={store.Options.BasePrefix}", "-v:d"]);

    private Dictionary<string, string> Environment(S3ExchangeStore store) => new()
    {
        ["S3_ENDPOINT_URL"] = server.Endpoint,
        ["S3_REGION"] = server.Settings.Region,
        ["S3_BUCKET"] = server.Bucket,
        ["S3_AWS_ACCESS_KEY_ID"] = server.Settings.AccessKeyId!,
        ["S3_AWS_SECRET_ACCESS_KEY"] = Secret,
    };
}
