namespace S3Exchange.Testing;

/// <summary>
/// Reads HTTP/1.1 messages off a connection: heads up to their blank line, then body bytes
/// and chunk lines, from one buffer, so bytes read past a head are never lost.
/// </summary>
internal sealed class HttpStreamReader(Stream stream)
{
    private const int MaxHeadBytes = 64 * 1024;

    private readonly byte[] buffer = new byte[MaxHeadBytes];
    private int start;
    private int end;

    /// <summary>The next head; null when the connection closes cleanly between messages.</summary>
    /// <exception cref="IOException">The connection closed inside a head, or the head is too large.</exception>
    public async Task<HttpHead?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var searched = 0;
        while (true)
        {
            var found = buffer.AsSpan(start + searched, end - start - searched).IndexOf("\r\n\r\n"u8);
            if (found >= 0)
            {
                var length = searched + found + 4;
                var raw = buffer.AsSpan(start, length).ToArray();
                start += length;
                return HttpHead.Parse(raw);
            }

            searched = Math.Max(0, end - start - 3);
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return end == start ? null : throw new IOException("The connection closed inside an HTTP head.");
            }
        }
    }

    /// <summary>Up to <paramref name="destination"/>'s length of body bytes; 0 at the end of the connection.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (start == end && !await FillAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        var n = Math.Min(destination.Length, end - start);
        buffer.AsMemory(start, n).CopyTo(destination);
        start += n;
        return n;
    }

    /// <summary>One line, its CRLF included (chunk sizes and trailers).</summary>
    public async Task<byte[]> ReadLineAsync(CancellationToken cancellationToken)
    {
        var searched = 0;
        while (true)
        {
            var found = buffer.AsSpan(start + searched, end - start - searched).IndexOf("\r\n"u8);
            if (found >= 0)
            {
                var line = buffer.AsSpan(start, searched + found + 2).ToArray();
                start += line.Length;
                return line;
            }

            searched = Math.Max(0, end - start - 1);
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new IOException("The connection closed inside a chunked body.");
            }
        }
    }

    // Reads more bytes after those buffered; false at the end of the connection.
    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            throw new IOException($"An HTTP head or chunk line is longer than {MaxHeadBytes} bytes.");
        }

        var n = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
        end += n;
        return n > 0;
    }
}
