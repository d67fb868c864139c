namespace S3Exchange;

public sealed partial class S3ExchangeStore
{
    /// <summary>
    /// Publishes files as content-addressed shards and loose objects plus a manifest, written
    /// last as the commit point: <see cref="PlanPublishAsync"/>, then
    /// <see cref="PublishAsync(PublishPlan, ManifestWriteMode, IProgress{TransferProgress}?, CancellationToken)"/>.
    /// </summary>
    /// <param name="request">The files, keys and sharding rules.</param>
    /// <param name="progress">Told of each shard and loose file as it is stored or found stored.</param>
    /// <param name="cancellationToken">Cancels the publish; no manifest is written then.</param>
    /// <returns>The plan and what was sent.</returns>
    /// <exception cref="InvalidPublishFileException">A file is missing, shares a path, or is a symlink leading out of the folder; nothing was sent.</exception>
    /// <exception cref="S3OperationException">A request failed after the SDK's retries; no manifest was written.</exception>
    public async Task<PublishReport> PublishAsync(PublishRequest request, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var plan = await PlanPublishAsync(request, cancellationToken).ConfigureAwait(false);
        return await PublishAsync(plan, request.ManifestMode, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Hashes the files of <paramref name="request"/> and decides where each goes, sending no
    /// request (a dry run): files sorted by path; large ones loose under
    /// <c>{content}/objects/{sha256}/{name}</c>; the rest cut into shards at boundaries that
    /// follow the paths (so an unchanged file keeps its shard), each named
    /// <c>{content}/shards/{digest of its member list}</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A value of the request cannot be used; the message names it.</exception>
    /// <exception cref="InvalidPublishFileException">A file is missing, shares a path, or is a symlink leading out of the folder.</exception>
    public Task<PublishPlan> PlanPublishAsync(PublishRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FolderPublisher.PlanAsync(request, Options.ShardCompressionLevel, storage.Logger, cancellationToken);
    }

    /// <summary>
    /// Stores a plan: one HEAD per planned key (the cost follows the files published, not what
    /// the bucket holds), the missing shards and loose objects uploaded in parallel (up to
    /// <see cref="S3ExchangeStoreOptions.MaxConcurrency"/>), then the manifest, the commit
    /// point. A failure or cancellation leaves no manifest; run it again to send only what is
    /// still missing.
    /// </summary>
    /// <param name="plan">What to store (from <see cref="PlanPublishAsync"/>).</param>
    /// <param name="mode">Replace the manifest, or add the entries as a part.</param>
    /// <param name="progress">Told of each shard and loose file as it is stored or found stored.</param>
    /// <param name="cancellationToken">Cancels the publish; no manifest is written then.</param>
    /// <exception cref="S3OperationException">A request failed after the SDK's retries; no manifest was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The plan's <see cref="PublishPlan.CompressionLevel"/> is not 0–9 (a plan made by hand); nothing is sent.</exception>
    public Task<PublishReport> PublishAsync(PublishPlan plan, ManifestWriteMode mode = ManifestWriteMode.Overwrite, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        GzipLevel.Validate(plan.CompressionLevel, nameof(PublishPlan.CompressionLevel));
        return S3ExchangeTelemetry.TraceAsync("Publish", Bucket, ResolveKey(plan.ManifestKey), () => new FolderPublisher(this, progress).PublishAsync(plan, mode, cancellationToken));
    }

    /// <summary>
    /// Fetches every file of a manifest (shards expanded) into <paramref name="folder"/>: every
    /// path is checked before anything is written (none may land outside the folder or pass
    /// through a symlink in it), shards and objects are read in parallel (up to
    /// <see cref="S3ExchangeStoreOptions.MaxConcurrency"/>), each file is written under a
    /// temporary name, checked against the size and SHA-256 its entry records, given its
    /// recorded Unix mode and renamed into place. A shard member lands at its member path, a
    /// loose object at its entry's <c>meta.path</c>, else at its key relative to the manifest's
    /// folder, else at its full key.
    /// </summary>
    /// <param name="manifestKey">The manifest's key template.</param>
    /// <param name="folder">The folder to fill (created when missing).</param>
    /// <param name="options">Verification and modes; null for both on.</param>
    /// <param name="progress">Told of each file as it is written.</param>
    /// <param name="cancellationToken">Cancels the fetch; no temporary file is left.</param>
    /// <returns>Every file written, in manifest order.</returns>
    /// <exception cref="ManifestNotFoundException">The manifest does not exist.</exception>
    /// <exception cref="InvalidMemberPathException">A path is unsafe; nothing was written.</exception>
    /// <exception cref="ContentMismatchException">A file's size or SHA-256 differs from its entry; that file was not kept.</exception>
    public Task<FetchReport> FetchAsync(string manifestKey, string folder, FetchOptions? options = null, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var fullKey = ResolveKey(manifestKey);
        return S3ExchangeTelemetry.TraceAsync("Fetch", Bucket, fullKey, () => new FolderFetcher(this, options ?? new FetchOptions(), progress).FetchAsync(fullKey, folder, cancellationToken));
    }

    /// <summary>
    /// Downloads every object of a manifest (shards expanded) below <paramref name="targetFolder"/>
    /// (the Python <c>download_many</c>): <see cref="FetchAsync"/> with its defaults, reported as
    /// the reference does.
    /// </summary>
    /// <exception cref="InvalidMemberPathException">A key or member path would escape the folder; nothing was written.</exception>
    public async Task<DownloadReport> DownloadManyAsync(string manifestKey, string targetFolder, CancellationToken cancellationToken = default)
    {
        var report = await FetchAsync(manifestKey, targetFolder, null, null, cancellationToken).ConfigureAwait(false);
        return new DownloadReport(report.Files.Count, report.TotalBytes, report.Files.Select(f => f.RelativePath).ToList());
    }

    /// <summary>
    /// Checks a manifest without changing anything: every loose object and shard archive it
    /// names exists in the store with the size its entry records, and, with
    /// <paramref name="folder"/>, that folder holds exactly what <see cref="FetchAsync"/> would
    /// write (sizes, and SHA-256 where the manifest records it; files the manifest does not name
    /// are reported too).
    /// </summary>
    /// <param name="manifestKey">The manifest's key template.</param>
    /// <param name="folder">A fetched folder to compare, or null to check the store only.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Every difference found; none when <see cref="VerifyReport.Matches"/>.</returns>
    /// <exception cref="ManifestNotFoundException">The manifest does not exist.</exception>
    /// <exception cref="InvalidMemberPathException">A path in the manifest is unsafe (with a folder to check).</exception>
    public Task<VerifyReport> VerifyAsync(string manifestKey, string? folder = null, CancellationToken cancellationToken = default)
    {
        var fullKey = ResolveKey(manifestKey);
        return S3ExchangeTelemetry.TraceAsync("Verify", Bucket, fullKey, () => new ManifestVerifier(this).VerifyAsync(fullKey, folder, cancellationToken));
    }
}
