using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Build.Framework;
using S3Exchange.Build.Tasks;
using S3Exchange.Build.Tests.Infrastructure;
using S3Exchange.Testing;

namespace S3Exchange.Build.Tests.Tasks;

/// <summary>The tasks' properties and messages: every problem in one run, defaults in one place, what a default-verbosity build shows.</summary>
[Collection("S3")]
public sealed partial class TaskPropertyTests(S3ServerFixture server)
{
    [Fact]
    public void Every_invalid_property_is_reported_in_one_run_each_naming_itself()
    {
        using var files = new TestFiles();
        files.WriteRandom("a.dll", 100, 1);
        var engine = new RecordingBuildEngine();
        var task = new PublishToS3Exchange
        {
            BuildEngine = engine,
            Files = files.Items(),
            PublishDir = files.Root,
            ProjectName = "App",
            Endpoint = "not a url",
            ShardMaxEntries = "0",
            ShardCompression = "zip",
            ShardCompressionLevel = "10",
            MaxConcurrency = "many",
            ManifestMode = "append",
            ForcePathStyle = "yes",
        };

        Assert.False(task.Execute());

        // The default manifest template uses {version}, which this task was not given.
        Assert.Equal(["S3XB005", .. Enumerable.Repeat("S3XB007", 7)], engine.ErrorCodes.Order(StringComparer.Ordinal));
        foreach (var property in new[] { "S3ExchangeEndpoint", "S3ExchangeShardMaxEntries", "S3ExchangeShardCompression", "S3ExchangeShardCompressionLevel", "S3ExchangeMaxConcurrency", "S3ExchangeManifestMode", "S3ExchangeForcePathStyle" })
        {
            Assert.Single(engine.Errors, e => e.Message!.StartsWith(property + " is ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_props_defaults_are_the_runtimes_so_the_task_restates_none()
    {
        var props = XDocument.Load(Path.Combine(DotnetCommand.BuildFolder, "S3Exchange.Build.props"));
        string Default(string name) => props.Descendants().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal(PublishRequest.DefaultShardMaxEntries, int.Parse(Default("S3ExchangeShardMaxEntries"), CultureInfo.InvariantCulture));
        Assert.Equal(PublishRequest.DefaultShardMaxBytes, long.Parse(Default("S3ExchangeShardMaxBytes"), CultureInfo.InvariantCulture));
        Assert.Equal(PublishRequest.DefaultLooseFileThreshold, long.Parse(Default("S3ExchangeLooseFileThreshold"), CultureInfo.InvariantCulture));
        Assert.Equal(new S3ExchangeStoreOptions().MaxConcurrency, int.Parse(Default("S3ExchangeMaxConcurrency"), CultureInfo.InvariantCulture));
        Assert.Equal("gzip", Default("S3ExchangeShardCompression"));
        Assert.Equal(S3ExchangeStoreOptions.DefaultShardCompressionLevel, int.Parse(Default("S3ExchangeShardCompressionLevel"), CultureInfo.InvariantCulture));
        Assert.Equal(ShardCompression.Gzip, new PublishRequest { Folder = "f", Files = [], ManifestKey = "m", ContentPrefix = "c" }.Compression);
        Assert.Equal("overwrite", Default("S3ExchangeManifestMode"));
    }

    [Fact]
    public void Where_the_build_goes_and_what_it_sent_are_logged_at_high_importance_the_steps_at_normal()
    {
        var store = server.CreateStore();
        using var files = new TestFiles();
        files.WriteRandom("a.dll", 1000, 1);
        var engine = new RecordingBuildEngine();

        Assert.True(TestTasks.Publish(server, store, files, engine).Execute(), engine.Log);

        var high = engine.Messages.Where(m => m.Importance == MessageImportance.High).Select(m => m.Message!).ToList();
        Assert.Contains(high, m => m.StartsWith("S3Exchange publish: 1 files", StringComparison.Ordinal) && m.Contains($"s3://{server.Bucket}/", StringComparison.Ordinal));
        Assert.Contains(high, m => m.Contains("shards uploaded 1, skipped 0", StringComparison.Ordinal));
        Assert.Contains(engine.Messages, m => m.Importance == MessageImportance.Normal && m.Message!.StartsWith("[1/1] uploaded shard", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_error_message_starts_with_a_unique_code_that_docs_msbuild_lists()
    {
        var strings = XDocument.Load(Path.Combine(RepositoryFolder.Root, "src", "Tasks", "Resources", "Strings.resx"));
        var docs = File.ReadAllText(Path.Combine(RepositoryFolder.Root, "docs", "msbuild.md"));
        var codes = strings.Descendants("data").Select(d => d.Element("value")!.Value).Select(v => CodePrefix().Match(v)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(codes);
        Assert.All(codes.Distinct(), code => Assert.Contains($"`{code}`", docs));
    }

    [GeneratedRegex("^(S3XB[0-9]{3}): ")]
    private static partial Regex CodePrefix();
}
