using System.Globalization;
using System.Text;

namespace S3Exchange.Testing;

/// <summary>
/// Copies one HTTP message, head and body, from one side of <see cref="FaultProxy"/> to the
/// other, whole or cut: with a cut, only the head and the first bytes of the body pass, and
/// never the message's last byte, so the receiver cannot take a cut message for a whole one.
/// </summary>
internal static class MessageRelay
{
    private const int CopyBufferSize = 64 * 1024;

    /// <returns>True when the whole message was relayed, false when it was cut.</returns>
    public static async Task<bool> RelayAsync(HttpHead head, BodyFraming framing, HttpStreamReader source, Stream destination, int? cutAfterBodyBytes, CancellationToken cancellationToken)
    {
        var writer = new CuttingWriter(destination, cutAfterBodyBytes is { } bodyBytes ? head.Raw.Length + (long)bodyBytes : null);
        var whole = await writer.WriteAsync(head.Raw, last: framing.Kind == BodyFramingKind.None, cancellationToken).ConfigureAwait(false)
            && framing.Kind switch
            {
                BodyFramingKind.Length => await RelayBytesAsync(source, writer, framing.Length, lastPart: true, cancellationToken).ConfigureAwait(false),
                BodyFramingKind.Chunked => await RelayChunksAsync(source, writer, cancellationToken).ConfigureAwait(false),
                BodyFramingKind.UntilClose => await RelayBytesAsync(source, writer, null, lastPart: false, cancellationToken).ConfigureAwait(false),
                _ => true,
            };
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return whole;
    }

    // length null: until the connection closes (then no part is known to be the last).
    private static async Task<bool> RelayBytesAsync(HttpStreamReader source, CuttingWriter writer, long? length, bool lastPart, CancellationToken cancellationToken)
    {
        var buffer = new byte[CopyBufferSize];
        var remaining = length ?? long.MaxValue;
        while (remaining > 0)
        {
            var n = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return length is null ? true : throw new IOException($"The connection closed {remaining} bytes before the end of a body.");
            }

            remaining -= n;
            if (!await writer.WriteAsync(buffer.AsMemory(0, n), lastPart && remaining == 0, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> RelayChunksAsync(HttpStreamReader source, CuttingWriter writer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var sizeLine = await source.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var sizeText = Encoding.ASCII.GetString(sizeLine).Split(';')[0].Trim();
            var size = long.Parse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (!await writer.WriteAsync(sizeLine, last: false, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            if (size == 0)
            {
                // Trailers, if any, then the blank line that ends the body.
                while (true)
                {
                    var line = await source.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                    var end = line.Length == 2;
                    if (!await writer.WriteAsync(line, end, cancellationToken).ConfigureAwait(false))
                    {
                        return false;
                    }

                    if (end)
                    {
                        return true;
                    }
                }
            }

            if (!await RelayBytesAsync(source, writer, size, lastPart: false, cancellationToken).ConfigureAwait(false)
                || !await writer.WriteAsync(await source.ReadLineAsync(cancellationToken).ConfigureAwait(false), last: false, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
    }

    /// <summary>Writes until a byte budget is spent; the message's last part never passes whole under a budget.</summary>
    private sealed class CuttingWriter(Stream destination, long? budget)
    {
        private long remaining = budget ?? long.MaxValue;

        public async ValueTask<bool> WriteAsync(ReadOnlyMemory<byte> part, bool last, CancellationToken cancellationToken)
        {
            var allowed = budget is null ? part.Length : Math.Min(remaining, last ? part.Length - 1 : part.Length);
            await destination.WriteAsync(part[..(int)allowed], cancellationToken).ConfigureAwait(false);
            remaining -= allowed;
            return allowed == part.Length;
        }
    }
}
