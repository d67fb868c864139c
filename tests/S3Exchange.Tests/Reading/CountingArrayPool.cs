using System.Buffers;

namespace S3Exchange.Tests.Reading;

/// <summary>An array pool that counts the arrays rented and not yet returned, and the most ever out at once.</summary>
internal sealed class CountingArrayPool : ArrayPool<byte>
{
    private readonly object gate = new();

    public int Outstanding { get; private set; }

    public int MostOutstanding { get; private set; }

    public override byte[] Rent(int minimumLength)
    {
        lock (gate)
        {
            Outstanding++;
            MostOutstanding = Math.Max(MostOutstanding, Outstanding);
        }

        return new byte[minimumLength];
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        lock (gate)
        {
            Outstanding--;
        }
    }
}
