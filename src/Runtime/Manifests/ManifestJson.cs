using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace S3Exchange;

/// <summary>
/// The JSON Lines codec of manifest entries: one compact object per line, fields in the order
/// the reference writes them, unknown fields kept.
/// </summary>
internal static class ManifestJson
{
    /// <summary>The content type manifests are stored with.</summary>
    public const string ContentType = "application/x-ndjson";

    // Relaxed escaping keeps keys and member paths readable (no \u002B for '+'); the output is
    // still valid JSON for every reader, Python's json module included.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    /// <summary>
    /// Parses one manifest line. <paramref name="manifestKey"/> and <paramref name="lineNumber"/>
    /// only serve the error message.
    /// </summary>
    /// <exception cref="InvalidManifestException">The line is not a valid entry.</exception>
    public static ManifestEntry ParseLine(ReadOnlySpan<byte> line, string manifestKey, int lineNumber) =>
        ParseLine(line, manifestKey, lineNumber, null);

    /// <summary>
    /// <see cref="ParseLine(ReadOnlySpan{byte}, string, int)"/>, reusing <paramref name="recentArchiveKey"/>
    /// when the line's <c>archive_key</c> is the same text: every line of an internal manifest
    /// names the same archive, and one string serves them all.
    /// </summary>
    internal static ManifestEntry ParseLine(ReadOnlySpan<byte> line, string manifestKey, int lineNumber, string? recentArchiveKey)
    {
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Invalid(manifestKey, lineNumber, "the line is not a JSON object");
            }

            var kind = FindKind(reader, manifestKey, lineNumber);
            var entry = ReadEntry(ref reader, new ManifestEntryFields(kind, manifestKey, lineNumber, recentArchiveKey));
            if (reader.Read())
            {
                throw Invalid(manifestKey, lineNumber, "unexpected text after the JSON object");
            }

            return entry;
        }
        catch (JsonException ex)
        {
            throw new InvalidManifestException(manifestKey, lineNumber, $"malformed JSON ({ex.Message})", ex);
        }
    }

    // One writer per thread, pointed at each caller's output in turn: a writer is a sizeable
    // object, and a manifest is written a line at a time.
    [ThreadStatic]
    private static Utf8JsonWriter? lineWriter;

    /// <summary>Writes <paramref name="entry"/> as one compact JSON object followed by '\n'.</summary>
    public static void WriteLine(IBufferWriter<byte> output, ManifestEntry entry)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = lineWriter ??= new Utf8JsonWriter(Stream.Null, WriterOptions);
        writer.Reset(output);
        try
        {
            WriteEntry(writer, entry);
            writer.Flush();
        }
        finally
        {
            // Reset drops the reference to the caller's output (and any unflushed bytes of a failed entry).
            writer.Reset(Stream.Null);
        }

        output.Write("\n"u8);
    }

    /// <summary>Serialises entries as a complete JSON Lines document.</summary>
    public static byte[] ToBytes(IEnumerable<ManifestEntry> entries)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        foreach (var entry in entries)
        {
            if (entry is null)
            {
                throw new ArgumentException("A manifest entry is null.", nameof(entries));
            }

            WriteLine(buffer, entry);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>One entry as a compact JSON object, without the newline.</summary>
    public static string ToJson(ManifestEntry entry)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteLine(buffer, entry);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan[..^1]);
    }

    private static void WriteEntry(Utf8JsonWriter writer, ManifestEntry entry)
    {
        writer.WriteStartObject();
        switch (entry)
        {
            case FileEntry file:
                writer.WriteString("kind"u8, "file"u8);
                writer.WriteString("key"u8, file.Key);
                WriteOptional(writer, "id"u8, file.Id);
                WriteOptional(writer, "meta"u8, file.Meta);
                WriteOptional(writer, "content_type"u8, file.ContentType);
                WriteOptional(writer, "size_bytes"u8, file.SizeBytes);
                WriteOptional(writer, "etag"u8, file.ETag);
                WriteOptional(writer, "archive_key"u8, file.ArchiveKey);
                WriteOptional(writer, "member_path"u8, file.MemberPath);
                WriteOptional(writer, "data_offset"u8, file.DataOffset);
                break;
            case ShardEntry shard:
                writer.WriteString("kind"u8, "shard"u8);
                writer.WriteString("archive_key"u8, shard.ArchiveKey);
                WriteOptional(writer, "format"u8, shard.Format);

                // The reference always writes compression, null for plain tar.
                var compression = shard.Compression is { } c ? ShardCompressionNames.ToWireName(c) : null;
                if (compression is null)
                {
                    writer.WriteNull("compression"u8);
                }
                else
                {
                    writer.WriteString("compression"u8, compression);
                }

                WriteOptional(writer, "internal_manifest_path"u8, shard.InternalManifestPath);
                WriteOptional(writer, "count"u8, shard.Count);
                WriteOptional(writer, "size_bytes"u8, shard.SizeBytes);
                WriteOptional(writer, "meta"u8, shard.Meta);
                break;
            case ManifestRefEntry reference:
                writer.WriteString("kind"u8, "manifest_ref"u8);
                writer.WriteString("key"u8, reference.Key);
                break;
            default:
                throw new ArgumentException($"Unknown entry type {entry.GetType()}.", nameof(entry));
        }

        if (entry.ExtensionData is { } extra)
        {
            foreach (var (name, value) in extra)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, JsonObject? value)
    {
        if (value is not null)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }

    // A lookahead over a copy of the reader: the reference writes "kind" first, but other
    // writers need not, and the typed fields depend on it.
    private static ManifestEntryKind FindKind(Utf8JsonReader lookahead, string manifestKey, int lineNumber)
    {
        while (lookahead.Read() && lookahead.TokenType == JsonTokenType.PropertyName)
        {
            var isKind = lookahead.ValueTextEquals("kind"u8);
            lookahead.Read();
            if (!isKind)
            {
                lookahead.Skip();
                continue;
            }

            if (lookahead.TokenType != JsonTokenType.String)
            {
                throw Invalid(manifestKey, lineNumber, "'kind' is not a string");
            }

            if (lookahead.ValueTextEquals("file"u8))
            {
                return ManifestEntryKind.File;
            }

            if (lookahead.ValueTextEquals("shard"u8))
            {
                return ManifestEntryKind.Shard;
            }

            if (lookahead.ValueTextEquals("manifest_ref"u8))
            {
                return ManifestEntryKind.ManifestRef;
            }

            throw Invalid(manifestKey, lineNumber, $"unknown kind '{lookahead.GetString()}' (expected file, shard or manifest_ref)");
        }

        throw Invalid(manifestKey, lineNumber, "the entry has no 'kind'");
    }

    private static ManifestEntry ReadEntry(ref Utf8JsonReader reader, ManifestEntryFields fields)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Unescaped names (all of them, in practice) are matched in place without a string.
            var escapedName = reader.ValueIsEscaped ? reader.GetString()! : null;
            var name = escapedName is null ? reader.ValueSpan : System.Text.Encoding.UTF8.GetBytes(escapedName);
            reader.Read();
            if (!fields.TryReadKnown(name, ref reader))
            {
                fields.AddExtension(escapedName ?? System.Text.Encoding.UTF8.GetString(name), JsonElement.ParseValue(ref reader));
            }
        }

        return fields.Build();
    }

    internal static InvalidManifestException Invalid(string manifestKey, int lineNumber, string reason) =>
        new(manifestKey, lineNumber, reason);
}
