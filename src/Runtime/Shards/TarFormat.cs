using System.Buffers.Text;
using System.Text;

namespace S3Exchange;

/// <summary>
/// The tar headers this library writes: ustar, with a pax extended header in front of a member
/// whose name is longer than 100 bytes or not ASCII, or whose size does not fit the octal
/// field. Every header field that could vary between runs (times, owners) is fixed by the
/// caller, so the same input gives the same archive bytes, and a member's data offset is a pure
/// function of the names and sizes before it (<see cref="HeaderLength"/>).
/// </summary>
internal static class TarFormat
{
    public const int BlockSize = 512;

    // Python's tarfile and GNU tar pad archives to 20 blocks; readers accept either.
    public const int RecordSize = 20 * BlockSize;

    private const long MaxOctalSize = 0x1_FFFF_FFFF; // 11 octal digits

    /// <summary>Bytes of header (pax header included) written before a member's data.</summary>
    public static int HeaderLength(string name, long size)
    {
        var pax = PaxRecords(name, size);
        return pax is null ? BlockSize : (2 * BlockSize) + Padded(pax.Length);
    }

    /// <summary>The header block(s) for a regular file member.</summary>
    public static byte[] FileHeader(string name, long size, int mode, long modifiedUnixSeconds)
    {
        var pax = PaxRecords(name, size);
        if (pax is null)
        {
            var header = new byte[BlockSize];
            FillHeader(header, name, size, mode, modifiedUnixSeconds, (byte)'0');
            return header;
        }

        var result = new byte[(2 * BlockSize) + Padded(pax.Length)];
        FillHeader(result.AsSpan(0, BlockSize), "PaxHeader/" + AsciiStem(name), pax.Length, 0b110_100_100, modifiedUnixSeconds, (byte)'x');
        pax.CopyTo(result, BlockSize);
        var entry = result.AsSpan(BlockSize + Padded(pax.Length), BlockSize);
        FillHeader(entry, AsciiStem(name), Math.Min(size, MaxOctalSize), mode, modifiedUnixSeconds, (byte)'0');
        return result;
    }

    /// <summary>Zero bytes that bring a member of <paramref name="size"/> bytes to a block boundary.</summary>
    public static int PaddingAfter(long size) => (int)((BlockSize - (size % BlockSize)) % BlockSize);

    /// <summary>The end-of-archive marker (two zero blocks) plus padding to a whole record.</summary>
    public static int TrailerLength(long position)
    {
        var end = position + (2 * BlockSize);
        return (int)(end + ((RecordSize - (end % RecordSize)) % RecordSize) - position);
    }

    /// <summary>
    /// Reads the first member's header from the start of an archive: its name, size and the
    /// offset of its data. False when <paramref name="data"/> is too short to tell.
    /// </summary>
    public static bool TryReadFirstHeader(ReadOnlySpan<byte> data, out string name, out long size, out long dataOffset)
    {
        name = string.Empty;
        size = 0;
        dataOffset = 0;
        if (data.Length < BlockSize)
        {
            return false;
        }

        var header = data[..BlockSize];
        if (!TryParseOctal(header.Slice(124, 12), out size))
        {
            throw new InvalidDataException("The archive does not start with a tar header.");
        }

        var type = header[156];
        if (type is (byte)'x' or (byte)'g')
        {
            var paxEnd = BlockSize + Padded(size);
            if (data.Length < paxEnd + BlockSize)
            {
                return false;
            }

            var records = ParsePax(data.Slice(BlockSize, (int)size));
            if (!TryReadFirstHeader(data[paxEnd..], out name, out size, out dataOffset))
            {
                return false;
            }

            if (records.TryGetValue("path", out var path))
            {
                name = path;
            }

            if (records.TryGetValue("size", out var paxSize))
            {
                size = long.Parse(paxSize, System.Globalization.CultureInfo.InvariantCulture);
            }

            dataOffset += paxEnd;
            return true;
        }

        name = ReadString(header[..100]);
        var prefix = ReadString(header.Slice(345, 155));
        if (prefix.Length > 0 && header.Slice(257, 5).SequenceEqual("ustar"u8))
        {
            name = prefix + "/" + name;
        }

        dataOffset = BlockSize;
        return true;
    }

    private static void FillHeader(Span<byte> header, string name, long size, int mode, long mtime, byte type)
    {
        header.Clear();
        Encoding.ASCII.GetBytes(name.AsSpan(0, Math.Min(name.Length, 100)), header[..100]);
        WriteOctal(header.Slice(100, 8), mode);
        WriteOctal(header.Slice(108, 8), 0);
        WriteOctal(header.Slice(116, 8), 0);
        WriteOctal(header.Slice(124, 12), size);
        WriteOctal(header.Slice(136, 12), mtime);
        header[156] = type;
        "ustar\0"u8.CopyTo(header.Slice(257, 6));
        "00"u8.CopyTo(header.Slice(263, 2));

        // The checksum is computed with its own field read as eight spaces.
        header.Slice(148, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in header)
        {
            sum += b;
        }

        WriteOctal(header.Slice(148, 7), sum);
        header[155] = (byte)' ';
    }

    // Right-aligned, zero-filled octal digits ending in NUL, as tar readers expect.
    private static void WriteOctal(Span<byte> field, long value)
    {
        var digits = field.Length - 1;
        for (var i = digits - 1; i >= 0; i--)
        {
            field[i] = (byte)('0' + (value & 7));
            value >>= 3;
        }

        field[digits] = 0;
    }

    private static bool TryParseOctal(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        var any = false;
        foreach (var b in field)
        {
            if (b is 0 or (byte)' ')
            {
                if (any)
                {
                    break;
                }

                continue;
            }

            if (b is < (byte)'0' or > (byte)'7')
            {
                return false;
            }

            value = (value * 8) + (b - '0');
            any = true;
        }

        return any;
    }

    private static byte[]? PaxRecords(string name, long size)
    {
        var needsPath = name.Length > 100 || !Ascii.IsValid(name) || Encoding.UTF8.GetByteCount(name) > 100;
        var needsSize = size > MaxOctalSize;
        if (!needsPath && !needsSize)
        {
            return null;
        }

        var text = new StringBuilder();
        if (needsPath)
        {
            text.Append(PaxRecord("path", name));
        }

        if (needsSize)
        {
            text.Append(PaxRecord("size", size.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    // A record is "<length> <key>=<value>\n" where <length> counts the whole record, itself included.
    private static string PaxRecord(string key, string value)
    {
        var body = Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value) + 3; // ' ', '=', '\n'
        var length = body + 1;
        while (length != body + length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length)
        {
            length = body + length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        }

        return $"{length} {key}={value}\n";
    }

    private static Dictionary<string, string> ParsePax(ReadOnlySpan<byte> records)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!records.IsEmpty)
        {
            var space = records.IndexOf((byte)' ');
            if (space <= 0 || !Utf8Parser.TryParse(records[..space], out int length, out _) || length <= space + 1 || length > records.Length)
            {
                break;
            }

            var record = records[(space + 1)..(length - 1)];
            var equals = record.IndexOf((byte)'=');
            if (equals > 0)
            {
                result[Encoding.UTF8.GetString(record[..equals])] = Encoding.UTF8.GetString(record[(equals + 1)..]);
            }

            records = records[length..];
        }

        return result;
    }

    private static string ReadString(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }

    // The plain ustar name field of a member that also has a pax path: an ASCII rendering a
    // reader without pax support can still show.
    private static string AsciiStem(string name)
    {
        var ascii = new string(name.Select(c => c < 128 && !char.IsControl(c) ? c : '_').ToArray());
        return ascii.Length <= 100 ? ascii : ascii[^100..];
    }

    private static int Padded(long length) => (int)(length + PaddingAfter(length));
}
