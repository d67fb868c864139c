using S3Exchange.Build.Diagnostics;

namespace S3Exchange.Build.Configuration;

/// <summary>
/// Where the tasks talk to: MSBuild properties first, then the runtime's <c>S3_*</c> environment
/// variables (and <c>.env</c>), then the runtime's defaults. Credentials are never properties:
/// they come only from <c>S3_AWS_ACCESS_KEY_ID</c>/<c>S3_AWS_SECRET_ACCESS_KEY</c> or the AWS
/// credential chain, so they cannot land in a project file, a build log or a binary log.
/// </summary>
internal sealed record S3Connection
{
    /// <summary>The <c>S3ExchangeEndpoint</c> value that means AWS itself (regional endpoints).</summary>
    public const string AwsEndpoint = "aws";

    public string? Endpoint { get; init; }

    public string? Region { get; init; }

    public string? Bucket { get; init; }

    public string? BasePrefix { get; init; }

    public string? ForcePathStyle { get; init; }

    public int MaxConcurrency { get; init; } = 8;

    /// <summary><c>standard</c> or <c>adaptive</c>; empty: <c>S3_RETRY_MODE</c>, else the runtime's default.</summary>
    public string? RetryMode { get; init; }

    /// <summary>Attempts per request, at least 1; empty: <c>S3_MAX_ATTEMPTS</c>, else the runtime's default.</summary>
    public string? MaxAttempts { get; init; }

    /// <summary>The runtime's settings with the properties applied over the environment.</summary>
    public S3ExchangeSettings ResolveSettings()
    {
        var settings = S3ExchangeSettings.FromEnvironment();
        if (Endpoint is { Length: > 0 } endpoint)
        {
            if (!string.Equals(endpoint, AwsEndpoint, StringComparison.OrdinalIgnoreCase) && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
            {
                throw new BuildFailure(ErrorCodes.InvalidProperty, $"S3ExchangeEndpoint '{endpoint}' is not an absolute URL. Set it to the server's URL (e.g. http://127.0.0.1:9000), or to '{AwsEndpoint}' for AWS itself.");
            }

            settings = settings with { EndpointUrl = string.Equals(endpoint, AwsEndpoint, StringComparison.OrdinalIgnoreCase) ? null : endpoint };
        }

        if (Region is { Length: > 0 } region)
        {
            settings = settings with { Region = region };
        }

        if (Bucket is { Length: > 0 } bucket)
        {
            settings = settings with { Bucket = bucket };
        }

        if (ForcePathStyle is { Length: > 0 } pathStyle)
        {
            if (!bool.TryParse(pathStyle, out var value))
            {
                throw new BuildFailure(ErrorCodes.InvalidProperty, $"S3ExchangeForcePathStyle '{pathStyle}' is not 'true' or 'false'.");
            }

            settings = settings with { ForcePathStyle = value };
        }

        try
        {
            if (RetryMode is { Length: > 0 } mode)
            {
                settings = settings with { RetryMode = S3ExchangeSettings.ParseRetryMode(mode, "S3ExchangeRetryMode") };
            }

            if (MaxAttempts is { Length: > 0 } attempts)
            {
                settings = settings with { MaxAttempts = S3ExchangeSettings.ParseMaxAttempts(attempts, "S3ExchangeMaxAttempts") };
            }
        }
        catch (FormatException ex)
        {
            throw new BuildFailure(ErrorCodes.InvalidProperty, ex.Message);
        }

        return settings;
    }

    /// <summary>A store for these settings; creating it sends no request.</summary>
    public S3ExchangeStore CreateStore(S3ExchangeSettings settings)
    {
        if (MaxConcurrency <= 0)
        {
            throw new BuildFailure(ErrorCodes.InvalidProperty, $"S3ExchangeMaxConcurrency must be positive, not {MaxConcurrency}.");
        }

        var options = new S3ExchangeStoreOptions
        {
            BasePrefix = string.IsNullOrWhiteSpace(BasePrefix) ? null : BasePrefix,
            MaxConcurrency = MaxConcurrency,
        };
        return S3ExchangeStore.Create(settings, options);
    }

    /// <summary>Where the server is, for messages (never the credentials).</summary>
    public static string Describe(S3ExchangeSettings settings) => settings.EndpointUrl ?? $"AWS ({settings.Region})";
}
