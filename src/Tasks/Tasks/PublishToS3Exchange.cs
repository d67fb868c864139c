using Microsoft.Build.Framework;
using S3Exchange.Build.Configuration;
using S3Exchange.Build.Diagnostics;
using S3Exchange.Build.Planning;
using S3Exchange.Build.Publishing;

namespace S3Exchange.Build.Tasks;

/// <summary>
/// Publishes a project's publish output to S3: stable, content-addressed shards (and loose
/// objects for large files), uploaded in parallel, then the build's manifest, written last.
/// Unchanged content is never sent twice. See docs/msbuild.md.
/// </summary>
public sealed class PublishToS3Exchange : S3ExchangeTask
{
    /// <summary>The files to publish; each item's <c>RelativePath</c> metadata is its path below <see cref="PublishDir"/>.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = [];

    /// <summary>The publish folder (symlinks must not lead out of it).</summary>
    [Required]
    public string PublishDir { get; set; } = string.Empty;

    /// <summary><c>{project}</c>.</summary>
    public string? ProjectName { get; set; }

    /// <summary><c>{version}</c>.</summary>
    public string? Version { get; set; }

    /// <summary><c>{configuration}</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary><c>{target_framework}</c>.</summary>
    public string? TargetFramework { get; set; }

    /// <summary><c>{rid}</c>; <c>any</c> when empty.</summary>
    public string? RuntimeIdentifier { get; set; }

    /// <summary><c>{revision}</c>.</summary>
    public string? SourceRevisionId { get; set; }

    /// <summary>The manifest key template.</summary>
    public string? ManifestKeyTemplate { get; set; }

    /// <summary>The template of the prefix shards and loose objects are stored under.</summary>
    public string? ContentPrefixTemplate { get; set; }

    /// <summary>The name of an <c>S3ExchangeNamespace</c> item whose template (plus <c>/manifest.jsonl</c>) is the manifest key.</summary>
    public string? PublishNamespace { get; set; }

    /// <summary>The project's <c>S3ExchangeNamespace</c> items (shared with the source generator).</summary>
    public ITaskItem[]? Namespaces { get; set; }

    /// <summary><c>S3ExchangeVariable</c> items: extra template variables (<c>Include</c> = name, <c>Value</c>).</summary>
    public ITaskItem[]? Variables { get; set; }

    /// <summary><c>overwrite</c> (default) or <c>append_parts</c>.</summary>
    public string? ManifestMode { get; set; }

    /// <summary>Files per shard at most.</summary>
    public int ShardMaxEntries { get; set; } = ShardingLimits.DefaultMaxEntries;

    /// <summary>Content bytes per shard at most.</summary>
    public long ShardMaxBytes { get; set; } = ShardingLimits.DefaultMaxBytes;

    /// <summary>Files larger than this go up as loose objects.</summary>
    public long LooseFileThreshold { get; set; } = ShardingLimits.DefaultLooseFileThreshold;

    /// <summary><c>gzip</c> (default) or <c>none</c>.</summary>
    public string? ShardCompression { get; set; }

    /// <summary>Print the plan; send nothing.</summary>
    public bool DryRun { get; set; }

    /// <summary>The manifest's full bucket key.</summary>
    [Output]
    public string? ManifestKey { get; private set; }

    /// <summary>The SHA-256 of the manifest as stored (empty on a dry run).</summary>
    [Output]
    public string? ManifestSha256 { get; private set; }

    /// <summary>Shards this run uploaded.</summary>
    [Output]
    public int ShardsUploaded { get; private set; }

    /// <summary>Shards that were already stored.</summary>
    [Output]
    public int ShardsSkipped { get; private set; }

    private protected override async Task RunAsync(Action<string> report, CancellationToken cancellationToken)
    {
        var mode = ParseMode(ManifestMode);
        var limits = new ShardingLimits(ShardMaxEntries, ShardMaxBytes, LooseFileThreshold) { Compression = ParseCompression(ShardCompression) };
        limits.Validate();
        var variables = TemplateVariables.Build(ProjectName, Version, Configuration, TargetFramework, RuntimeIdentifier, SourceRevisionId, Variables);
        var keys = PublishKeys.Resolve(ManifestKeyTemplate, ContentPrefixTemplate, PublishNamespace, Namespaces, variables);
        var (connection, settings) = ResolveConnection();
        var store = connection.CreateStore(settings);

        var sources = Files.Select(f => new PublishFileScanner.Source(f.GetMetadata("FullPath"), f.GetMetadata("RelativePath"))).ToList();
        var files = await PublishFileScanner.ScanAsync(sources, PublishDir, cancellationToken).ConfigureAwait(false);
        var plan = PublishPlanner.Plan(files, keys, limits);
        ManifestKey = store.ResolveKey(plan.ManifestKey);

        if (DryRun)
        {
            foreach (var line in PlanDescription.Lines(plan, key => store.ResolveKey(key)))
            {
                report(line);
            }

            return;
        }

        report($"S3Exchange publish: {plan.FileCount} files ({Sizes.Mib(plan.ContentBytes)}) in {plan.Shards.Count} shards and {plan.LooseFiles.Count} loose files to s3://{settings.Bucket}/{ManifestKey} on {S3Connection.Describe(settings)}");
        var outcome = await new PublishExecutor(store, report).RunAsync(plan, mode, cancellationToken).ConfigureAwait(false);
        ManifestSha256 = outcome.ManifestSha256;
        ShardsUploaded = outcome.ShardsUploaded;
        ShardsSkipped = outcome.ShardsSkipped;
        if (outcome.UploadedNothing)
        {
            report("S3Exchange publish: nothing to upload, every shard and file was already stored.");
        }

        report(PublishSummary.ToLogLine(outcome));
        if (PublishSummary.AppendToGitHubStepSummary(outcome, settings.Bucket) is { } summaryFile)
        {
            report($"S3Exchange publish: summary appended to {summaryFile}");
        }
    }

    private static ShardCompression ParseCompression(string? compression) => compression?.Trim().ToLowerInvariant() switch
    {
        null or "" or "gzip" => S3Exchange.ShardCompression.Gzip,
        "none" => S3Exchange.ShardCompression.None,
        _ => throw new BuildFailure(ErrorCodes.InvalidProperty, $"S3ExchangeShardCompression '{compression}' is not 'gzip' or 'none'."),
    };

    private static ManifestWriteMode ParseMode(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        null or "" or "overwrite" => ManifestWriteMode.Overwrite,
        "append_parts" or "appendparts" => ManifestWriteMode.AppendParts,
        _ => throw new BuildFailure(ErrorCodes.InvalidProperty, $"S3ExchangeManifestMode '{mode}' is not 'overwrite' or 'append_parts'."),
    };
}
