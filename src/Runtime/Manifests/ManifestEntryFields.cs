using System.Text.Json;
using System.Text.Json.Nodes;

namespace S3Exchange;

/// <summary>
/// The typed fields of one manifest line while it is being read; <see cref="Build"/> checks
/// what the kind requires and makes the entry. A struct on the parser's stack: parsing a line
/// allocates the entry and its values, nothing to hold them on the way.
/// </summary>
internal struct ManifestEntryFields(ManifestEntryKind kind, string manifestKey, int lineNumber, string? recentArchiveKey)
{
    private string? key;
    private string? id;
    private JsonObject? meta;
    private string? contentType;
    private long? sizeBytes;
    private string? etag;
    private string? archiveKey;
    private string? memberPath;
    private long? dataOffset;
    private string? format;
    private ShardCompression? compression;
    private string? internalManifestPath;
    private long? count;
    private Dictionary<string, JsonElement>? extension;

    /// <summary>Reads the value of a field this kind defines; false for any other field.</summary>
    public bool TryReadKnown(ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        if (name.SequenceEqual("kind"u8))
        {
            return true;
        }

        switch (kind)
        {
            case ManifestEntryKind.File:
                return ReadFileField(name, ref reader);
            case ManifestEntryKind.Shard:
                return ReadShardField(name, ref reader);
            default:
                if (name.SequenceEqual("key"u8))
                {
                    key = ReadString(ref reader, "key");
                    return true;
                }

                return false;
        }
    }

    public void AddExtension(string name, JsonElement value)
    {
        extension ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        extension[name] = value;
    }

    public ManifestEntry Build()
    {
        ManifestEntry entry = kind switch
        {
            ManifestEntryKind.File => new FileEntry(Require(key, "key", "file"))
            {
                Id = id,
                Meta = meta,
                ContentType = contentType,
                SizeBytes = sizeBytes,
                ETag = etag,
                ArchiveKey = archiveKey,
                MemberPath = memberPath,
                DataOffset = dataOffset,
            },
            ManifestEntryKind.Shard => new ShardEntry(Require(archiveKey, "archive_key", "shard"))
            {
                Format = format,
                Compression = compression,
                InternalManifestPath = internalManifestPath,
                Count = count is { } n ? checked((int)n) : null,
                SizeBytes = sizeBytes,
                Meta = meta,
            },
            _ => new ManifestRefEntry(Require(key, "key", "manifest_ref")),
        };
        entry.ExtensionData = extension;
        return entry;
    }

    private bool ReadFileField(ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        if (name.SequenceEqual("key"u8))
        {
            key = ReadString(ref reader, "key");
        }
        else if (name.SequenceEqual("id"u8))
        {
            id = ReadId(ref reader);
        }
        else if (name.SequenceEqual("meta"u8))
        {
            meta = ReadObject(ref reader, "meta");
        }
        else if (name.SequenceEqual("content_type"u8))
        {
            contentType = ReadString(ref reader, "content_type");
        }
        else if (name.SequenceEqual("size_bytes"u8))
        {
            sizeBytes = ReadInteger(ref reader, "size_bytes");
        }
        else if (name.SequenceEqual("etag"u8))
        {
            etag = ReadString(ref reader, "etag");
        }
        else if (name.SequenceEqual("archive_key"u8))
        {
            archiveKey = ReadArchiveKey(ref reader);
        }
        else if (name.SequenceEqual("member_path"u8))
        {
            memberPath = ReadString(ref reader, "member_path");
        }
        else if (name.SequenceEqual("data_offset"u8))
        {
            dataOffset = ReadInteger(ref reader, "data_offset");
        }
        else
        {
            return false;
        }

        return true;
    }

    private bool ReadShardField(ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        if (name.SequenceEqual("archive_key"u8))
        {
            archiveKey = ReadArchiveKey(ref reader);
        }
        else if (name.SequenceEqual("format"u8))
        {
            format = ReadString(ref reader, "format");
        }
        else if (name.SequenceEqual("compression"u8))
        {
            var value = ReadString(ref reader, "compression");
            if (!ShardCompressionNames.TryParse(value, out compression))
            {
                throw ManifestJson.Invalid(manifestKey, lineNumber, $"unknown compression '{value}' (expected gzip, bz2, xz or null)");
            }
        }
        else if (name.SequenceEqual("internal_manifest_path"u8))
        {
            internalManifestPath = ReadString(ref reader, "internal_manifest_path");
        }
        else if (name.SequenceEqual("count"u8))
        {
            count = ReadInteger(ref reader, "count");
        }
        else if (name.SequenceEqual("size_bytes"u8))
        {
            sizeBytes = ReadInteger(ref reader, "size_bytes");
        }
        else if (name.SequenceEqual("meta"u8))
        {
            meta = ReadObject(ref reader, "meta");
        }
        else
        {
            return false;
        }

        return true;
    }

    private readonly string? ReadString(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw ManifestJson.Invalid(manifestKey, lineNumber, $"'{field}' must be a string"),
    };

    private readonly string? ReadArchiveKey(ref Utf8JsonReader reader) =>
        recentArchiveKey is not null && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(recentArchiveKey)
            ? recentArchiveKey
            : ReadString(ref reader, "archive_key");

    // Producers in other languages write numeric ids; they are kept as their JSON text.
    private readonly string? ReadId(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        _ => throw ManifestJson.Invalid(manifestKey, lineNumber, "'id' must be a string"),
    };

    private readonly long? ReadInteger(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value) || value < 0)
        {
            throw ManifestJson.Invalid(manifestKey, lineNumber, $"'{field}' must be a non-negative integer");
        }

        return value;
    }

    private readonly JsonObject? ReadObject(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ManifestJson.Invalid(manifestKey, lineNumber, $"'{field}' must be an object");
        }

        return JsonNode.Parse(ref reader)!.AsObject();
    }

    private readonly string Require(string? value, string field, string kindName) =>
        value ?? throw ManifestJson.Invalid(manifestKey, lineNumber, $"a {kindName} entry needs '{field}'");
}
