using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace S3Exchange;

/// <summary>
/// Publishes files: hashes them, plans content-addressed shards and loose objects
/// (<see cref="PublishPlanner"/>), asks the server about exactly the keys of the plan (one HEAD
/// each, in parallel, so the cost grows with the files published and not with what the bucket
/// already holds), uploads what is missing, and only when every object is stored writes the
/// manifest, the commit point. A failure or cancellation before that leaves no manifest (and
/// aborts multipart uploads in flight: the upload stream does that when it is disposed without
/// completing); a re-run then uploads only what is still missing.
/// </summary>
internal sealed class FolderPublisher(S3ExchangeStore store, IProgress<TransferProgress>? progress)
{
    /// <summary>
    /// Shards and loose files up to this size go up as one PutObject rather than a multipart
    /// upload. Servers store a multipart object twice (the parts, then the joined object) and each
    /// part is a request of its own; one request per object halves the server's work (docs/msbuild.md,
    /// Benchmark). A power of two, as the array pool rents.
    /// </summary>
    public const int SinglePutMaxBytes = 64 * 1024 * 1024;

    /// <summary>
    /// Hashes the files (those the request's hash cache vouches for excepted) and plans where each
    /// goes; sends nothing. The cache is written here, after hashing and before any upload: what
    /// it records (a file's hash at a size and time) holds whether or not the publish then
    /// succeeds, and a publish that fails on the network is retried without reading the build again.
    /// </summary>
    public static async Task<PublishPlan> PlanAsync(PublishRequest request, int defaultCompressionLevel, ILogger logger, CancellationToken cancellationToken)
    {
        request.Validate();
        var cache = request.HashCacheFile is { } cacheFile ? PublishHashCache.Load(cacheFile) : null;
        var problem = cache?.IgnoredReason is { } ignored ? $"The hash cache '{request.HashCacheFile}' was ignored (every file hashed): {ignored}" : null;
        var (files, hashed) = await PublishFileScanner.ScanAsync(request.Files as IReadOnlyCollection<PublishSource> ?? [.. request.Files], request.Folder, cache, cancellationToken).ConfigureAwait(false);
        try
        {
            cache?.Save();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"The hash cache '{request.HashCacheFile}' could not be written (the next publish hashes every file again): {ex.Message}";
        }

        if (problem is not null)
        {
            S3ExchangeLog.HashCacheUnusable(logger, problem);
        }

        return PublishPlanner.Plan(files, request, request.CompressionLevel ?? defaultCompressionLevel) with { FilesHashed = hashed, HashCacheProblem = problem };
    }

    public async Task<PublishReport> PublishAsync(PublishPlan plan, ManifestWriteMode mode, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var manifestKey = store.ResolveKey(plan.ManifestKey);
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
                if (item.Shard is { } shard)
                {
                    var fullKey = store.ResolveKey(shard.Key);
                    var stored = await store.Storage.HeadAsync(fullKey, token).ConfigureAwait(false);
                    var size = stored?.SizeBytes ?? 0;
                    if (stored is null)
                    {
                        var written = await PutShardAsync(shard, plan.Compression, plan.CompressionLevel, token).ConfigureAwait(false);
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
                    Report(stored is null ? TransferStep.ShardUploaded : TransferStep.ShardAlreadyStored, fullKey, null, shard.Files.Count, stored is null ? size : 0);
                }
                else
                {
                    var loose = item.Loose!;
                    var fullKey = store.ResolveKey(loose.Key);
                    var stored = await store.Storage.HeadAsync(fullKey, token).ConfigureAwait(false);
                    if (stored is null)
                    {
                        await store.PutFileAsync(loose.Key, loose.File.SourcePath, SinglePutMaxBytes, null, token).ConfigureAwait(false);
                        Interlocked.Add(ref bytesUploaded, loose.File.SizeBytes);
                        Interlocked.Increment(ref looseUploaded);
                    }

                    looseEntries[item.Index] = LooseEntry(fullKey, loose.File);
                    Report(stored is null ? TransferStep.FileUploaded : TransferStep.FileAlreadyStored, fullKey, loose.File.RelativePath, 1, stored is null ? loose.File.SizeBytes : 0);
                }

                void Report(TransferStep step, string key, string? path, int count, long bytes) =>
                    progress?.Report(new TransferProgress(step, key, path, count, bytes, Interlocked.Increment(ref done), total, Stopwatch.GetElapsedTime(started)));
            }).ConfigureAwait(false);

        // The commit point: every shard and object the manifest names is stored by now.
        var manifestSha256 = await WriteManifestAsync(plan.ManifestKey, [.. shardEntries, .. looseEntries], mode, cancellationToken).ConfigureAwait(false);
        return new PublishReport
        {
            Plan = plan,
            ManifestKey = manifestKey,
            ManifestSha256 = manifestSha256,
            ShardsUploaded = shardsUploaded,
            LooseUploaded = looseUploaded,
            BytesUploaded = bytesUploaded,
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>
    /// An upper bound of a shard archive's size: content, a header and padding per member, the
    /// internal manifest's entries, and for gzip the few percent that incompressible input can grow.
    /// </summary>
    internal static long EstimateArchiveBytes(PlannedShard shard, ShardCompression compression)
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
    // parts, one in flight while the other fills. The buffers are leased from the store's
    // memory budget, like every upload's; a buffer larger than the budget, and any archive
    // larger than two, streams in the store's part size, as before. The archive bytes are the
    // same either way.
    private Task<Shard> PutShardAsync(PlannedShard shard, ShardCompression compression, int compressionLevel, CancellationToken cancellationToken)
    {
        var estimate = EstimateArchiveBytes(shard, compression);
        var items = shard.Files.Select(ToShardItem).ToList();
        var bufferBytes = estimate > SinglePutMaxBytes ? SinglePutMaxBytes : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)estimate);
        var singlePut = estimate <= 2L * SinglePutMaxBytes && estimate > store.Options.PartSizeBytes && bufferBytes <= store.Options.MemoryBudgetBytes;
        return store.PutShardArchiveAsync(shard.Key, items, compression, compressionLevel, singlePut ? bufferBytes : 0, cancellationToken);
    }

    /// <summary>The metadata every stored file carries: its SHA-256 and Unix mode (and, for loose objects, its path).</summary>
    internal static JsonObject FileMeta(PublishFile file, bool withPath)
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

    // Returns the SHA-256 of the manifest as stored. Replaced, it holds exactly the bytes sent;
    // appended to, the root also holds other writers' references, so only reading it tells.
    private async Task<string> WriteManifestAsync(string manifestKey, ManifestEntry[] entries, ManifestWriteMode mode, CancellationToken cancellationToken)
    {
        if (mode == ManifestWriteMode.Overwrite)
        {
            var lines = ManifestJson.ToBytes(entries);
            await store.OverwriteManifestAsync(manifestKey, lines, cancellationToken).ConfigureAwait(false);
            return Convert.ToHexString(SHA256.HashData(lines)).ToLowerInvariant();
        }

        await store.WriteManifestAsync(manifestKey, entries, mode, cancellationToken).ConfigureAwait(false);
        var content = await store.GetObjectAsync(manifestKey, cancellationToken).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            return Convert.ToHexString(await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false)).ToLowerInvariant();
        }
    }
}
