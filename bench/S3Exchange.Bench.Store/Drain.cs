namespace S3Exchange.Bench.Store;

/// <summary>Reads a stream to its end, as a consumer that looks at every byte would.</summary>
internal static class Drain
{
    public static async Task<long> ToEndAsync(Stream content, byte[] buffer)
    {
        long total = 0;
        int n;
        while ((n = await content.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            total += n;
        }

        return total;
    }
}
