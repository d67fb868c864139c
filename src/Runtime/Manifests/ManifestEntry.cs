using System.Text.Json;

namespace S3Exchange;

/// <summary>
/// One line of a manifest: a <see cref="FileEntry"/>, a <see cref="ShardEntry"/> or a
/// <see cref="ManifestRefEntry"/>. Fields this library does not know are kept in
/// <see cref="ExtensionData"/> and written back unchanged.
/// </summary>
public abstract class ManifestEntry
{
    private protected ManifestEntry()
    {
    }

    /// <summary>The entry's kind, the value of its <c>kind</c> field.</summary>
    public abstract ManifestEntryKind Kind { get; }

    /// <summary>
    /// Fields other writers added that this library does not interpret, in their original order.
    /// Null when there are none.
    /// </summary>
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>The entry as one compact JSON line, without the trailing newline.</summary>
    public override string ToString() => ManifestJson.ToJson(this);
}
