namespace S3Exchange;

/// <summary>A shard archive that was written: its manifest entry and the entries of its members.</summary>
/// <param name="Entry">The <c>shard</c> entry to put in a manifest.</param>
/// <param name="Members">The internal manifest's entries, one per member, in archive order.</param>
public sealed record Shard(ShardEntry Entry, IReadOnlyList<FileEntry> Members);
