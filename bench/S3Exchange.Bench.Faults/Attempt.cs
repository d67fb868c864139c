namespace S3Exchange.Bench.Faults;

/// <summary>Runs one operation and hands back how it failed, or null; a failure that is not an S3ExchangeException is printed once per type.</summary>
internal static class Attempt
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> Reported = new();

    public static async Task<Exception?> RunAsync(Func<Task> operation)
    {
        try
        {
            await operation().ConfigureAwait(false);
            return null;
        }
        catch (Exception ex)
        {
            if (ex is not S3ExchangeException && Reported.TryAdd(ex.GetType(), true))
            {
                Console.Error.WriteLine($"not an S3ExchangeException: {ex}");
            }

            return ex;
        }
    }
}
