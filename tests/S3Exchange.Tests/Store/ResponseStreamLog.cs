using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace S3Exchange.Tests.Store;

/// <summary>
/// Wraps the body of every GetObject response a store's client receives, to assert how the
/// store reads it: how many reads reach the network stream, how large they are, and how many
/// responses are open at once.
/// </summary>
internal sealed class ResponseStreamLog
{
    private readonly object gate = new();
    private int open;

    /// <param name="store">The store whose client to watch.</param>
    /// <param name="tracked">Which keys to watch; all when null.</param>
    public ResponseStreamLog(S3ExchangeStore store, Func<string, bool>? tracked = null)
    {
        ((AmazonS3Client)store.Client).AfterResponseEvent += (_, e) =>
        {
            if (e is WebServiceResponseEventArgs { Response: GetObjectResponse response } && (tracked is null || tracked(response.Key)))
            {
                response.ResponseStream = new Tracked(response.ResponseStream, this);
            }
        };
    }

    /// <summary>GetObject responses received.</summary>
    public int Responses { get; private set; }

    /// <summary>The most responses open at one time (received, not yet disposed).</summary>
    public int MaxOpen { get; private set; }

    /// <summary>Calls that read from a response body (Read, ReadByte, ReadAsync, …) and returned bytes.</summary>
    public long Reads { get; private set; }

    /// <summary>Bytes those calls returned.</summary>
    public long Bytes { get; private set; }

    private void Opened()
    {
        lock (gate)
        {
            Responses++;
            MaxOpen = Math.Max(MaxOpen, ++open);
        }
    }

    private void Closed()
    {
        lock (gate)
        {
            open--;
        }
    }

    private int Read(int n)
    {
        if (n > 0)
        {
            lock (gate)
            {
                Reads++;
                Bytes += n;
            }
        }

        return n;
    }

    // Every read path of Stream ends in one of the overrides below, each counted once.
    private sealed class Tracked : Stream
    {
        private readonly Stream inner;
        private readonly ResponseStreamLog log;
        private bool disposed;

        public Tracked(Stream inner, ResponseStreamLog log)
        {
            this.inner = inner;
            this.log = log;
            log.Opened();
        }

        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => log.Read(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => log.Read(inner.Read(buffer));

        public override int ReadByte()
        {
            var b = inner.ReadByte();
            log.Read(b < 0 ? 0 : 1);
            return b;
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            log.Read(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            log.Read(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !disposed)
            {
                disposed = true;
                inner.Dispose();
                log.Closed();
            }

            base.Dispose(disposing);
        }
    }
}
