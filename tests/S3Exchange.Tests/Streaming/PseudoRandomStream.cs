using System.Buffers.Binary;
using System.Security.Cryptography;

namespace S3Exchange.Tests.Streaming;

/// <summary>
/// <see cref="Length"/> reproducible pseudo-random bytes produced as they are read, never held:
/// each 8-byte word is SplitMix64's output for the word's position (from a state mixed from the
/// seed), so the bytes do not
/// depend on how the reads are cut. It cannot seek (an upload of it cannot know its length
/// ahead), and reading allocates nothing.
/// </summary>
internal sealed class PseudoRandomStream(long length, ulong seed) : Stream
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private readonly ulong start = Mix(seed);
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    /// <summary>The SHA-256 (lowercase hex) of the <paramref name="length"/> bytes of <paramref name="seed"/>, computed as they are produced.</summary>
    public static string Sha256(long length, ulong seed)
    {
        using var stream = new PseudoRandomStream(length, seed);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - position);
        for (var i = 0; i < n;)
        {
            var at = position + i;
            var word = Mix(start + ((ulong)(at >> 3) * Gamma));
            var skip = (int)(at & 7);
            if (skip == 0 && n - i >= 8)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(buffer[i..], word);
                i += 8;
                continue;
            }

            buffer[i] = (byte)(word >> (8 * skip));
            i++;
        }

        position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // SplitMix64's finaliser (Steele, Lea, Flood 2014).
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
