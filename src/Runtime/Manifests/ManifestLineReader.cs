using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace S3Exchange;

/// <summary>
/// Reads a manifest's entries one at a time as its stream delivers them, each line parsed only
/// when it is asked for. After each entry it knows the entry's line number and the byte offset
/// just after its line, so a read can stop there and later go on from that offset (a ranged
/// GET) with the same line numbers. Memory: one read chunk plus the longest line.
/// </summary>
internal sealed class ManifestLineReader : IDisposable
{
    private const int ReadChunk = 64 * 1024;

    private readonly Stream content;
    private readonly string manifestKey;
    private readonly IncrementalHash? digest;
    private byte[] buffer;
    private int start;
    private int scanned;
    private int filled;
    private bool ended;
    private string? recentArchiveKey;

    /// <param name="content">The manifest's bytes from <paramref name="offset"/> on.</param>
    /// <param name="manifestKey">The manifest's key, for error messages.</param>
    /// <param name="offset">Where <paramref name="content"/> starts in the manifest: the start of a line.</param>
    /// <param name="lineNumber">How many lines come before that offset.</param>
    /// <param name="digest">Takes every byte read from <paramref name="content"/>, in order, when given.</param>
    public ManifestLineReader(Stream content, string manifestKey, long offset = 0, int lineNumber = 0, IncrementalHash? digest = null)
    {
        this.content = content;
        this.manifestKey = manifestKey;
        this.digest = digest;
        buffer = ArrayPool<byte>.Shared.Rent(ReadChunk);
        Offset = offset;
        LineNumber = lineNumber;
    }

    /// <summary>The number (from 1) of the last line read.</summary>
    public int LineNumber { get; private set; }

    /// <summary>The byte offset in the manifest just after the last line read and its newline.</summary>
    public long Offset { get; private set; }

    /// <summary>The next entry, blank lines skipped; null at the end of the manifest.</summary>
    /// <exception cref="InvalidManifestException">The next line that is not blank is not a valid entry.</exception>
    // Pooled: most calls complete from the buffer, the others wait for the network.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ManifestEntry?> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = buffer.AsSpan(scanned, filled - scanned).IndexOf((byte)'\n');
            if (newline < 0 && !ended)
            {
                scanned = filled;
                await FillAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (newline < 0 && start == filled)
            {
                return null;
            }

            // A line ends at a newline, or at the end of the manifest without one.
            var length = newline < 0 ? filled - start : scanned + newline - start;
            var line = buffer.AsSpan(start, length);
            var consumed = newline < 0 ? length : length + 1;
            start += consumed;
            scanned = start;
            Offset += consumed;
            LineNumber++;
            if (ManifestLines.ParseLine(line, manifestKey, LineNumber, ref recentArchiveKey) is { } entry)
            {
                return entry;
            }
        }
    }

    /// <summary>
    /// The rest of the content after the last line read, which is <paramref name="length"/>
    /// bytes long: what is buffered and the remainder read from the stream. Nothing is left to
    /// read after it.
    /// </summary>
    /// <exception cref="EndOfStreamException">The content ends before that.</exception>
    public async ValueTask<byte[]> ReadRestAsync(int length, CancellationToken cancellationToken)
    {
        var rest = new byte[length];
        var buffered = Math.Min(filled - start, length);
        buffer.AsSpan(start, buffered).CopyTo(rest);
        start = scanned = filled;
        ended = true;
        await content.ReadExactlyAsync(rest.AsMemory(buffered), cancellationToken).ConfigureAwait(false);
        digest?.AppendData(rest.AsSpan(buffered));
        return rest;
    }

    public void Dispose()
    {
        var rented = buffer;
        buffer = [];
        if (rented.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // Reads more after what is buffered: the unread bytes move to the front, and the buffer
    // doubles when one line fills it.
    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (start > 0)
        {
            buffer.AsSpan(start, filled - start).CopyTo(buffer);
            filled -= start;
            scanned -= start;
            start = 0;
        }

        if (filled == buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, filled).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        var read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
        digest?.AppendData(buffer.AsSpan(filled, read));
        filled += read;
        ended = read == 0;
    }
}
