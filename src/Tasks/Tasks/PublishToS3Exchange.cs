using Microsoft.Build.Framework;
using S3Exchange.Build.Configuration;
using S3Exchange.Build.Diagnostics;
using S3Exchange.Build.Publishing;
using S3Exchange.Reporting;

namespace S3Exchange.Build.Tasks;

/// <summary>
/// Publishes a project's publish output to S3 through the runtime's
/// <see cref="S3ExchangeStore.PlanPublishAsync"/> and <see cref="S3ExchangeStore.PublishAsync(PublishPlan, ManifestWriteMode, IProgress{TransferProgress}?, CancellationToken)"/>: stable, content-addressed shards (and loose
/// objects for large files), uploaded in parallel, then the build's manifest, written last.
/// Unchanged content is never sent twice. This task only translates items and properties into
/// a <see cref="PublishRequest"/> and the runtime's progress into log lines. See docs/msbuild.md.
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

    /// <summary><c>overwrite</c> or <c>append_parts</c>.</summary>
    public string? ManifestMode { get; set; }

    /// <summary>Files per shard at most.</summary>
    public string? ShardMaxEntries { get; set; }

    /// <summary>Content bytes per shard at most.</summary>
    public string? ShardMaxBytes { get; set; }

    /// <summary>Files larger than this go up as loose objects.</summary>
    public string? LooseFileThreshold { get; set; }

    /// <summary><c>gzip</c> or <c>none</c>.</summary>
    public string? ShardCompression { get; set; }

    /// <summary>The gzip level of shards, 0 (stored) to 9 (smallest); empty for the runtime's default (<see cref="S3ExchangeStoreOptions.DefaultShardCompressionLevel"/>).</summary>
    public string? ShardCompressionLevel { get; set; }

    /// <summary>Print the plan; send nothing.</summary>
    public bool DryRun { get; set; }

    /// <summary>The local file of known hashes (<see cref="PublishRequest.HashCacheFile"/>); empty or <c>none</c> hashes every file.</summary>
    public string? HashCacheFile { get; set; }

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

    private protected override async Task RunAsync(TaskLog log, CancellationToken cancellationToken)
    {
        var reader = new PropertyReader();
        var createStore = ResolveStore(reader, out var settings);
        var read = ReadRequest(reader);
        reader.ThrowIfInvalid();
        var request = read!;   // null only with a problem in the reader, which has thrown
        if (Files.Length == 0)
        {
            throw new BuildFailure("EmptyOutput", [PublishDir]);
        }

        var store = createStore();
        var plan = await store.PlanPublishAsync(request, cancellationToken).ConfigureAwait(false);
        ManifestKey = store.ResolveKey(plan.ManifestKey);
        if (request.HashCacheFile is not null)
        {
            log.Message(MessageImportance.Low, "HashCacheUsed", plan.FileCount - plan.FilesHashed, plan.FileCount, request.HashCacheFile);
        }

        if (plan.HashCacheProblem is { } cacheProblem)
        {
            log.Message(MessageImportance.Low, "HashCacheProblem", cacheProblem);
        }

        if (DryRun)
        {
            foreach (var (name, arguments) in PublishLog.DryRun(plan, key => store.ResolveKey(key)))
            {
                log.Message(MessageImportance.High, name, arguments);
            }

            return;
        }

        log.Message(MessageImportance.High, "PublishStarting", PublishLog.StartArguments(plan, settings.Bucket, ManifestKey, S3Connection.Describe(settings)));
        var progress = new ImmediateProgress<TransferProgress>(step => log.Message(MessageImportance.Normal, PublishLog.StepResource(step), PublishLog.StepArguments(step)));
        var report = await store.PublishAsync(plan, request.ManifestMode, progress, cancellationToken).ConfigureAwait(false);
        ManifestSha256 = report.ManifestSha256;
        ShardsUploaded = report.ShardsUploaded;
        ShardsSkipped = report.ShardsSkipped;
        if (report.UploadedNothing)
        {
            log.Message(MessageImportance.High, "NothingToUpload");
        }

        log.Message(MessageImportance.High, "PublishSummary", PublishLog.SummaryArguments(report));
        GitHubActions.AppendOutputs(StepOutputFile, StepOutputs.Publish(report, settings.Bucket));
        if (GitHubActions.AppendStepSummary(StepSummaryFile, ReportMarkdown.Publish(report, settings.Bucket)) is { } summaryFile)
        {
            log.Message(MessageImportance.Normal, "SummaryAppended", summaryFile);
        }
    }

    // Null when the keys cannot be resolved; every problem found is in the reader.
    private PublishRequest? ReadRequest(PropertyReader reader)
    {
        var variables = TemplateVariables.Build(ProjectName, Version, Configuration, TargetFramework, RuntimeIdentifier, SourceRevisionId, Variables);
        PublishKeys? keys = null;
        try
        {
            keys = PublishKeys.Resolve(ManifestKeyTemplate, ContentPrefixTemplate, PublishNamespace, Namespaces, variables, reader);
        }
        catch (S3ExchangeException ex) when (ex is InvalidKeyTemplateException or MissingPlaceholderException or InvalidPlaceholderValueException)
        {
            // A template problem is reported with the properties' problems, in the same run.
            reader.Add(FailureClassifier.Classify(ex, string.Empty, string.Empty));
        }

        var mode = reader.Choice("S3ExchangeManifestMode", ManifestMode, [("overwrite", ManifestWriteMode.Overwrite), ("append_parts", ManifestWriteMode.AppendParts), ("appendparts", ManifestWriteMode.AppendParts)]);
        var entries = reader.PositiveInt("S3ExchangeShardMaxEntries", ShardMaxEntries);
        var bytes = reader.Bytes("S3ExchangeShardMaxBytes", ShardMaxBytes, allowZero: false);
        var threshold = reader.Bytes("S3ExchangeLooseFileThreshold", LooseFileThreshold, allowZero: true);
        var compression = reader.Choice("S3ExchangeShardCompression", ShardCompression, [("gzip", S3Exchange.ShardCompression.Gzip), ("none", S3Exchange.ShardCompression.None)]);
        var level = reader.WholeNumber("S3ExchangeShardCompressionLevel", ShardCompressionLevel, 0, 9, "a gzip level from 0 (stored) to 9 (smallest)");
        if (keys is null)
        {
            return null;
        }

        // An empty property keeps the runtime's default, which the props file states.
        var defaults = new PublishRequest
        {
            Folder = PublishDir,
            Files = Files.Select(f => new PublishSource(f.GetMetadata("FullPath"), f.GetMetadata("RelativePath"))).ToList(),
            ManifestKey = keys.ManifestKey,
            ContentPrefix = keys.ContentPrefix,
        };
        return defaults with
        {
            ManifestMode = mode ?? defaults.ManifestMode,
            ShardMaxEntries = entries ?? defaults.ShardMaxEntries,
            ShardMaxBytes = bytes ?? defaults.ShardMaxBytes,
            LooseFileThreshold = threshold ?? defaults.LooseFileThreshold,
            Compression = compression ?? defaults.Compression,
            CompressionLevel = level,
            HashCacheFile = string.IsNullOrWhiteSpace(HashCacheFile) || string.Equals(HashCacheFile, "none", StringComparison.OrdinalIgnoreCase) ? null : HashCacheFile,
        };
    }
}
