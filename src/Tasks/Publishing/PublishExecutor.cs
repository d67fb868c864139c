using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using S3Exchange.Build.Diagnostics;
using S3Exchange.Build.Planning;

namespace S3Exchange.Build.Publishing;

/// <summary>
/// Carries out a <see cref="PublishPlan"/>: lists what the content prefix already holds,
/// uploads the missing shards and loose objects in parallel, and only when every one is stored
/// writes the manifest, the commit point. A failure or cancellation before that leaves no
/// manifest (and aborts multipart uploads in flight: the runtime's upload stream does that when
/// it is disposed without completing); a re-run then uploads only what is still missing.
/// </summary>
internal sealed class PublishExecutor(S3ExchangeStore store, Action<string> report)
{
    /// <summary>
    /// Shards and loose files up to this size go up as one PutObject rather than a multipart
    /// upload. Servers store a multipart object twice (the parts, then the joined object) and each
    /// part is a request of its own; one request per object halves the server's work (docs/msbuild.md,
    /// Benchmark). A power of two, as the array pool rents.
    /// </summary>
    public const int SinglePutMaxBytes = 64 * 1024 * 1024;

    /// <summary>At most this many bytes of shard buffers for single PutObjects at once (a shard is buffered whole to be signed).</summary>
    public const int SinglePutBudgetBytes = 256 * 1024 * 1024;

    private const int BudgetUnit = 1024 * 1024;

    private readonly SemaphoreSlim budget = new(SinglePutBudgetBytes / BudgetUnit);
    private readonly SemaphoreSlim budgetQueue = new(1);

    public async Task<PublishOutcome> RunAsync(PublishPlan plan, ManifestWriteMode mode, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var stored = await RemoteContentIndex.LoadAsync(store, plan.ContentPrefix, cancellationToken).ConfigureAwait(false);
        var shardEntries = new ShardEntry[plan.Shards.Count];
        var looseEntries = new FileEntry[plan.LooseFiles.Count];
        long bytesUploaded = 0;
        int shardsUploaded = 0, looseUploaded = 0, done = 0;
        var total = plan.Shards.Count + plan.LooseFiles.Count;

        var work = plan.Shards.Select((shard, i) => (Index: i, Shard: (PlannedShard?)shard, Loose: (PlannedLooseFile?)null))
            .Concat(plan.LooseFiles.Select((loose, i) => (Index: i, Shard: (PlannedShard?)null, Loose: (PlannedLooseFile?)loose)))
            // Largest first, so one big upload does not start last and run alone.
            .OrderByDescending(w => w.Shard?.ContentBytes ?? w.Loose!.File.SizeBytes)
            .ToList();

        await Parallel.ForEachAsync(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = store.Options.MaxConcurrency, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                var started = Stopwatch.GetTimestamp();
                string what;
                if (item.Shard is { } shard)
                {
                    var fullKey = store.ResolveKey(shard.Key);
                    var skipped = stored.TryGetSize(fullKey, out var size);
                    if (!skipped)
                    {
                        var written = await PutShardAsync(shard, plan.Compression, token).ConfigureAwait(false);
                        size = written.Entry.SizeBytes ?? 0;
                        Interlocked.Add(ref bytesUploaded, size);
                        Interlocked.Increment(ref shardsUploaded);
                    }

                    shardEntries[item.Index] = new ShardEntry(fullKey)
                    {
                        Compression = plan.Compression,
                        Count = shard.Files.Count,
                        SizeBytes = size,
                        Meta = new JsonObject { ["digest"] = shard.Digest },
                    };
                    what = $"shard {fullKey} ({shard.Files.Count} files, {Sizes.Mib(shard.ContentBytes)})";
                    Report(skipped, what);
                }
                else
                {
                    var loose = item.Loose!;
                    var fullKey = store.ResolveKey(loose.Key);
                    var skipped = stored.TryGetSize(fullKey, out _);
                    if (!skipped)
                    {
                        await store.PutFileAsync(loose.Key, loose.File.SourcePath, SinglePutMaxBytes, null, token).ConfigureAwait(false);
                        Interlocked.Add(ref bytesUploaded, loose.File.SizeBytes);
                        Interlocked.Increment(ref looseUploaded);
                    }

                    looseEntries[item.Index] = LooseEntry(fullKey, loose.File);
                    what = $"file {loose.File.RelativePath} as {fullKey} ({Sizes.Mib(loose.File.SizeBytes)})";
                    Report(skipped, what);
                }

                void Report(bool skipped, string description)
                {
                    var n = Interlocked.Increment(ref done);
                    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    report(skipped
                        ? $"[{n}/{total}] skipped {description}: already stored"
                        : $"[{n}/{total}] uploaded {description} in {seconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
                }
            }).ConfigureAwait(false);

        // The commit point: every shard and object the manifest names is stored by now.
        await store.WriteManifestAsync(plan.ManifestKey, [.. shardEntries, .. looseEntries], mode, cancellationToken).ConfigureAwait(false);
        var manifestSha256 = await HashObjectAsync(plan.ManifestKey, cancellationToken).ConfigureAwait(false);
        return new PublishOutcome
        {
            ManifestKey = store.ResolveKey(plan.ManifestKey),
            ManifestSha256 = manifestSha256,
            FileCount = plan.FileCount,
            ShardsUploaded = shardsUploaded,
            ShardsSkipped = plan.Shards.Count - shardsUploaded,
            LooseUploaded = looseUploaded,
            LooseSkipped = plan.LooseFiles.Count - looseUploaded,
            BytesUploaded = bytesUploaded,
            ContentBytes = plan.ContentBytes,
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>
    /// An upper bound of a shard archive's size: content, a header and padding per member, the
    /// internal manifest's entries, and for gzip the few percent that incompressible input can grow.
    /// </summary>
    public static long EstimateArchiveBytes(PlannedShard shard, ShardCompression compression)
    {
        long bytes = 64 * 1024;
        foreach (var file in shard.Files)
        {
            bytes += file.SizeBytes + (2 * 512) + 1024 + (4L * file.RelativePath.Length) + shard.Key.Length;
        }

        return compression == ShardCompression.None ? bytes : bytes + (bytes / 16);
    }

    // A shard whose archive fits in SinglePutMaxBytes is buffered whole and sent as one
    // PutObject; one of up to twice that (a full 64 MiB plain tar shard, or a gzip one that
    // compresses) gets SinglePutMaxBytes parts: one request if it compresses to fit, else two
    // parts, one in flight while the other fills. Both within SinglePutBudgetBytes for all
    // uploads together. Anything larger streams in the store's part size, as before. The
    // archive bytes are the same either way.
    private async Task<Shard> PutShardAsync(PlannedShard shard, ShardCompression compression, CancellationToken cancellationToken)
    {
        var estimate = EstimateArchiveBytes(shard, compression);
        var items = shard.Files.Select(ToShardItem).ToList();
        if (estimate > 2L * SinglePutMaxBytes || estimate <= store.Options.PartSizeBytes)
        {
            return await store.PutShardArchiveAsync(shard.Key, items, compression, store.Options.ShardCompressionLevel, 0, cancellationToken).ConfigureAwait(false);
        }

        var bufferBytes = estimate > SinglePutMaxBytes ? SinglePutMaxBytes : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)estimate);
        var units = (estimate > SinglePutMaxBytes ? 2 * SinglePutMaxBytes : bufferBytes) / BudgetUnit;
        await budgetQueue.WaitAsync(cancellationToken).ConfigureAwait(false);
        var taken = 0;
        try
        {
            for (; taken < units; taken++)
            {
                await budget.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            if (taken > 0)
            {
                budget.Release(taken);
            }

            throw;
        }
        finally
        {
            budgetQueue.Release();
        }

        try
        {
            return await store.PutShardArchiveAsync(shard.Key, items, compression, store.Options.ShardCompressionLevel, bufferBytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            budget.Release(units);
        }
    }

    /// <summary>The metadata every stored file carries: its SHA-256 and Unix mode (and, for loose objects, its path).</summary>
    public static JsonObject FileMeta(PublishFile file, bool withPath)
    {
        var meta = new JsonObject();
        if (withPath)
        {
            meta["path"] = file.RelativePath;
        }

        meta["sha256"] = file.Sha256;
        meta["mode"] = file.OctalMode;
        return meta;
    }

    // Fixed time and mode from the file: the same members always make the same archive bytes.
    private static ShardItem ToShardItem(PublishFile file) => ShardItem.FromFile(file.RelativePath, file.SourcePath) with
    {
        UnixMode = file.UnixMode,
        ModifiedTime = null,
        Meta = FileMeta(file, withPath: false),
    };

    private static FileEntry LooseEntry(string fullKey, PublishFile file) => new(fullKey)
    {
        Id = KeyPath.InferId(file.RelativePath),
        SizeBytes = file.SizeBytes,
        Meta = FileMeta(file, withPath: true),
    };

    private async Task<string> HashObjectAsync(string key, CancellationToken cancellationToken)
    {
        var content = await store.GetObjectAsync(key, cancellationToken).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false));
        }
    }
}
