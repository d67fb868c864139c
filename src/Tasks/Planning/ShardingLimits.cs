using S3Exchange.Build.Diagnostics;

namespace S3Exchange.Build.Planning;

/// <summary>How the publish output is cut into shards and which files travel alone.</summary>
/// <param name="MaxEntries">At most this many files per shard (S3ExchangeShardMaxEntries).</param>
/// <param name="MaxBytes">At most this many content bytes per shard, unless one file alone is larger (S3ExchangeShardMaxBytes).</param>
/// <param name="LooseFileThreshold">Files larger than this are uploaded as loose objects (S3ExchangeLooseFileThreshold).</param>
internal sealed record ShardingLimits(int MaxEntries, long MaxBytes, long LooseFileThreshold)
{
    public const int DefaultMaxEntries = 1000;
    public const long DefaultMaxBytes = 64L * 1024 * 1024;
    public const long DefaultLooseFileThreshold = 16L * 1024 * 1024;

    public static ShardingLimits Default { get; } = new(DefaultMaxEntries, DefaultMaxBytes, DefaultLooseFileThreshold);

    /// <summary>How shard archives are compressed (S3ExchangeShardCompression): gzip, or none for plain tar (no CPU spent, members readable with one ranged GET).</summary>
    public ShardCompression Compression { get; init; } = ShardCompression.Gzip;

    /// <summary>
    /// The mean number of files between content-defined cuts: half the entry limit, so the
    /// limit is a rare backstop rather than the usual reason a shard ends.
    /// </summary>
    public int AverageEntries => Math.Max(1, MaxEntries / 2);

    public void Validate()
    {
        if (MaxEntries <= 0)
        {
            throw new BuildFailure(ErrorCodes.InvalidProperty, $"S3ExchangeShardMaxEntries must be positive, not {MaxEntries}.");
        }

        if (MaxBytes <= 0)
        {
            throw new BuildFailure(ErrorCodes.InvalidProperty, $"S3ExchangeShardMaxBytes must be positive, not {MaxBytes}.");
        }

        if (Compression is not (ShardCompression.Gzip or ShardCompression.None))
        {
            throw new BuildFailure(ErrorCodes.InvalidProperty, $"S3ExchangeShardCompression must be 'gzip' or 'none', not '{Compression}'.");
        }

        if (LooseFileThreshold < 0)
        {
            throw new BuildFailure(ErrorCodes.InvalidProperty, $"S3ExchangeLooseFileThreshold must not be negative, not {LooseFileThreshold}.");
        }
    }
}
