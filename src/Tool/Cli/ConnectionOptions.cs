using System.CommandLine;

namespace S3Exchange.Tool.Cli;

/// <summary>
/// Where the commands talk to: these flags first, then the runtime's variables (<c>S3_*</c>, then
/// the AWS SDKs' <c>AWS_ENDPOINT_URL_S3</c>, <c>AWS_REGION</c>…), each from the environment, else a
/// <c>.env</c> file in the working folder (<see cref="S3ExchangeSettings.FromEnvironment"/>).
/// Credentials have no flag: they come only from <c>S3_AWS_ACCESS_KEY_ID</c> /
/// <c>S3_AWS_SECRET_ACCESS_KEY</c> or the AWS credential chain, so they never land in a shell history or a log.
/// </summary>
internal sealed class ConnectionOptions
{
    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "The S3 server URL, or 'aws' for AWS itself (else S3_ENDPOINT_URL, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL).", Recursive = true };

    public Option<string?> Region { get; } = new("--region") { Description = "The signing region (else S3_REGION, AWS_REGION, AWS_DEFAULT_REGION).", Recursive = true };

    public Option<string?> Bucket { get; } = new("--bucket") { Description = "The bucket (else S3_BUCKET).", Recursive = true };

    public Option<string?> BasePrefix { get; } = new("--base-prefix") { Description = "A prefix in front of every key.", Recursive = true };

    public Option<int?> Concurrency { get; } = new("--concurrency") { Description = "Requests in flight at once (default 8).", Recursive = true };

    public IEnumerable<Option> All => [Endpoint, Region, Bucket, BasePrefix, Concurrency];

    /// <summary>The store for the flags over the environment; creating it sends no request.</summary>
    /// <exception cref="UsageException">A flag, a variable or a <c>.env</c> line cannot be used.</exception>
    public S3ExchangeStore CreateStore(ParseResult parsed)
    {
        S3ExchangeSettings settings;
        try
        {
            settings = S3ExchangeSettings.FromEnvironment();
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }

        if (parsed.GetValue(Endpoint) is { Length: > 0 } endpoint)
        {
            try
            {
                settings = settings.WithEndpoint(endpoint, "--endpoint");
            }
            catch (FormatException ex)
            {
                throw new UsageException(ex.Message);
            }
        }

        if (parsed.GetValue(Region) is { Length: > 0 } region)
        {
            settings = settings with { Region = region };
        }

        if (parsed.GetValue(Bucket) is { Length: > 0 } bucket)
        {
            settings = settings with { Bucket = bucket };
        }

        var options = new S3ExchangeStoreOptions { BasePrefix = parsed.GetValue(BasePrefix) is { Length: > 0 } prefix ? prefix : null };
        if (parsed.GetValue(Concurrency) is { } concurrency)
        {
            if (concurrency <= 0)
            {
                throw new UsageException($"--concurrency must be positive, not {concurrency}.");
            }

            options = options with { MaxConcurrency = concurrency };
        }

        return S3ExchangeStore.Create(settings, options);
    }
}
