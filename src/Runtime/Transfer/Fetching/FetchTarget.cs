namespace S3Exchange;

/// <summary>
/// One file of a manifest to fetch: its entry, the shard it was expanded from (the archive to
/// stream it from, or null for an object read on its own), and where it lands.
/// </summary>
internal sealed record FetchTarget(FileEntry File, ShardEntry? Shard, string RelativePath, string FullPath);
