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

    /// <summary>
    /// The entry as one manifest line, as the Python library writes it: a compact JSON object
    /// with the fields in the reference's order, unset fields left out (except a shard's
    /// <c>compression</c>, always written, <c>null</c> for plain tar, as the reference does) and the
    /// <see cref="ExtensionData"/> fields after them, in their order. Without the trailing
    /// newline; non-ASCII text is written as UTF-8 rather than <c>\u</c> escapes.
    /// </summary>
    public string ToJson() => ManifestJson.ToJson(this);

    /// <summary>The entry as one manifest line; see <see cref="ToJson"/>.</summary>
    public override string ToString() => ToJson();
}
