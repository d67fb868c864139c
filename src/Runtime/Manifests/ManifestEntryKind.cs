namespace S3Exchange;

/// <summary>The <c>kind</c> of a manifest entry.</summary>
public enum ManifestEntryKind
{
    /// <summary><c>"file"</c>: a loose object, or a member of a shard archive.</summary>
    File,

    /// <summary><c>"shard"</c>: a tar archive holding many members and an internal manifest.</summary>
    Shard,

    /// <summary><c>"manifest_ref"</c>: a reference to another manifest, resolved in place on read.</summary>
    ManifestRef,
}
