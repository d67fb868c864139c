namespace S3Exchange;

/// <summary>Decides where every file goes: loose objects for the large ones, stable shards for the rest.</summary>
internal static class PublishPlanner
{
    /// <param name="orderedFiles">The scanned files, in path order.</param>
    /// <param name="request">The sharding rules and keys.</param>
    /// <param name="compressionLevel">The gzip level: the request's, or else the store's.</param>
    public static PublishPlan Plan(IReadOnlyList<PublishFile> orderedFiles, PublishRequest request, int compressionLevel)
    {
        var loose = orderedFiles
            .Where(f => f.SizeBytes > request.LooseFileThreshold)
            .Select(f => new PlannedLooseFile(ContentKeys.LooseKey(request.ContentPrefix, f), f))
            .ToList();
        var sharded = orderedFiles.Where(f => f.SizeBytes <= request.LooseFileThreshold).ToList();
        var shards = ShardBoundaries.Cut(sharded, request)
            .Select(members =>
            {
                var digest = ContentKeys.ShardDigest(members, request.Compression, compressionLevel);
                return new PlannedShard(ContentKeys.ShardKey(request.ContentPrefix, digest, request.Compression), digest, members);
            })
            .ToList();
        return new PublishPlan(request.ManifestKey, request.ContentPrefix, request.Compression, compressionLevel, shards, loose);
    }
}
