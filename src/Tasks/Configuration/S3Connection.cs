namespace S3Exchange.Build.Configuration;

/// <summary>
/// Where the tasks talk to: MSBuild properties first, then the runtime's variables (<c>S3_*</c>,
/// then the AWS SDKs' <c>AWS_ENDPOINT_URL_S3</c>, <c>AWS_REGION</c>…; each from the environment,
/// else <c>.env</c>), then the runtime's defaults. Credentials are never properties:
/// they come only from <c>S3_AWS_ACCESS_KEY_ID</c>/<c>S3_AWS_SECRET_ACCESS_KEY</c> or the AWS
/// credential chain, so they cannot land in a project file, a build log or a binary log.
/// </summary>
internal sealed record S3Connection
{
    public string? Endpoint { get; init; }

    public string? Region { get; init; }

    public string? Bucket { get; init; }

    public string? BasePrefix { get; init; }

    public string? ForcePathStyle { get; init; }

    public string? MaxConcurrency { get; init; }

    /// <summary><c>standard</c> or <c>adaptive</c>; empty: <c>S3_RETRY_MODE</c>, else the runtime's default.</summary>
    public string? RetryMode { get; init; }

    /// <summary>Attempts per request, at least 1; empty: <c>S3_MAX_ATTEMPTS</c>, else the runtime's default.</summary>
    public string? MaxAttempts { get; init; }

    /// <summary>The runtime's settings and store options with the properties applied over the environment; problems go to <paramref name="reader"/>.</summary>
    public (S3ExchangeSettings Settings, S3ExchangeStoreOptions Options) Resolve(PropertyReader reader)
    {
        S3ExchangeSettings settings;
        try
        {
            settings = S3ExchangeSettings.FromEnvironment();
        }
        catch (FormatException ex)
        {
            // A variable or .env line the runtime cannot read; the message names it.
            reader.Add(new Diagnostics.BuildFailure("InvalidSetting", [ex.Message]));
            settings = new S3ExchangeSettings();
        }

        if (Endpoint is { Length: > 0 } endpoint)
        {
            try
            {
                settings = settings.WithEndpoint(endpoint, "S3ExchangeEndpoint");
            }
            catch (FormatException ex)
            {
                reader.Add(new Diagnostics.BuildFailure("InvalidSetting", [ex.Message]));
            }
        }

        if (Region is { Length: > 0 } region)
        {
            settings = settings with { Region = region };
        }

        if (Bucket is { Length: > 0 } bucket)
        {
            settings = settings with { Bucket = bucket };
        }

        if (reader.Bool("S3ExchangeForcePathStyle", ForcePathStyle) is { } pathStyle)
        {
            settings = settings with { ForcePathStyle = pathStyle };
        }

        if (reader.Choice("S3ExchangeRetryMode", RetryMode, [("standard", Amazon.Runtime.RequestRetryMode.Standard), ("adaptive", Amazon.Runtime.RequestRetryMode.Adaptive)]) is { } mode)
        {
            settings = settings with { RetryMode = mode };
        }

        if (reader.PositiveInt("S3ExchangeMaxAttempts", MaxAttempts) is { } attempts)
        {
            settings = settings with { MaxAttempts = attempts };
        }

        var options = new S3ExchangeStoreOptions { BasePrefix = string.IsNullOrWhiteSpace(BasePrefix) ? null : BasePrefix };
        if (reader.PositiveInt("S3ExchangeMaxConcurrency", MaxConcurrency) is { } concurrency)
        {
            options = options with { MaxConcurrency = concurrency };
        }

        return (settings, options);
    }

    /// <summary>Where the server is, for messages (never the credentials).</summary>
    public static string Describe(S3ExchangeSettings settings) => settings.EndpointUrl ?? $"AWS ({settings.Region})";
}
