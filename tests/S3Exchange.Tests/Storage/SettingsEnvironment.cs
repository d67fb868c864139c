namespace S3Exchange.Tests.Storage;

/// <summary>
/// Clears every variable <see cref="S3ExchangeSettings.FromEnvironment"/> or the AWS credential
/// chain reads, and puts them back when disposed. Environment variables are process-wide: a test
/// class using this belongs to the "Environment" collection, whose tests never run at once.
/// </summary>
internal sealed class SettingsEnvironment : IDisposable
{
    public static readonly string[] Names =
    [
        "S3_ENDPOINT_URL", "S3_REGION", "S3_BUCKET", "S3_AWS_ACCESS_KEY_ID", "S3_AWS_SECRET_ACCESS_KEY", "S3_RETRY_MODE", "S3_MAX_ATTEMPTS",
        "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
    ];

    private readonly Dictionary<string, string?> saved = Names.ToDictionary(n => n, Environment.GetEnvironmentVariable);

    public SettingsEnvironment()
    {
        foreach (var name in Names)
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    /// <summary>Sets <c>NAME=value</c> pairs separated by <c>;</c> (empty: none).</summary>
    public static void Set(string assignments)
    {
        foreach (var (name, value) in Pairs(assignments))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>The <c>NAME=value</c> pairs of <paramref name="assignments"/>, separated by <c>;</c>.</summary>
    public static IEnumerable<(string Name, string Value)> Pairs(string assignments) =>
        assignments.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(a => a.Split('=', 2) is [var name, var value] ? (name, value) : throw new ArgumentException(a, nameof(assignments)));

    public void Dispose()
    {
        foreach (var (name, value) in saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
