using S3Exchange.Build.Configuration;

namespace S3Exchange.Build.Planning;

/// <summary>Decides where every file goes: loose objects for the large ones, stable shards for the rest.</summary>
internal static class PublishPlanner
{
    public static PublishPlan Plan(IReadOnlyList<PublishFile> orderedFiles, PublishKeys keys, ShardingLimits limits)
    {
        limits.Validate();
        var loose = orderedFiles
            .Where(f => f.SizeBytes > limits.LooseFileThreshold)
            .Select(f => new PlannedLooseFile(ContentKeys.LooseKey(keys.ContentPrefix, f), f))
            .ToList();
        var sharded = orderedFiles.Where(f => f.SizeBytes <= limits.LooseFileThreshold).ToList();
        var shards = ShardBoundaries.Cut(sharded, limits)
            .Select(members =>
            {
                var digest = ContentKeys.ShardDigest(members, limits.Compression);
                return new PlannedShard(ContentKeys.ShardKey(keys.ContentPrefix, digest, limits.Compression), digest, members);
            })
            .ToList();
        return new PublishPlan(keys.ManifestKey, keys.ContentPrefix, limits.Compression, shards, loose);
    }
}
