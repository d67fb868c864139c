using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.S3.Model;
using S3Exchange.Build.Tests.Infrastructure;
using S3Exchange.Testing;

namespace S3Exchange.Build.Tests.EndToEnd;

/// <summary>
/// Every S3XB code docs/msbuild.md lists, each from a real <c>dotnet msbuild</c> run of the
/// package's targets and tasks: one run builds one project per bad input
/// (<see cref="ErrorCaseProject"/>), so the whole table costs one MSBuild start; S3XB012, a
/// build cancelled with Ctrl+C, has a run of its own. Each case must log exactly its code(s) with the message the docs promise, and
/// leave nothing behind: no object under its base prefix for a publish, nothing in its folder for
/// a download.
/// </summary>
[Collection("S3")]
public sealed partial class ErrorCodeEndToEndTests(S3ServerFixture server)
{
    private const string ManifestKey = "m/manifest.jsonl";

    [Fact]
    public async Task Each_bad_input_fails_a_real_msbuild_run_with_its_documented_code_and_message_and_writes_nothing()
    {
        var root = Directory.CreateTempSubdirectory("s3xb-codes-").FullName;
        var keep = true;
        await using var proxy = FaultProxy.Start(server.Endpoint);
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "publish"));
            File.WriteAllBytes(Path.Combine(root, "publish", "App.dll"), RandomNumberGenerator.GetBytes(2000));
            File.WriteAllText(Path.Combine(root, "publish", "readme.txt"), "read me");
            Directory.CreateDirectory(Path.Combine(root, "empty"));
            Directory.CreateDirectory(Path.Combine(root, "linked"));
            File.CreateSymbolicLink(Path.Combine(root, "linked", "hosts"), "/etc/hosts");

            var unreachable = ClosedLoopbackEndpoint();
            var missingBucket = "s3xb-missing-" + Guid.NewGuid().ToString("N")[..8];
            var missingManifest = Download("c009-missing-manifest");
            var escaping = await DownloadAsync("c010-escaping-path", LooseManifestAsync("../escape.txt"));
            var duplicate = await DownloadAsync("c010-duplicate-path", LooseManifestAsync("same.txt", "same.txt"));
            var wrongHash = await DownloadAsync("c011-member-hash", MemberWithWrongHashAsync);
            var wrongSize = await DownloadAsync("c011-member-size", MemberWithWrongSizeAsync);
            var malformed = await DownloadAsync("c099-malformed-manifest", MalformedManifestAsync);
            var throttled = Publish("c013-throttled", $"<S3ExchangeEndpoint>{proxy.Endpoint}</S3ExchangeEndpoint><S3ExchangeMaxAttempts>2</S3ExchangeMaxAttempts>");
            var cases = new List<(ErrorCaseProject Project, (string Code, string Text)[] Errors)>
            {
                (Publish("c001-unreachable", $"<S3ExchangeEndpoint>{unreachable}</S3ExchangeEndpoint><S3ExchangeMaxAttempts>1</S3ExchangeMaxAttempts>"),
                    [("S3XB001", $"Cannot reach the S3 server at {unreachable}. Start it, or set S3ExchangeEndpoint (or S3_ENDPOINT_URL, AWS_ENDPOINT_URL_S3) to a server this machine can reach.")]),
                (Publish("c002-missing-bucket", $"<S3ExchangeBucket>{missingBucket}</S3ExchangeBucket>"),
                    [("S3XB002", $"Bucket '{missingBucket}' does not exist on {server.Endpoint}. Create it, or set S3ExchangeBucket (or S3_BUCKET) to an existing bucket.")]),
                (Publish("c003-access-denied", $"<S3ExchangeEndpoint>{proxy.Endpoint}</S3ExchangeEndpoint>"),
                    [("S3XB003", $"Access denied by {proxy.Endpoint} for bucket '{server.Bucket}' (Forbidden). Check the credentials in S3_AWS_ACCESS_KEY_ID / S3_AWS_SECRET_ACCESS_KEY (or the AWS credential chain) and that they may read and write this bucket.")]),
                (Publish("c004-bad-template", "<S3ExchangeManifestKeyTemplate>artifacts/{project/manifest.jsonl</S3ExchangeManifestKeyTemplate>"),
                    [("S3XB004", "Invalid key template 'artifacts/{project/manifest.jsonl': '{' at position 10 has no matching '}'. Fix the template (placeholders are {name} of letters, digits and '_').")]),
                (Publish("c005-missing-variable", "<S3ExchangeManifestKeyTemplate>artifacts/{nosuch}/manifest.jsonl</S3ExchangeManifestKeyTemplate>"),
                    [("S3XB005", "The key template 'artifacts/{nosuch}/manifest.jsonl' uses '{nosuch}', which has no value. Set the MSBuild property it comes from, or declare it with <S3ExchangeVariable Include=\"nosuch\" Value=\"...\" />.")]),
                (Publish("c006-empty-output", publishDir: "empty"),
                    [("S3XB006", $"The publish output in '{Path.Combine(root, "empty")}/' has no files, so there is nothing to publish to S3. Check that 'dotnet publish' produced output, or set S3ExchangePublish=false for this project.")]),
                (Publish("c007-bad-values", "<S3ExchangeManifestMode>sideways</S3ExchangeManifestMode><S3ExchangeShardCompression>zstd</S3ExchangeShardCompression><S3ExchangeShardCompressionLevel>fast</S3ExchangeShardCompressionLevel><S3ExchangeEndpoint>not a url</S3ExchangeEndpoint><S3ExchangeMaxConcurrency>0</S3ExchangeMaxConcurrency>"),
                    [
                        ("S3XB007", "S3ExchangeManifestMode is 'sideways', which is not 'overwrite' or 'append_parts' or 'appendparts'."),
                        ("S3XB007", "S3ExchangeShardCompression is 'zstd', which is not 'gzip' or 'none'."),
                        ("S3XB007", "S3ExchangeShardCompressionLevel is 'fast', which is not a gzip level from 0 (stored) to 9 (smallest)."),
                        ("S3XB007", "S3ExchangeEndpoint is 'not a url', which is not an http(s) URL (e.g. http://127.0.0.1:9000) or 'aws' for AWS itself."),
                        ("S3XB007", "S3ExchangeMaxConcurrency is '0', which is not a positive whole number."),
                    ]),
                (Publish("c007-unknown-namespace", "<S3ExchangePublishNamespace>Nope</S3ExchangePublishNamespace>"),
                    [("S3XB007", "S3ExchangePublishNamespace is 'Nope', but no <S3ExchangeNamespace Include=\"Nope\" Template=\"...\" /> item is declared. Declare it, or clear the property.")]),
                (Publish("c008-missing-file", extraItems: """<ResolvedFileToPublish Include="$(PublishDir)gone.dll" RelativePath="gone.dll" />"""),
                    [("S3XB008", $"The file '{root}/publish/gone.dll' ('gone.dll') does not exist. Produce it again, or leave it out.")]),
                (Publish("c008-bad-relative-path", extraItems: """<ResolvedFileToPublish Include="$(PublishDir)../outside.dll" RelativePath="../outside.dll" />"""),
                    [("S3XB008", "The file '…' has the relative path '../outside.dll', which cannot be stored: it contains a '..' segment. Give it a relative path inside the published folder.")]),

                // Through the targets two files share a relative path only by the single-file bundle's item.
                (Publish("c008-duplicate-path", $"<PublishSingleFile>true</PublishSingleFile><PublishedSingleFilePath>{root}/publish/readme.txt</PublishedSingleFilePath><PublishedSingleFileName>App.dll</PublishedSingleFileName>"),
                    [("S3XB008", $"Two files have the relative path 'App.dll': '{root}/publish/App.dll' and '{root}/publish/readme.txt'. Publish only one of them.")]),
                (Publish("c008-link-leaves-folder", publishDir: "linked"),
                    [("S3XB008", $"The file 'hosts' is a symlink to '/etc/hosts', outside the published folder '{root}/linked/'. Copy the file into the folder instead of linking it.")]),
                (missingManifest,
                    [("S3XB009", $"The manifest s3://{server.Bucket}/{missingManifest.Store.ResolveKey(ManifestKey)} does not exist. Check S3ExchangeManifestKey (and S3ExchangeBasePrefix / S3ExchangeBucket); the publish log prints the key of every manifest it writes.")]),
                (escaping,
                    [("S3XB010", $"Refusing to write '{escaping.Store.ResolveKey("c/object0.txt")}' to '../escape.txt': Invalid member path '../escape.txt': it contains a '..' segment. Nothing was written. Check who wrote this manifest.")]),
                (duplicate,
                    [("S3XB010", $"Refusing to write '{duplicate.Store.ResolveKey("c/object1.txt")}' to 'same.txt': '{duplicate.Store.ResolveKey("c/object0.txt")}' of the same manifest is also written there. Nothing was written. Check who wrote this manifest.")]),
                (wrongHash,
                    [("S3XB011", $"'{wrongHash.Store.ResolveKey("c/shard.tar")}#a.txt' has sha256 {Sha256("data")} but the manifest records {Sha256("something else")}. The stored object was changed or damaged after publishing; publish it again.")]),
                (wrongSize,
                    [("S3XB011", $"'{wrongSize.Store.ResolveKey("c/shard.tar")}#a.txt' has size 4 but the manifest records 999. The stored object was changed or damaged after publishing; publish it again.")]),
                (throttled,
                    [("S3XB013", $"HeadObject '{throttled.Store.ResolveKey("artifacts/c013-throttled/content/shards/")}…' failed: the server answered 503 ServiceUnavailable: … The server at {proxy.Endpoint} is overloaded or the connection unreliable. Run the build again (what was stored is kept and not sent again), or raise S3ExchangeMaxAttempts (or S3_MAX_ATTEMPTS) or lower S3ExchangeMaxConcurrency.")]),
                (malformed,
                    [("S3XB099", $"InvalidManifestException: Invalid manifest '{malformed.Store.ResolveKey(ManifestKey)}', line 1: the entry has no 'kind'")]),
            };
            var denied = cases.Single(c => c.Project.Name == "c003-access-denied").Project.Store.Options.BasePrefix!;
            proxy.Plan = FaultPlan.Always(Fault.Answer(403, "AccessDenied")).Where(r => r.Path.Contains(denied, StringComparison.Ordinal))
                .Or(FaultPlan.Always(Fault.SlowDown).Where(r => r.Path.Contains(throttled.Store.Options.BasePrefix!, StringComparison.Ordinal)));

            var projects = cases.Select(c => c.Project.Write(root)).ToList();
            File.WriteAllText(Path.Combine(root, "cases.proj"), $"""
                <Project DefaultTargets="Run">
                  <Target Name="Run">
                    <MSBuild Projects="{string.Join(";", projects)}" StopOnFirstFailure="false" />
                  </Target>
                </Project>
                """);

            var run = await DotnetCommand.RunAsync(root, Environment(), Path.Combine(root, "cases.binlog"), "msbuild", "cases.proj");

            Assert.True(run.ExitCode != 0, run.ToString());
            var logged = ErrorLine().Matches(run.Output).Select(m => (Code: m.Groups["code"].Value, Text: m.Groups["text"].Value, Project: Path.GetFileNameWithoutExtension(m.Groups["project"].Value))).Distinct().ToList();
            foreach (var (project, errors) in cases)
            {
                var ofCase = logged.Where(l => l.Project == project.Name).ToList();
                Assert.True(errors.Length == ofCase.Count, $"{project.Name}: expected {errors.Length} errors, logged:\n{string.Join("\n", ofCase)}");
                foreach (var (code, text) in errors)
                {
                    Assert.True(ofCase.Any(l => l.Code == code && Matches(l.Text, text)), $"{project.Name}: no '{code}: {text}' among\n{string.Join("\n", ofCase)}");
                }

                await AssertNothingWrittenAsync(root, project);
            }

            keep = false;
        }
        finally
        {
            if (!keep)
            {
                Directory.Delete(root, recursive: true);
            }
        }

        ErrorCaseProject Publish(string name, string properties = "", string publishDir = "publish", string extraItems = "") =>
            new(name, "S3ExchangePublish", server.CreateStore(), properties, publishDir, extraItems);

        ErrorCaseProject Download(string name) =>
            new(name, "S3ExchangeDownload", server.CreateStore(), $"<S3ExchangeManifestKey>{ManifestKey}</S3ExchangeManifestKey>");

        async Task<ErrorCaseProject> DownloadAsync(string name, Func<S3ExchangeStore, Task> writeManifest)
        {
            var project = Download(name);
            await writeManifest(project.Store);
            return project;
        }
    }

    [Fact]
    public async Task A_real_msbuild_run_interrupted_while_its_shard_upload_is_held_is_S3XB012_and_stores_nothing()
    {
        var root = Directory.CreateTempSubdirectory("s3xb-cancel-").FullName;
        var keep = true;
        var proxy = FaultProxy.Start(server.Endpoint);
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "publish"));
            File.WriteAllBytes(Path.Combine(root, "publish", "App.dll"), RandomNumberGenerator.GetBytes(2000));
            var project = new ErrorCaseProject("c012-cancelled", "S3ExchangePublish", server.CreateStore(), $"<S3ExchangeEndpoint>{proxy.Endpoint}</S3ExchangeEndpoint>");
            proxy.Plan = FaultPlan.Always(Fault.Delay(TimeSpan.FromMinutes(3))).Where(r => r.Method == "PUT");
            project.Write(root);

            var running = DotnetCommand.Start(root, Environment(), Path.Combine(root, "cancel.binlog"), "msbuild", "c012-cancelled.proj");
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (proxy.Counters.PeakDelayed == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.True(proxy.Counters.PeakDelayed > 0, "no shard upload was held within 2 minutes: " + proxy.Counters);
            running.Interrupt();
            var run = await running.WaitAsync();

            // Requests still held are dropped, never relayed: what the server has now is all it gets.
            await proxy.DisposeAsync();
            Assert.True(run.ExitCode != 0, run.ToString());
            var logged = ErrorLine().Matches(run.Output).Select(m => (m.Groups["code"].Value, m.Groups["text"].Value)).Distinct().ToList();
            Assert.Equal([("S3XB012", "PublishToS3Exchange was cancelled; nothing was committed (no manifest was written). Run the build again to finish: what was stored is kept and not sent again.")], logged);
            Assert.Empty(await project.Store.ListKeysAsync("").ToListAsync());
            var uploads = await server.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = server.Bucket, Prefix = project.Store.Options.BasePrefix });
            Assert.Empty(uploads.MultipartUploads ?? []);
            Assert.False(File.Exists(Path.Combine(root, "s3exchange-publish.txt")));
            keep = false;
        }
        finally
        {
            await proxy.DisposeAsync();
            if (!keep)
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    // Nothing under the case's prefix but what the test put there, no file in its download
    // folder (not even a temporary one), and no record of a publish beside the project.
    private async Task AssertNothingWrittenAsync(string root, ErrorCaseProject project)
    {
        var before = project.Target == "S3ExchangePublish" ? [] : new[] { project.Store.ResolveKey(ManifestKey) };
        var keys = await project.Store.ListKeysAsync("").ToListAsync();
        Assert.True(keys.All(k => before.Contains(k) || k.Contains("/c/", StringComparison.Ordinal)), $"{project.Name} left {string.Join(", ", keys)}");
        var folder = project.DownloadDir(root);
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Any(), $"{project.Name} wrote into {folder}");
        Assert.False(File.Exists(Path.Combine(root, "s3exchange-publish.txt")));
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "escape.txt")) || File.Exists(Path.Combine(root, "downloads", "escape.txt")));
    }

    // Loose objects (stored below c/) whose manifest entries land at the given download paths.
    private static Func<S3ExchangeStore, Task> LooseManifestAsync(params string[] paths) => async store =>
    {
        var entries = new List<ManifestEntry>();
        for (var i = 0; i < paths.Length; i++)
        {
            var entry = await store.PutObjectAsync($"c/object{i}.txt", "content"u8.ToArray());
            entry.Meta = new JsonObject { ["path"] = paths[i] };
            entries.Add(entry);
        }

        await store.WriteManifestAsync(ManifestKey, entries);
    };

    // A shard whose internal manifest records a SHA-256 its member does not have.
    private static async Task MemberWithWrongHashAsync(S3ExchangeStore store)
    {
        var wrong = Sha256("something else");
        var shard = await store.PutShardArchiveAsync("c/shard.tar", [ShardItem.FromBytes("a.txt", "data"u8.ToArray()) with { Meta = new JsonObject { ["sha256"] = wrong } }], ShardCompression.None);
        await store.WriteManifestAsync(ManifestKey, [shard.Entry]);
    }

    // A manifest listing a shard member on its own (as a compacted manifest does) with a size it does not have.
    private static async Task MemberWithWrongSizeAsync(S3ExchangeStore store)
    {
        var shard = await store.PutShardArchiveAsync("c/shard.tar", [ShardItem.FromBytes("a.txt", "data"u8.ToArray())], ShardCompression.None);
        var archiveKey = shard.Entry.ArchiveKey;
        await store.WriteManifestAsync(ManifestKey, [new FileEntry(archiveKey + "#a.txt") { ArchiveKey = archiveKey, MemberPath = "a.txt", SizeBytes = 999 }]);
    }

    private async Task MalformedManifestAsync(S3ExchangeStore store) =>
        await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = server.Bucket, Key = store.ResolveKey(ManifestKey), ContentBody = "{\"key\": \"c/a.txt\"}\nnot json\n" });

    // The logged text is the expected one exactly; '…' in it stands for any text (an SDK's
    // wording, a content digest of random bytes).
    private static bool Matches(string logged, string expected)
    {
        var parts = expected.Split('…');
        if (parts.Length == 1)
        {
            return logged == expected;
        }

        if (!logged.StartsWith(parts[0], StringComparison.Ordinal) || !logged.EndsWith(parts[^1], StringComparison.Ordinal))
        {
            return false;
        }

        var at = parts[0].Length;
        foreach (var part in parts[1..^1])
        {
            at = logged.IndexOf(part, at, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            at += part.Length;
        }

        return at <= logged.Length - parts[^1].Length;
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private Dictionary<string, string> Environment() => new()
    {
        ["S3_ENDPOINT_URL"] = server.Endpoint,
        ["S3_REGION"] = server.Settings.Region,
        ["S3_BUCKET"] = server.Bucket,
        ["S3_AWS_ACCESS_KEY_ID"] = server.Settings.AccessKeyId!,
        ["S3_AWS_SECRET_ACCESS_KEY"] = server.Settings.SecretAccessKey!,
    };

    // A loopback port nothing listens on: taken from the system, then released.
    private static string ClosedLoopbackEndpoint()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    // MSBuild's console form of an error: "<file>: error <code>: <text> [<project>]".
    [GeneratedRegex(@"error (?<code>S3XB\d{3}): (?<text>.*) \[(?<project>[^\]]+)\]\s*$", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();
}
