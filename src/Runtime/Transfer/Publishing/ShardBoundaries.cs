using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace S3Exchange;

/// <summary>
/// Cuts a path-ordered list of files into shards so that boundaries stay put when content
/// changes: content-defined chunking over paths. A shard ends after a file whose path hashes
/// to a "cut" value (one file in half <see cref="PublishRequest.ShardMaxEntries"/> on average), or
/// earlier when the next file would break <see cref="PublishRequest.ShardMaxEntries"/> or
/// <see cref="PublishRequest.ShardMaxBytes"/>.
/// </summary>
/// <remarks>
/// Cuts depend on paths, not on positions or content, so editing a file changes only its own
/// shard, and adding or removing a file changes only the shard around it. Only the byte and
/// entry limits look at neighbours: a size change that moves a forced cut can shift boundaries
/// up to the next content-defined cut, where they fall back into step.
/// </remarks>
internal static class ShardBoundaries
{
    public static IReadOnlyList<IReadOnlyList<PublishFile>> Cut(IReadOnlyList<PublishFile> orderedFiles, PublishRequest limits)
    {
        var shards = new List<IReadOnlyList<PublishFile>>();
        var current = new List<PublishFile>();
        long bytes = 0;
        foreach (var file in orderedFiles)
        {
            var overLimit = current.Count > 0 && (current.Count + 1 > limits.ShardMaxEntries || bytes + file.SizeBytes > limits.ShardMaxBytes);
            if (overLimit)
            {
                shards.Add(current);
                current = [];
                bytes = 0;
            }

            current.Add(file);
            bytes += file.SizeBytes;
            if (IsCutPoint(file.RelativePath, limits.AverageShardEntries))
            {
                shards.Add(current);
                current = [];
                bytes = 0;
            }
        }

        if (current.Count > 0)
        {
            shards.Add(current);
        }

        return shards;
    }

    /// <summary>Whether a shard ends after the file at <paramref name="relativePath"/> (stable across runs and machines).</summary>
    public static bool IsCutPoint(string relativePath, int averageEntries)
    {
        if (averageEntries <= 1)
        {
            return true;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(relativePath), hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash) % (ulong)averageEntries == 0;
    }
}
