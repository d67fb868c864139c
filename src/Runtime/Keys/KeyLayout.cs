using System.Globalization;

namespace S3Exchange;

/// <summary>
/// The key layout under a namespace prefix, defined once: the manifest at
/// <c>{prefix}/manifest.jsonl</c>, append_parts parts in <c>{folder of the manifest}/manifests/</c>,
/// shard archives in <c>{prefix}/shards/</c> and content-addressed loose objects in
/// <c>{prefix}/objects/</c>. The Python reference uses the same names (docs/keys.md).
/// </summary>
public static class KeyLayout
{
    /// <summary>The file name of a namespace's manifest: <c>manifest.jsonl</c>.</summary>
    public const string ManifestFileName = "manifest.jsonl";

    /// <summary>The folder, beside a root manifest, that its append_parts parts go to: <c>manifests</c>.</summary>
    public const string PartsFolder = "manifests";

    /// <summary>The folder of shard archives below a prefix: <c>shards</c>.</summary>
    public const string ShardsFolder = "shards";

    /// <summary>The folder of content-addressed loose objects below a content prefix: <c>objects</c>.</summary>
    public const string ObjectsFolder = "objects";

    /// <summary>The folder, beside a manifest, of its content when no content prefix is given: <c>content</c>.</summary>
    public const string ContentFolder = "content";

    /// <summary><c>{prefix}/manifest.jsonl</c> (just <c>manifest.jsonl</c> for an empty prefix).</summary>
    public static string ManifestKey(string prefix) => KeyPath.Join(prefix, ManifestFileName);

    /// <summary><c>{prefix}/shards</c>: the folder a namespace's shard archives go to.</summary>
    public static string ShardFolder(string prefix) => KeyPath.Join(prefix, ShardsFolder);

    /// <summary>The shard folder beside a manifest: <c>{folder of the manifest}/shards</c>.</summary>
    public static string ShardFolderOfManifest(string manifestKey) => ShardFolder(KeyPath.Folder(KeyPath.Normalize(manifestKey)));

    /// <summary>
    /// <c>{shardFolder}/shard-00000{extension}</c>: the reference's numbered shard name (five digits, from 0).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static string NumberedShardKey(string shardFolder, int index, ShardCompression compression = ShardCompression.Gzip)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return KeyPath.Join(shardFolder, "shard-" + index.ToString("D5", CultureInfo.InvariantCulture) + ShardCompressionNames.FileExtension(compression));
    }

    /// <summary><c>{folder of the root}/manifests/{partName}</c>: where an append_parts part of <paramref name="rootKey"/> is stored.</summary>
    public static string PartKey(string rootKey, string partName) => KeyPath.Join(KeyPath.Folder(rootKey), PartsFolder, partName);

    /// <summary>
    /// <c>{folder of the manifest}/content</c>: the content prefix of a publish that names none
    /// (<c>s3x publish</c> without <c>--content</c>), e.g. <c>releases/web/2.1.0/content</c> for
    /// <c>releases/web/2.1.0/manifest.jsonl</c>, or <c>content</c> for a top-level manifest.
    /// The manifest key is normalised first. Only manifests in the same folder share content
    /// stored there; to store unchanged content once across builds, give them all one
    /// <see cref="PublishRequest.ContentPrefix"/> of their own.
    /// </summary>
    public static string DefaultContentPrefix(string manifestKey) =>
        KeyPath.Join(KeyPath.Folder(KeyPath.Normalize(manifestKey)), ContentFolder);

    /// <summary><c>{contentPrefix}/shards/{digest}{extension}</c>: a content-addressed shard archive.</summary>
    public static string ContentShardKey(string contentPrefix, string digest, ShardCompression compression) =>
        KeyPath.Join(contentPrefix, ShardsFolder, digest + ShardCompressionNames.FileExtension(compression));

    /// <summary><c>{contentPrefix}/objects/{sha256}/{fileName}</c>: a content-addressed loose object; the name keeps it recognisable in listings.</summary>
    public static string ContentObjectKey(string contentPrefix, string sha256, string fileName) =>
        KeyPath.Join(contentPrefix, ObjectsFolder, sha256, fileName);
}
