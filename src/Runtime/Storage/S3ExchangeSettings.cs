using Amazon.Runtime;
using Amazon.S3;

namespace S3Exchange;

/// <summary>
/// Where the store's server is and how to sign in, read the way the Python library reads them
/// (<c>S3_ENDPOINT_URL</c>, <c>S3_REGION</c>, <c>S3_BUCKET</c>, <c>S3_AWS_ACCESS_KEY_ID</c>,
/// <c>S3_AWS_SECRET_ACCESS_KEY</c>), then from the AWS SDKs' standard variables, from the
/// environment or a <c>.env</c> file (<see cref="FromEnvironment"/>); and how hard the SDK retries
/// a request that fails: <c>S3_RETRY_MODE</c>, <c>S3_MAX_ATTEMPTS</c>.
/// </summary>
public sealed record S3ExchangeSettings
{
    /// <summary>The reference's default endpoint, a local Garage.</summary>
    public const string DefaultEndpointUrl = "http://127.0.0.1:3900";

    /// <summary>The reference's default region (Garage's).</summary>
    public const string DefaultRegion = "garage";

    /// <summary>The reference's default bucket.</summary>
    public const string DefaultBucket = "default";

    /// <summary>
    /// Attempts of one request by default, the first included (docs/faults.md: with a quarter
    /// of requests throttled or cut, 3 attempts lost an operation now and then, 5 none, at the
    /// same cost).
    /// </summary>
    public const int DefaultMaxAttempts = 5;

    /// <summary>The server's URL; null for AWS itself (region endpoints, virtual-hosted style; endpoints configured for the SDK through <c>AWS_ENDPOINT_URL*</c> or a profile are then ignored).</summary>
    public string? EndpointUrl { get; init; } = DefaultEndpointUrl;

    /// <summary>The signing region.</summary>
    public string Region { get; init; } = DefaultRegion;

    /// <summary>The bucket the store works in.</summary>
    public string Bucket { get; init; } = DefaultBucket;

    /// <summary>Access key id; when null the AWS default credential chain is used.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>Secret access key; never logged or printed by this library.</summary>
    public string? SecretAccessKey { get; init; }

    /// <summary>Use path-style URLs (<c>http://host/bucket/key</c>). Defaults to true when an endpoint is set.</summary>
    public bool? ForcePathStyle { get; init; }

    /// <summary>
    /// How the SDK retries a request that fails with a throttling or server error (503 SlowDown,
    /// 500) or a network error: <see cref="RequestRetryMode.Standard"/> (exponential backoff with
    /// jitter; the default) or <see cref="RequestRetryMode.Adaptive"/> (the same, plus a client-side
    /// rate limit that slows every request after throttling).
    /// </summary>
    public RequestRetryMode RetryMode { get; init; } = RequestRetryMode.Standard;

    /// <summary>Attempts of one request before its failure is reported, the first included; 1 turns retries off. Default <see cref="DefaultMaxAttempts"/>.</summary>
    public int MaxAttempts { get; init; } = DefaultMaxAttempts;

    /// <summary>Whether these settings point at an S3-compatible server rather than AWS.</summary>
    public bool IsS3Compatible => EndpointUrl is not null;

    /// <summary>
    /// Reads settings from the process environment and <paramref name="dotEnvPath"/> (default:
    /// <c>.env</c> in the current folder, if it exists). Each setting takes the first of its
    /// variables that has a value, the library's own <c>S3_*</c> before the AWS SDKs' standard
    /// ones, else the reference's default:
    /// endpoint <c>S3_ENDPOINT_URL</c>, <c>AWS_ENDPOINT_URL_S3</c>, <c>AWS_ENDPOINT_URL</c>, else
    /// <see cref="DefaultEndpointUrl"/> (also when only a region is set; <see cref="AwsEndpoint"/>
    /// names AWS itself); region <c>S3_REGION</c>, <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>,
    /// else <see cref="DefaultRegion"/>; bucket <c>S3_BUCKET</c>; credentials
    /// <c>S3_AWS_ACCESS_KEY_ID</c> and <c>S3_AWS_SECRET_ACCESS_KEY</c>, else none (the client
    /// then uses the AWS default credential chain). A variable counts as set when it is not
    /// empty in the environment or, failing that, in the file: the environment wins per variable,
    /// so a file's <c>S3_ENDPOINT_URL</c> still comes before the environment's <c>AWS_ENDPOINT_URL</c>.
    /// </summary>
    /// <exception cref="FileNotFoundException"><paramref name="dotEnvPath"/> is given and does not exist.</exception>
    /// <exception cref="FormatException">A malformed line in the file, or a value that cannot be used; the message names the variable or the file and line.</exception>
    public static S3ExchangeSettings FromEnvironment(string? dotEnvPath = null)
    {
        if (dotEnvPath is not null && !File.Exists(dotEnvPath))
        {
            throw new FileNotFoundException($"The .env file '{dotEnvPath}' does not exist.", dotEnvPath);
        }

        var file = dotEnvPath ?? Path.Combine(Environment.CurrentDirectory, ".env");
        var fromFile = File.Exists(file) ? DotEnvFile.Read(file) : [];

        // The first of the names with a value, and where it came from (for messages).
        (string Value, string Source)? First(params string[] names)
        {
            foreach (var name in names)
            {
                if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
                {
                    return (value, name);
                }

                if (fromFile.TryGetValue(name, out var fileValue) && fileValue.Length > 0)
                {
                    return (fileValue, $"{name} (in {file})");
                }
            }

            return null;
        }

        var settings = new S3ExchangeSettings
        {
            Region = First("S3_REGION", "AWS_REGION", "AWS_DEFAULT_REGION")?.Value ?? DefaultRegion,
            Bucket = First("S3_BUCKET")?.Value ?? DefaultBucket,
            AccessKeyId = First("S3_AWS_ACCESS_KEY_ID")?.Value,
            SecretAccessKey = First("S3_AWS_SECRET_ACCESS_KEY")?.Value,
            RetryMode = First("S3_RETRY_MODE") is (var mode, var modeSource) ? ParseRetryMode(mode, modeSource) : RequestRetryMode.Standard,
            MaxAttempts = First("S3_MAX_ATTEMPTS") is (var attempts, var attemptsSource) ? ParseMaxAttempts(attempts, attemptsSource) : DefaultMaxAttempts,
        };
        return First("S3_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL") is (var endpoint, var endpointSource)
            ? settings.WithEndpoint(endpoint, endpointSource)
            : settings;
    }

    /// <summary>The value that names AWS itself (its regional endpoints) where an endpoint is expected: <c>aws</c>.</summary>
    public const string AwsEndpoint = "aws";

    /// <summary>
    /// These settings with the endpoint a user named in <paramref name="source"/> (a variable, an
    /// MSBuild property, a command-line flag): an absolute <c>http</c> or <c>https</c> URL, or
    /// <see cref="AwsEndpoint"/> (any case) for AWS itself.
    /// </summary>
    /// <exception cref="FormatException">Neither; the message starts with <paramref name="source"/>.</exception>
    public S3ExchangeSettings WithEndpoint(string endpoint, string source)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (string.Equals(endpoint, AwsEndpoint, StringComparison.OrdinalIgnoreCase))
        {
            return this with { EndpointUrl = null };
        }

        // An absolute URL only: on Unix "/path" is one (file:), and so is "localhost:9000" (scheme "localhost").
        return Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? this with { EndpointUrl = endpoint }
            : throw new FormatException($"{source} is '{endpoint}', which is not an http(s) URL (e.g. http://127.0.0.1:9000) or '{AwsEndpoint}' for AWS itself.");
    }

    /// <summary>A retry mode by name, <c>standard</c> or <c>adaptive</c> (any case), read from <paramref name="source"/>.</summary>
    /// <exception cref="FormatException">Neither; the message names <paramref name="source"/>.</exception>
    internal static RequestRetryMode ParseRetryMode(string value, string source) => value.Trim().ToLowerInvariant() switch
    {
        "standard" => RequestRetryMode.Standard,
        "adaptive" => RequestRetryMode.Adaptive,
        _ => throw new FormatException($"{source} '{value}' is not a retry mode: use 'standard' or 'adaptive'."),
    };

    /// <summary>A number of attempts, a whole number of at least 1, read from <paramref name="source"/>.</summary>
    /// <exception cref="FormatException">Anything else; the message names <paramref name="source"/>.</exception>
    internal static int ParseMaxAttempts(string value, string source) =>
        int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var attempts) && attempts >= 1
            ? attempts
            : throw new FormatException($"{source} '{value}' is not a number of attempts: use a whole number of at least 1 (1: no retries).");

    /// <summary>
    /// A client for these settings, retrying as <see cref="RetryMode"/> and <see cref="MaxAttempts"/>
    /// say. For an S3-compatible endpoint it uses path-style URLs and
    /// computes and validates checksums only when an operation requires them: AWSSDK v4's
    /// default of always sending checksum trailers is rejected by Garage, older MinIO and Ceph.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MaxAttempts"/> is less than 1.</exception>
    public IAmazonS3 CreateClient()
    {
        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "MaxAttempts must be at least 1 (1: no retries).");
        }

        var config = new AmazonS3Config
        {
            ForcePathStyle = ForcePathStyle ?? IsS3Compatible,
            RetryMode = RetryMode,
            MaxErrorRetry = MaxAttempts - 1,
        };
        if (IsS3Compatible)
        {
            config.ServiceURL = EndpointUrl;
            config.AuthenticationRegion = Region;
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        else
        {
            // AWS itself: not an endpoint the SDK would read from AWS_ENDPOINT_URL(_S3) or a profile.
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(Region);
            config.IgnoreConfiguredEndpointUrls = true;
        }

        return AccessKeyId is not null && SecretAccessKey is not null
            ? new AmazonS3Client(new BasicAWSCredentials(AccessKeyId, SecretAccessKey), config)
            : new AmazonS3Client(config);
    }

    /// <summary>The settings without the secret, safe to log.</summary>
    public override string ToString() =>
        $"S3ExchangeSettings {{ EndpointUrl = {EndpointUrl ?? "(AWS)"}, Region = {Region}, Bucket = {Bucket}, AccessKeyId = {AccessKeyId ?? "(credential chain)"}, SecretAccessKey = {(SecretAccessKey is null ? "(none)" : "***")}, RetryMode = {RetryMode}, MaxAttempts = {MaxAttempts} }}";
}
