namespace S3Exchange;

/// <summary>One object of a manifest to download: its entry, the shard it was expanded from (if any), and its path below the target folder.</summary>
internal sealed record DownloadTarget(FileEntry File, ShardEntry? Shard, string Relative);
