using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace S3Exchange;

/// <summary>
/// Content-addressed keys. A shard is named after the SHA-256 of its member list (format
/// version, compression, gzip level and the block coder's recipe, then per member: relative path, size, SHA-256, mode),
/// so the same members at the same settings always make the same key and a key, once stored,
/// never changes meaning: a re-run finds it and skips it, and older manifests keep pointing at
/// intact archives. A loose file is named after its
/// content's SHA-256 (its mode lives in the manifest entry, not the object).
/// </summary>
internal static class ContentKeys
{
    // Bump when the tar bytes for the same member list would change (layout, internal manifest),
    // so new archives never reuse the names of old ones; a change in how gzip codes the same tar
    // changes BlockGzipStream.Recipe instead, and only gzip keys.
    private const string ShardFormatVersion = "s3exchange-build-shard/1 tar";

    public static string ShardDigest(IEnumerable<PublishFile> members, ShardCompression compression, int compressionLevel)
    {
        // Another level or coder makes other archive bytes, so it makes other keys: publishers at
        // two settings never overwrite each other's shards (whose sizes their manifests record).
        var text = new StringBuilder(ShardFormatVersion).Append('+').Append(ShardCompressionNames.ToWireName(compression) ?? "none");
        if (compression == ShardCompression.Gzip)
        {
            text.Append('-').Append(compressionLevel.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(BlockGzipStream.Recipe);
        }

        text.Append('\n');
        foreach (var member in members)
        {
            text.Append(member.RelativePath).Append('\0')
                .Append(member.SizeBytes.ToString(CultureInfo.InvariantCulture)).Append('\0')
                .Append(member.Sha256).Append('\0')
                .Append(member.OctalMode).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }

    public static string ShardKey(string contentPrefix, string digest, ShardCompression compression) =>
        KeyLayout.ContentShardKey(contentPrefix, digest, compression);

    /// <summary><c>{prefix}/objects/{sha256}/{file name}</c>: the name keeps the object recognisable in listings.</summary>
    public static string LooseKey(string contentPrefix, PublishFile file) =>
        KeyLayout.ContentObjectKey(contentPrefix, file.Sha256, file.RelativePath[(file.RelativePath.LastIndexOf('/') + 1)..]);
}
