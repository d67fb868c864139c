using System.Text.Json;

namespace S3Exchange;

/// <summary>
/// What the last publish learned about each file's content: full path → size, last-write time,
/// when it was hashed, SHA-256. A file whose size and last-write time are what the cache says
/// is not read again; anything else is hashed and recorded anew.
/// </summary>
/// <remarks>
/// <para>
/// Racy entries: a file rewritten in the same tick of the file system's clock as the hash that
/// recorded it keeps its size and last-write time while its content changed. So, as git does
/// for its index, an entry is trusted only when the file's last-write time is older than the
/// moment it was hashed by more than <see cref="RacyWindow"/> (which covers the coarsest common
/// time stamps, FAT's 2 s, and small clock differences with a network file system). A file
/// written just before the publish is hashed again by the next one, which then trusts it.
/// </para>
/// <para>
/// Not read: the inode change time (.NET has no portable call for it), so a tool that rewrites
/// a file and then restores its size and last-write time defeats the cache, as it defeats
/// make and MSBuild's own incremental checks.
/// </para>
/// <para>
/// A cache that cannot be read (missing, corrupt, another format or version) is an empty cache:
/// every file is hashed, and <see cref="IgnoredReason"/> says why. The cache is written whole
/// (temporary file, then rename) with only the files of the scan, so it never grows with files
/// that are gone.
/// </para>
/// </remarks>
internal sealed class PublishHashCache
{
    /// <summary>How much older than its hash a file's last-write time must be for the entry to be trusted.</summary>
    public static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    private const string FormatName = "s3exchange-publish-hashes";
    private const int FormatVersion = 1;

    private readonly string path;
    private readonly Dictionary<string, Entry> known;
    private readonly Dictionary<string, Entry> current = new(StringComparer.Ordinal);

    private PublishHashCache(string path, Dictionary<string, Entry> known, string? ignoredReason)
    {
        this.path = path;
        this.known = known;
        IgnoredReason = ignoredReason;
    }

    /// <summary>Why the cache file was not used, or null when it was read (or did not exist yet).</summary>
    public string? IgnoredReason { get; }

    /// <summary>Reads <paramref name="cachePath"/>; an unreadable cache is an empty one, with the reason.</summary>
    public static PublishHashCache Load(string cachePath)
    {
        var full = Path.GetFullPath(cachePath);
        if (!File.Exists(full))
        {
            return new PublishHashCache(full, new Dictionary<string, Entry>(StringComparer.Ordinal), null);
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(full));
            return new PublishHashCache(full, ReadEntries(document.RootElement), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return new PublishHashCache(full, new Dictionary<string, Entry>(StringComparer.Ordinal), $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>The recorded SHA-256 of <paramref name="file"/>, when its size and last-write time match a trusted entry.</summary>
    public string? Find(string file, long size, DateTime lastWriteUtc)
    {
        lock (current)
        {
            if (known.TryGetValue(file, out var entry)
                && entry.Size == size
                && entry.LastWriteTicks == lastWriteUtc.Ticks
                && lastWriteUtc.Ticks < entry.HashedAtTicks - RacyWindow.Ticks)
            {
                current[file] = entry;
                return entry.Sha256;
            }

            return null;
        }
    }

    /// <summary>Records a hash taken at <paramref name="hashedAtUtc"/> (read before the file was opened) of a file whose size and last-write time were read before that.</summary>
    public void Record(string file, long size, DateTime lastWriteUtc, DateTime hashedAtUtc, string sha256)
    {
        lock (current)
        {
            current[file] = new Entry(size, lastWriteUtc.Ticks, hashedAtUtc.Ticks, sha256);
        }
    }

    /// <summary>Writes the entries of this scan: a temporary file beside the cache, renamed over it, so a reader sees the old cache or the new one.</summary>
    /// <exception cref="IOException">The folder cannot be created or written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or file may not be written.</exception>
    public void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("format", FormatName);
                writer.WriteNumber("version", FormatVersion);
                writer.WriteStartArray("files");
                lock (current)
                {
                    foreach (var (file, entry) in current.OrderBy(e => e.Key, StringComparer.Ordinal))
                    {
                        writer.WriteStartObject();
                        writer.WriteString("path", file);
                        writer.WriteNumber("size", entry.Size);
                        writer.WriteNumber("lastWriteTicks", entry.LastWriteTicks);
                        writer.WriteNumber("hashedAtTicks", entry.HashedAtTicks);
                        writer.WriteString("sha256", entry.Sha256);
                        writer.WriteEndObject();
                    }
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static Dictionary<string, Entry> ReadEntries(JsonElement root)
    {
        var format = root.GetProperty("format").GetString();
        var version = root.GetProperty("version").GetInt32();
        if (format != FormatName || version != FormatVersion)
        {
            throw new FormatException($"it is '{format}' version {version}, not '{FormatName}' version {FormatVersion}");
        }

        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var file in root.GetProperty("files").EnumerateArray())
        {
            var sha256 = file.GetProperty("sha256").GetString() ?? throw new FormatException("an entry has a null sha256");
            if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
            {
                throw new FormatException($"'{sha256}' is not a lowercase hex SHA-256");
            }

            entries[file.GetProperty("path").GetString() ?? throw new FormatException("an entry has a null path")] = new Entry(
                file.GetProperty("size").GetInt64(),
                file.GetProperty("lastWriteTicks").GetInt64(),
                file.GetProperty("hashedAtTicks").GetInt64(),
                sha256);
        }

        return entries;
    }

    private readonly record struct Entry(long Size, long LastWriteTicks, long HashedAtTicks, string Sha256);
}
