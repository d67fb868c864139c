using System.Text.RegularExpressions;
using Amazon.S3.Model;
using S3Exchange.Testing;

namespace S3Exchange.Tool.Tests;

/// <summary>What a CI step gets from <c>s3x</c>: step outputs and summary, progress where it belongs, and a clean Ctrl-C.</summary>
[Collection("S3")]
public sealed partial class ToolCiTests(S3ServerFixture server, InstalledTool tool)
{
    private const string Manifest = "ci/app/1.0.0/manifest.jsonl";

    [Fact]
    public async Task Publish_and_fetch_set_the_GitHub_step_outputs_with_one_manifest_sha256_and_add_a_summary()
    {
        var store = server.CreateStore();
        using var source = new TempFolder();
        source.Write("app.dll", 5000, 1);
        source.Write("app.json", 300, 2);
        using var github = new TempFolder();
        var environment = ServerEnvironment.Of(server);
        environment["GITHUB_OUTPUT"] = Path.Combine(github.Root, "publish-output");
        environment["GITHUB_STEP_SUMMARY"] = Path.Combine(github.Root, "summary.md");

        var published = await tool.RunAsync(environment, "publish", source.Root, Manifest, "--base-prefix", store.Options.BasePrefix!);
        Assert.True(published.ExitCode == 0, published.ToString());
        environment["GITHUB_OUTPUT"] = Path.Combine(github.Root, "fetch-output");
        using var target = new TempFolder();
        var fetched = await tool.RunAsync(environment, "fetch", Manifest, target.Root, "--base-prefix", store.Options.BasePrefix!);
        Assert.True(fetched.ExitCode == 0, fetched.ToString());

        var fullKey = store.ResolveKey(Manifest);
        var publishOutputs = Outputs(Path.Combine(github.Root, "publish-output"));
        var fetchOutputs = Outputs(Path.Combine(github.Root, "fetch-output"));
        Assert.Equal(fullKey, publishOutputs["manifest-key"]);
        Assert.Equal($"s3://{server.Bucket}/{fullKey}", publishOutputs["manifest-uri"]);
        Assert.Equal(await StoredContent.Sha256Async(store, Manifest), publishOutputs["manifest-sha256"]);
        Assert.Equal("2", publishOutputs["files"]);
        Assert.Equal(publishOutputs["manifest-sha256"], fetchOutputs["manifest-sha256"]);
        Assert.Equal(fullKey, fetchOutputs["manifest-key"]);
        Assert.Equal(Path.GetFullPath(target.Root), fetchOutputs["folder"]);
        Assert.Contains($"sha256 {publishOutputs["manifest-sha256"]}", fetched.Output);

        var summary = File.ReadAllText(Path.Combine(github.Root, "summary.md"));
        Assert.True(summary.IndexOf("### S3Exchange publish", StringComparison.Ordinal) < summary.IndexOf("### S3Exchange fetch", StringComparison.Ordinal), summary);
        Assert.Contains("| Files | 2 (0.01 MiB), 2 verified |", summary);
    }

    [Fact]
    public async Task With_stderr_redirected_progress_is_printed_only_with_the_progress_flag()
    {
        var store = server.CreateStore();
        using var source = new TempFolder();
        for (var i = 0; i < 6; i++)
        {
            source.Write($"f{i}.bin", 3000, i);
        }

        var quiet = await tool.RunAsync(ServerEnvironment.Of(server), "publish", source.Root, Manifest, "--base-prefix", store.Options.BasePrefix!);
        using var target = new TempFolder();
        var loud = await tool.RunAsync(ServerEnvironment.Of(server), "fetch", Manifest, target.Root, "--progress", "--base-prefix", store.Options.BasePrefix!);

        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.Equal(string.Empty, quiet.Error);
        Assert.True(loud.ExitCode == 0, loud.ToString());
        var lines = loud.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(ProgressLine(), line));
        Assert.StartsWith("s3x fetch: [6/6] 6 files, 0.02 MiB written, ", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain('\r', loud.Error);
    }

    [Fact]
    public async Task Put_and_get_print_their_bytes_of_the_total_with_the_progress_flag()
    {
        var store = server.CreateStore();
        using var source = new TempFolder();
        var file = source.Write("one.bin", 1024 * 1024, 1);
        using var target = new TempFolder();

        var put = await tool.RunAsync(ServerEnvironment.Of(server), "put", file, "ci/one.bin", "--progress", "--base-prefix", store.Options.BasePrefix!);
        var get = await tool.RunAsync(ServerEnvironment.Of(server), "get", "ci/one.bin", "-o", Path.Combine(target.Root, "one.bin"), "--progress", "--base-prefix", store.Options.BasePrefix!);

        Assert.True(put.ExitCode == 0, put.ToString());
        Assert.StartsWith("s3x put: [1/1] 1 files, 1.00 MiB of 1.00 MiB sent, ", put.Error, StringComparison.Ordinal);
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.StartsWith("s3x get: 1.00 MiB of 1.00 MiB written, ", get.Error, StringComparison.Ordinal);
        Assert.Single(get.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(target.Root, "one.bin")));
    }

    [Fact]
    public async Task On_a_terminal_progress_is_one_line_rewritten_in_place()
    {
        var store = server.CreateStore();
        using var source = new TempFolder();
        source.Write("a.bin", 3000, 1);
        source.Write("b.bin", 90_000, 2);

        var result = await tool.RunOnTerminalAsync(ServerEnvironment.Of(server), "publish", source.Root, Manifest, "--base-prefix", store.Options.BasePrefix!);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"\rs3x publish: \[\d+/\d+\] \d+ files, [0-9.]+ MiB sent, [0-9.]+ MiB/s\u001b\[K", result.Output);
        Assert.Contains("published 2 files", result.Output);
    }

    [Fact]
    public async Task Ctrl_C_during_a_multipart_put_exits_130_with_no_object_and_no_upload_left_open()
    {
        var store = server.CreateStore();
        using var source = new TempFolder();
        // Over the 8 MiB part size, so the put is a multipart upload.
        var file = source.Write("big.bin", 9 * 1024 * 1024, 1);
        await using var proxy = FaultProxy.Start(server.Endpoint);
        proxy.Plan = FaultPlan.Always(Fault.Delay(TimeSpan.FromMinutes(2))).Where(r => r.Method == "PUT" && r.HasQuery("partNumber"));

        var result = await InterruptWhileHeldAsync(proxy, store, "put", file, "drop/big.bin");

        Assert.False(await store.ExistsAsync("drop/big.bin"));
        var uploads = await store.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = server.Bucket, Prefix = store.Options.BasePrefix + "/" });
        Assert.Empty(uploads.MultipartUploads ?? []);
        Assert.True(proxy.Counters.RequestsUnder("DELETE", $"/{server.Bucket}/{store.Options.BasePrefix}/drop/big.bin") == 1, proxy.Counters.ToString() + result);
    }

    [Fact]
    public async Task Ctrl_C_during_a_publish_exits_130_and_writes_no_manifest()
    {
        var store = server.CreateStore();
        using var source = new TempFolder();
        source.Write("a.bin", 20_000, 1);
        source.Write("b.bin", 20_000, 2);
        await using var proxy = FaultProxy.Start(server.Endpoint);
        proxy.Plan = FaultPlan.Always(Fault.Delay(TimeSpan.FromMinutes(2))).Where(r => r.Method == "PUT" && r.Path.Contains("/content/", StringComparison.Ordinal));

        await InterruptWhileHeldAsync(proxy, store, "publish", source.Root, Manifest);

        Assert.False(await store.ExistsAsync(Manifest));
        Assert.Equal(0, proxy.Counters.RequestsTo("PUT", $"/{server.Bucket}/{store.ResolveKey(Manifest)}"));
    }

    // Runs the command through the proxy, sends SIGINT once the proxy holds one of its requests,
    // and checks the run ends as a cancelled one: exit code 130 and the one line saying so.
    private async Task<ToolResult> InterruptWhileHeldAsync(FaultProxy proxy, S3ExchangeStore store, params string[] arguments)
    {
        using var running = tool.Start(ServerEnvironment.Of(server, proxy.Endpoint), [.. arguments, "--base-prefix", store.Options.BasePrefix!]);
        using (var waiting = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            while (proxy.Counters.PeakDelayed == 0)
            {
                await Task.Delay(20, waiting.Token);
            }
        }

        running.Interrupt();
        var result = await running.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Equal("s3x: cancelled; nothing half-written was left (no manifest, no open multipart upload, no temporary file).", result.Error.Trim());
        return result;
    }

    [GeneratedRegex(@"^s3x fetch: \[\d+/6\] \d+ files, [0-9.]+ MiB written, [0-9.]+ MiB/s$")]
    private static partial Regex ProgressLine();

    private static Dictionary<string, string> Outputs(string path) =>
        File.ReadAllLines(path).Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
}
