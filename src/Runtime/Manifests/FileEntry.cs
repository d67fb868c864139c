using System.Text.Json.Nodes;

namespace S3Exchange;

/// <summary>A <c>"kind":"file"</c> entry: one object, or one member of a shard archive.</summary>
public sealed class FileEntry : ManifestEntry
{
    /// <summary>Creates an entry for <paramref name="key"/>.</summary>
    public FileEntry(string key)
    {
        Key = key;
    }

    /// <inheritdoc/>
    public override ManifestEntryKind Kind => ManifestEntryKind.File;

    /// <summary>The object's bucket key, or for a shard member its virtual key <c>archive#member</c>.</summary>
    public string Key { get; set; }

    /// <summary>The producer's id for the object.</summary>
    public string? Id { get; set; }

    /// <summary>Free-form metadata (the reference's <c>meta</c> object).</summary>
    public JsonObject? Meta { get; set; }

    /// <summary>The MIME type, when known.</summary>
    public string? ContentType { get; set; }

    /// <summary>Size in bytes, when known.</summary>
    public long? SizeBytes { get; set; }

    /// <summary>The object's ETag without quotes, when known.</summary>
    public string? ETag { get; set; }

    /// <summary>For a shard member: the archive that holds it.</summary>
    public string? ArchiveKey { get; set; }

    /// <summary>For a shard member: its path inside the archive.</summary>
    public string? MemberPath { get; set; }

    /// <summary>
    /// For a member of an uncompressed tar shard: the byte offset of its data in the archive,
    /// so one ranged GET reads it. Stored as <c>data_offset</c>, a field the Python reader ignores.
    /// </summary>
    public long? DataOffset { get; set; }

    /// <summary>Whether this entry names a member of a shard archive.</summary>
    public bool IsShardMember => ArchiveKey is not null && MemberPath is not null;

    /// <summary>A shallow copy; <see cref="Meta"/> and <see cref="ManifestEntry.ExtensionData"/> are shared.</summary>
    public FileEntry Clone() => (FileEntry)MemberwiseClone();
}
