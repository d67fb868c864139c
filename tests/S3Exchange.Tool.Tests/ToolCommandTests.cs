using S3Exchange.Testing;

namespace S3Exchange.Tool.Tests;

/// <summary>The installed <c>s3x</c> run as a process against the fixture's server: every command, its exit code and its output.</summary>
[Collection("S3")]
public sealed class ToolCommandTests(S3ServerFixture server, InstalledTool tool)
{
    private const string Manifest = "releases/web/2.1.0/manifest.jsonl";

    [Fact]
    public async Task Publish_then_ls_then_fetch_gives_back_the_same_files_and_modes()
    {
        var store = server.CreateStore();
        using var source = new TempFolder();
        source.Write("index.html", 3000, 1);
        source.Write("bin/run.sh", 200, 2, (UnixFileMode)0b111_101_101);
        source.Write("assets/big.bin", 70_000, 3);

        var published = await RunAsync(store, "publish", source.Root, Manifest, "--content", "releases/web/content");
        Assert.True(published.ExitCode == 0, published.ToString());
        Assert.Contains("shards uploaded 1", published.Output);

        var listed = await RunAsync(store, "ls", Manifest);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Equal(["assets/big.bin", "bin/run.sh", "index.html"], listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[2]).Order(StringComparer.Ordinal));

        using var target = new TempFolder();
        var fetched = await RunAsync(store, "fetch", Manifest, target.Root);
        Assert.True(fetched.ExitCode == 0, fetched.ToString());
        Assert.Contains("fetched 3 files", fetched.Output);
        Assert.Contains("3 verified", fetched.Output);
        foreach (var relative in source.AllFiles())
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(source.Root, relative)), File.ReadAllBytes(Path.Combine(target.Root, relative)));
            Assert.Equal(File.GetUnixFileMode(Path.Combine(source.Root, relative)), File.GetUnixFileMode(Path.Combine(target.Root, relative)));
        }

        var again = await RunAsync(store, "publish", source.Root, Manifest, "--content", "releases/web/content");
        Assert.Contains("shards uploaded 0, skipped 1", again.Output);
    }

    [Fact]
    public async Task Publish_with_a_hash_cache_does_not_read_an_unchanged_file_again_and_names_a_corrupt_cache_on_stderr()
    {
        var store = server.CreateStore();
        using var source = new TempFolder();
        using var obj = new TempFolder();
        var cache = Path.Combine(obj.Root, "hashes.json");
        var file = source.Write("index.html", 3000, 1);
        var anHourAgo = DateTime.UtcNow.AddHours(-1);   // older than the cache's racy window
        File.SetLastWriteTimeUtc(file, anHourAgo);
        var original = File.ReadAllBytes(file);
        File.WriteAllText(cache, "{ corrupt");

        var first = await RunAsync(store, "publish", source.Root, Manifest, "--hash-cache", cache);
        File.WriteAllBytes(file, [.. original.Reverse()]);   // same size, time put back: only a file not read keeps its old hash
        File.SetLastWriteTimeUtc(file, anHourAgo);
        var second = await RunAsync(store, "publish", source.Root, Manifest, "--hash-cache", cache);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.StartsWith($"s3x: The hash cache '{cache}' was ignored (every file hashed): ", first.Error);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(string.Empty, second.Error);
        var hashes = new List<string>();
        await foreach (var item in store.ReadObjectsAsync(Manifest))
        {
            hashes.Add(item.Entry.Meta!["sha256"]!.GetValue<string>());
        }

        Assert.Equal([Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(original)).ToLowerInvariant()], hashes);
    }

    [Fact]
    public async Task Ls_json_prints_the_manifests_own_lines_and_cat_prints_a_member_by_its_virtual_key()
    {
        var store = server.CreateStore();
        var shard = await store.PutShardArchiveAsync("data/shards/s.tar.gz", [ShardItem.FromBytes("a.txt", "alpha"u8.ToArray()), ShardItem.FromBytes("b.txt", "beta"u8.ToArray())]);
        await store.WriteManifestAsync("data/manifest.jsonl", [shard.Entry]);

        var lines = await RunAsync(store, "ls", "data/manifest.jsonl", "--lines", "--json");
        var member = await RunAsync(store, "cat", shard.Members[1].Key[(store.Options.BasePrefix!.Length + 1)..]);

        Assert.True(lines.ExitCode == 0, lines.ToString());
        Assert.Equal(shard.Entry.ToJson(), lines.Output.Trim());
        Assert.True(member.ExitCode == 0, member.ToString());
        Assert.Equal("beta", member.Output);
    }

    [Fact]
    public async Task The_AWS_SDK_variables_alone_point_s3x_at_the_server()
    {
        var store = server.CreateStore();
        var shard = await store.PutShardArchiveAsync("data/shards/s.tar.gz", [ShardItem.FromBytes("a.txt", "alpha"u8.ToArray())]);
        await store.WriteManifestAsync("data/manifest.jsonl", [shard.Entry]);
        var environment = new Dictionary<string, string>
        {
            // Empty counts as unset, whatever the machine running the tests has.
            ["S3_ENDPOINT_URL"] = "",
            ["S3_REGION"] = "",
            ["S3_AWS_ACCESS_KEY_ID"] = "",
            ["S3_AWS_SECRET_ACCESS_KEY"] = "",
            ["S3_BUCKET"] = server.Bucket,
            ["AWS_ENDPOINT_URL_S3"] = server.Endpoint,
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9",
            ["AWS_REGION"] = server.Settings.Region,
            ["AWS_ACCESS_KEY_ID"] = server.Settings.AccessKeyId!,
            ["AWS_SECRET_ACCESS_KEY"] = server.Settings.SecretAccessKey!,
        };

        var listed = await tool.RunAsync(environment, "ls", "data/manifest.jsonl", "--base-prefix", store.Options.BasePrefix!);

        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains("a.txt", listed.Output);
    }

    [Fact]
    public async Task A_missing_manifest_exits_3_naming_it_and_writes_nothing()
    {
        var store = server.CreateStore();
        using var target = new TempFolder();

        var result = await RunAsync(store, "fetch", "nothing/manifest.jsonl", target.Root);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(store.ResolveKey("nothing/manifest.jsonl"), result.Error);
        Assert.Empty(target.AllFiles());
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task A_stored_object_that_no_longer_matches_exits_4_naming_its_key()
    {
        var store = server.CreateStore();
        using var source = new TempFolder();
        var path = source.Write("big.bin", 70_000, 1);
        var published = await store.PublishAsync(new PublishRequest { Folder = source.Root, Files = PublishSource.FromFolder(source.Root), ManifestKey = Manifest, ContentPrefix = "releases/web/content", LooseFileThreshold = 10_000 });
        var plan = published.Plan;
        var tampered = File.ReadAllBytes(path);
        tampered[7] ^= 0xff;
        await store.PutObjectAsync(plan.LooseFiles[0].Key, tampered);
        using var target = new TempFolder();

        var result = await RunAsync(store, "fetch", Manifest, target.Root);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains(store.ResolveKey(plan.LooseFiles[0].Key), result.Error);
        Assert.Empty(target.AllFiles());
    }

    [Fact]
    public async Task A_dry_run_prints_the_plan_and_sends_nothing()
    {
        var store = server.CreateStore();
        using var source = new TempFolder();
        source.Write("a.txt", 100, 1);

        var result = await RunAsync(store, "publish", source.Root, Manifest, "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("dry run: 1 files", result.Output);
        Assert.Empty(await store.ListKeysAsync("").ToListAsync());
    }

    [Fact]
    public async Task The_compression_level_names_other_shards_and_a_level_past_9_is_a_usage_error_that_sends_nothing()
    {
        var store = server.CreateStore();
        using var source = new TempFolder();
        source.Write("a.txt", 100, 1);

        var refused = await RunAsync(store, "publish", source.Root, Manifest, "--compression-level", "12");
        var keysAfterRefusal = await store.ListKeysAsync("").ToListAsync();
        var atDefault = await RunAsync(store, "publish", source.Root, Manifest, "--dry-run");
        var atNine = await RunAsync(store, "publish", source.Root, Manifest, "--dry-run", "--compression-level", "9");

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("s3x: --compression-level is a gzip level from 0 (stored) to 9 (smallest), not 12.", refused.Error.Trim());
        Assert.Empty(keysAfterRefusal);
        Assert.True(atDefault.ExitCode == 0 && atNine.ExitCode == 0, atDefault + "\n" + atNine);
        string ShardLine(string output) => output.Split('\n').Single(l => l.StartsWith("shard\t", StringComparison.Ordinal));
        Assert.NotEqual(ShardLine(atDefault.Output), ShardLine(atNine.Output));
    }

    [Fact]
    public async Task A_member_path_that_escapes_the_folder_exits_4_naming_its_key_and_writes_nothing()
    {
        var store = server.CreateStore();
        var safe = await store.PutObjectAsync("hostile/a.txt", "fine"u8.ToArray());
        var hostile = await store.PutObjectAsync("hostile/b.txt", "escape"u8.ToArray());
        hostile.Meta = new System.Text.Json.Nodes.JsonObject { ["path"] = "../escaped.txt" };
        await store.WriteManifestAsync("hostile/manifest.jsonl", [safe, hostile]);
        using var parent = new TempFolder();
        var target = Path.Combine(parent.Root, "out");

        var result = await RunAsync(store, "fetch", "hostile/manifest.jsonl", target);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains(hostile.Key, result.Error);
        Assert.Contains("../escaped.txt", result.Error);
        Assert.Empty(parent.AllFiles());
    }

    [Fact]
    public async Task A_manifest_line_that_is_not_an_entry_exits_1_naming_the_manifest_and_line()
    {
        var store = server.CreateStore();
        await store.PutObjectAsync("broken/manifest.jsonl", "{\"kind\":\"file\",\"key\":\"a\"}\n{not json\n"u8.ToArray());
        using var target = new TempFolder();

        var result = await RunAsync(store, "fetch", "broken/manifest.jsonl", target.Root);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(store.ResolveKey("broken/manifest.jsonl"), result.Error);
        Assert.Contains("line 2", result.Error);
        Assert.Empty(target.AllFiles());
    }

    [Theory]
    [InlineData("--endpoint", "not a url", 2)]
    [InlineData("--concurrency", "0", 2)]
    [InlineData("--bucket", "s3x-no-such-bucket", 3)]
    public async Task An_unusable_setting_or_a_missing_bucket_has_its_exit_code_and_one_line_on_stderr(string flag, string value, int exitCode)
    {
        var store = server.CreateStore();

        var result = await RunAsync(store, "ls", Manifest, flag, value);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("s3x: ", result.Error);
    }

    [Fact]
    public async Task Verify_exits_0_for_a_matching_folder_and_4_with_one_line_per_difference()
    {
        var store = server.CreateStore();
        using var source = new TempFolder();
        source.Write("a.txt", 500, 1);
        source.Write("b.txt", 500, 2);
        Assert.Equal(0, (await RunAsync(store, "publish", source.Root, Manifest)).ExitCode);

        var matching = await RunAsync(store, "verify", Manifest, "--dir", source.Root);
        File.WriteAllText(Path.Combine(source.Root, "b.txt"), "changed");
        File.WriteAllText(Path.Combine(source.Root, "c.txt"), "extra");
        var differing = await RunAsync(store, "verify", Manifest, "--dir", source.Root);

        Assert.True(matching.ExitCode == 0, matching.ToString());
        Assert.Contains("2 files checked, 0 differences", matching.Output);
        Assert.Equal(4, differing.ExitCode);
        Assert.Equal(["s3x: b.txt: size 7 in the folder, 500 in the manifest", "s3x: c.txt: not in the manifest"], differing.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Put_prints_the_entry_get_writes_the_file_compact_and_rm_report_what_they_did()
    {
        var store = server.CreateStore();
        using var work = new TempFolder();
        var file = work.Write("notes.txt", 1234, 1);

        var put = await RunAsync(store, "put", file, "docs/notes.txt");
        Assert.True(put.ExitCode == 0, put.ToString());
        Assert.Contains($"\"key\":\"{store.ResolveKey("docs/notes.txt")}\"", put.Output);
        Assert.Contains("\"size_bytes\":1234", put.Output);

        var copy = Path.Combine(work.Root, "copy.txt");
        var get = await RunAsync(store, "get", "docs/notes.txt", "-o", copy);
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(copy));

        await store.WriteManifestAsync("docs/manifest.jsonl", [await store.PutObjectAsync("docs/a.bin", new byte[] { 1 })], ManifestWriteMode.AppendParts);
        await store.WriteManifestAsync("docs/manifest.jsonl", [await store.PutObjectAsync("docs/b.bin", new byte[] { 2 })], ManifestWriteMode.AppendParts);
        var compact = await RunAsync(store, "compact", "docs/manifest.jsonl", "docs/compact.jsonl");
        Assert.True(compact.ExitCode == 0, compact.ToString());
        Assert.Contains("2 entries written", compact.Output);
        Assert.Contains("2 refs resolved", compact.Output);

        var dryRun = await RunAsync(store, "rm", "docs/manifest.jsonl", "--dry-run");
        Assert.True(await store.ExistsAsync("docs/a.bin"));
        Assert.Contains(store.ResolveKey("docs/a.bin"), dryRun.Output);
        var rm = await RunAsync(store, "rm", "docs/manifest.jsonl");
        Assert.True(rm.ExitCode == 0, rm.ToString());
        Assert.Contains("deleted 2 objects, 0 archives, 3 manifests", rm.Output);
        Assert.False(await store.ExistsAsync("docs/a.bin"));
        Assert.True(await store.ExistsAsync("docs/notes.txt"));
    }

    [Theory]
    [InlineData("ls")]
    [InlineData("cat")]
    [InlineData("fetch")]
    [InlineData("publish")]
    [InlineData("verify")]
    [InlineData("get")]
    [InlineData("put")]
    [InlineData("compact")]
    [InlineData("rm")]
    public async Task Every_command_has_help_with_examples(string command)
    {
        var result = await tool.RunAsync(new Dictionary<string, string>(), command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Examples:", result.Output);
        Assert.Contains($"s3x {command} ", result.Output);
    }

    [Fact]
    public async Task The_secret_is_never_printed_even_in_a_failure()
    {
        var store = server.CreateStore();

        var result = await RunAsync(store, "ls", "nothing/manifest.jsonl");

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain(server.Settings.SecretAccessKey!, result.Output + result.Error);
    }

    private Task<ToolResult> RunAsync(S3ExchangeStore store, params string[] arguments) =>
        tool.RunAsync(ServerEnvironment.Of(server), [.. arguments, "--base-prefix", store.Options.BasePrefix!]);
}
