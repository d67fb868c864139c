using System.Text.Json.Nodes;

namespace S3Exchange;

/// <summary>A <c>"kind":"shard"</c> entry: a tar archive of many members.</summary>
public sealed class ShardEntry : ManifestEntry
{
    /// <summary>The internal manifest's member name when the entry names none.</summary>
    public const string DefaultInternalManifestPath = "__manifest__.jsonl";

    /// <summary>Creates an entry for the archive at <paramref name="archiveKey"/>.</summary>
    public ShardEntry(string archiveKey)
    {
        ArchiveKey = archiveKey;
    }

    /// <inheritdoc/>
    public override ManifestEntryKind Kind => ManifestEntryKind.Shard;

    /// <summary>The archive's bucket key.</summary>
    public string ArchiveKey { get; set; }

    /// <summary>The archive format; always <c>"tar"</c> for archives this library writes.</summary>
    public string? Format { get; set; } = "tar";

    /// <summary>
    /// The archive's compression; null when the entry does not say, in which case readers infer
    /// it from the key's ending.
    /// </summary>
    public ShardCompression? Compression { get; set; }

    /// <summary>The member that holds the archive's internal manifest.</summary>
    public string? InternalManifestPath { get; set; } = DefaultInternalManifestPath;

    /// <summary>Number of data members, when known.</summary>
    public int? Count { get; set; }

    /// <summary>Size of the archive in bytes, when known.</summary>
    public long? SizeBytes { get; set; }

    /// <summary>Free-form metadata; the reference records <c>{"etag": "..."}</c> here.</summary>
    public JsonObject? Meta { get; set; }

    /// <summary>The compression to read the archive with: the declared one, else inferred from the key.</summary>
    public ShardCompression EffectiveCompression => Compression ?? ShardCompressionNames.InferFromKey(ArchiveKey);
}
