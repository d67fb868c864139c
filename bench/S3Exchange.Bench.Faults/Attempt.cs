namespace S3Exchange.Bench.Faults;

/// <summary>Runs one operation and hands back how it failed, or null.</summary>
internal static class Attempt
{
    public static async Task<Exception?> RunAsync(Func<Task> operation)
    {
        try
        {
            await operation().ConfigureAwait(false);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
