namespace S3Exchange.Tests.Storage;

// Environment variables are process-wide: these tests must not run beside each other.
[Collection("Environment")]
public sealed class S3ExchangeSettingsTests : IDisposable
{
    private static readonly string[] Names = ["S3_ENDPOINT_URL", "S3_REGION", "S3_BUCKET", "S3_AWS_ACCESS_KEY_ID", "S3_AWS_SECRET_ACCESS_KEY", "S3_RETRY_MODE", "S3_MAX_ATTEMPTS"];
    private readonly Dictionary<string, string?> saved = Names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
    private readonly string folder = Directory.CreateTempSubdirectory("s3x-env-").FullName;

    public S3ExchangeSettingsTests()
    {
        foreach (var name in Names)
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Defaults_are_the_reference_defaults()
    {
        // The test's working folder (its output folder) has no .env file.
        var settings = S3ExchangeSettings.FromEnvironment();
        Assert.Equal("http://127.0.0.1:3900", settings.EndpointUrl);
        Assert.Equal("garage", settings.Region);
        Assert.Equal("default", settings.Bucket);
    }

    [Fact]
    public void Dot_env_values_apply_and_the_environment_wins()
    {
        var file = Path.Combine(folder, ".env");
        File.WriteAllLines(file, ["# comment", "export S3_ENDPOINT_URL=http://127.0.0.1:9000", "S3_BUCKET='from-file'", "S3_REGION=\"eu-test\"", "S3_AWS_ACCESS_KEY_ID=AKFILE", "S3_AWS_SECRET_ACCESS_KEY=secret-from-file"]);
        Environment.SetEnvironmentVariable("S3_BUCKET", "from-env");

        var settings = S3ExchangeSettings.FromEnvironment(file);

        Assert.Equal("http://127.0.0.1:9000", settings.EndpointUrl);
        Assert.Equal("from-env", settings.Bucket);
        Assert.Equal("eu-test", settings.Region);
        Assert.Equal("AKFILE", settings.AccessKeyId);
        Assert.Equal("secret-from-file", settings.SecretAccessKey);
    }

    [Fact]
    public void A_named_dot_env_file_that_does_not_exist_is_an_error()
    {
        Assert.Throws<FileNotFoundException>(() => S3ExchangeSettings.FromEnvironment(Path.Combine(folder, "missing.env")));
    }

    [Fact]
    public void A_malformed_dot_env_line_is_an_error_naming_the_line()
    {
        var file = Path.Combine(folder, "bad.env");
        File.WriteAllLines(file, ["S3_BUCKET=b", "just words"]);
        var ex = Assert.Throws<FormatException>(() => S3ExchangeSettings.FromEnvironment(file));
        Assert.Contains("line 2", ex.Message);
    }

    [Fact]
    public void The_secret_is_never_printed()
    {
        var settings = new S3ExchangeSettings { AccessKeyId = "AK", SecretAccessKey = "very-secret-value" };
        Assert.DoesNotContain("very-secret-value", settings.ToString());
    }

    [Fact]
    public void Clients_for_compatible_endpoints_use_path_style_and_checksums_only_when_required()
    {
        var settings = new S3ExchangeSettings { EndpointUrl = "http://127.0.0.1:9000", AccessKeyId = "a", SecretAccessKey = "b" };
        using var client = settings.CreateClient();
        var config = (Amazon.S3.AmazonS3Config)client.Config;
        Assert.True(config.ForcePathStyle);
        Assert.Equal(Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED, config.RequestChecksumCalculation);
        Assert.Equal(Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED, config.ResponseChecksumValidation);
    }

    [Fact]
    public void Retries_default_to_standard_mode_and_the_measured_attempts()
    {
        var settings = S3ExchangeSettings.FromEnvironment();
        Assert.Equal((Amazon.Runtime.RequestRetryMode.Standard, S3ExchangeSettings.DefaultMaxAttempts), (settings.RetryMode, settings.MaxAttempts));

        using var client = settings.CreateClient();
        Assert.Equal((Amazon.Runtime.RequestRetryMode.Standard, S3ExchangeSettings.DefaultMaxAttempts - 1), (client.Config.RetryMode, client.Config.MaxErrorRetry));
    }

    [Fact]
    public void Retry_mode_and_attempts_come_from_the_environment_and_reach_the_client()
    {
        Environment.SetEnvironmentVariable("S3_RETRY_MODE", "Adaptive");
        Environment.SetEnvironmentVariable("S3_MAX_ATTEMPTS", "8");

        var settings = S3ExchangeSettings.FromEnvironment();
        using var client = settings.CreateClient();

        Assert.Equal((Amazon.Runtime.RequestRetryMode.Adaptive, 8), (settings.RetryMode, settings.MaxAttempts));
        Assert.Equal((Amazon.Runtime.RequestRetryMode.Adaptive, 7), (client.Config.RetryMode, client.Config.MaxErrorRetry));
        using var noRetries = (settings with { MaxAttempts = 1 }).CreateClient();
        Assert.Equal(0, noRetries.Config.MaxErrorRetry);
    }

    [Theory]
    [InlineData("S3_RETRY_MODE", "legacy")]
    [InlineData("S3_RETRY_MODE", "1")]
    [InlineData("S3_MAX_ATTEMPTS", "0")]
    [InlineData("S3_MAX_ATTEMPTS", "three")]
    public void A_retry_setting_that_makes_no_sense_is_an_error_naming_the_variable(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);

        var ex = Assert.Throws<FormatException>(() => S3ExchangeSettings.FromEnvironment());

        Assert.Contains($"{name} '{value}'", ex.Message);
    }

    [Fact]
    public void Fewer_than_one_attempt_is_refused_when_the_client_is_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new S3ExchangeSettings { MaxAttempts = 0 }.CreateClient());
    }

    public void Dispose()
    {
        foreach (var (name, value) in saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000", "http://127.0.0.1:9000")]
    [InlineData("aws", null)]
    [InlineData("AWS", null)]
    public void An_endpoint_a_user_names_is_a_URL_or_aws_itself(string endpoint, string? url)
    {
        var settings = new S3ExchangeSettings().WithEndpoint(endpoint, "--endpoint");

        Assert.Equal(url, settings.EndpointUrl);
        Assert.Equal(url is not null, settings.IsS3Compatible);
    }

    [Fact]
    public void An_endpoint_that_is_neither_is_refused_naming_where_it_came_from()
    {
        var ex = Assert.Throws<FormatException>(() => new S3ExchangeSettings().WithEndpoint("not a url", "S3ExchangeEndpoint"));

        Assert.StartsWith("S3ExchangeEndpoint is 'not a url'", ex.Message);
    }
}
