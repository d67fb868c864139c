namespace S3Exchange.Tests.Storage;

// Environment variables are process-wide: these tests must not run beside each other.
[Collection("Environment")]
public sealed class S3ExchangeSettingsTests : IDisposable
{
    private readonly SettingsEnvironment environment = new();
    private readonly string folder = Directory.CreateTempSubdirectory("s3x-env-").FullName;

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
        Assert.StartsWith($"{file}, line 2: expected KEY=value", ex.Message);
    }

    // One row per step of README "Configuration": each setting takes the first of its variables
    // that has a value, each variable from the environment, else the .env file.
    [Theory]
    [InlineData("endpoint", "S3_ENDPOINT_URL=http://s3:1;AWS_ENDPOINT_URL_S3=http://aws-s3:2;AWS_ENDPOINT_URL=http://aws:3", "", "http://s3:1")]
    [InlineData("endpoint", "AWS_ENDPOINT_URL_S3=http://aws-s3:2;AWS_ENDPOINT_URL=http://aws:3", "", "http://aws-s3:2")]
    [InlineData("endpoint", "AWS_ENDPOINT_URL=http://aws:3", "", "http://aws:3")]
    [InlineData("endpoint", "", "", "http://127.0.0.1:3900")]
    [InlineData("endpoint", "AWS_REGION=eu-west-1", "", "http://127.0.0.1:3900")]
    [InlineData("endpoint", "S3_ENDPOINT_URL=http://env:1", "S3_ENDPOINT_URL=http://file:1", "http://env:1")]
    [InlineData("endpoint", "AWS_ENDPOINT_URL_S3=http://env:2", "S3_ENDPOINT_URL=http://file:1", "http://file:1")]
    [InlineData("endpoint", "", "AWS_ENDPOINT_URL=http://file:3", "http://file:3")]
    [InlineData("endpoint", "S3_ENDPOINT_URL=aws;AWS_ENDPOINT_URL_S3=http://aws-s3:2", "", null)]
    [InlineData("endpoint", "", "S3_ENDPOINT_URL=AWS", null)]
    [InlineData("region", "S3_REGION=s3-region;AWS_REGION=aws-region;AWS_DEFAULT_REGION=aws-default", "", "s3-region")]
    [InlineData("region", "AWS_REGION=aws-region;AWS_DEFAULT_REGION=aws-default", "", "aws-region")]
    [InlineData("region", "AWS_DEFAULT_REGION=aws-default", "", "aws-default")]
    [InlineData("region", "", "", "garage")]
    [InlineData("region", "AWS_ENDPOINT_URL=http://aws:3", "", "garage")]
    [InlineData("region", "AWS_REGION=env-region", "S3_REGION=file-region", "file-region")]
    [InlineData("region", "AWS_REGION=env-region", "S3_REGION=", "env-region")]
    [InlineData("region", "S3_REGION=env-region", "S3_REGION=file-region", "env-region")]
    [InlineData("bucket", "S3_BUCKET=env-bucket", "S3_BUCKET=file-bucket", "env-bucket")]
    [InlineData("bucket", "", "S3_BUCKET=file-bucket", "file-bucket")]
    [InlineData("bucket", "", "", "default")]
    [InlineData("key", "S3_AWS_ACCESS_KEY_ID=AKS3;AWS_ACCESS_KEY_ID=AKAWS", "", "AKS3")]
    [InlineData("key", "AWS_ACCESS_KEY_ID=AKAWS;AWS_SECRET_ACCESS_KEY=aws-secret", "", null)]
    [InlineData("key", "", "S3_AWS_ACCESS_KEY_ID=AKFILE", "AKFILE")]
    [InlineData("secret", "S3_AWS_SECRET_ACCESS_KEY=s3-secret;AWS_SECRET_ACCESS_KEY=aws-secret", "", "s3-secret")]
    [InlineData("secret", "AWS_ACCESS_KEY_ID=AKAWS;AWS_SECRET_ACCESS_KEY=aws-secret", "", null)]
    [InlineData("retry", "S3_RETRY_MODE=adaptive", "", "Adaptive")]
    [InlineData("retry", "", "S3_RETRY_MODE=adaptive", "Adaptive")]
    [InlineData("retry", "", "", "Standard")]
    [InlineData("attempts", "S3_MAX_ATTEMPTS=9", "S3_MAX_ATTEMPTS=2", "9")]
    [InlineData("attempts", "", "S3_MAX_ATTEMPTS=2", "2")]
    [InlineData("attempts", "", "", "5")]
    public void Each_setting_takes_the_first_of_its_variables_with_a_value(string setting, string inEnvironment, string inFile, string? expected)
    {
        SettingsEnvironment.Set(inEnvironment);
        var file = Path.Combine(folder, ".env");
        File.WriteAllLines(file, SettingsEnvironment.Pairs(inFile).Select(p => $"{p.Name}={p.Value}"));

        var settings = S3ExchangeSettings.FromEnvironment(file);

        var actual = setting switch
        {
            "endpoint" => settings.EndpointUrl,
            "region" => settings.Region,
            "bucket" => settings.Bucket,
            "key" => settings.AccessKeyId,
            "secret" => settings.SecretAccessKey,
            "retry" => settings.RetryMode.ToString(),
            "attempts" => settings.MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, null),
        };
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_region_from_AWS_variables_reaches_the_client_of_the_default_endpoint()
    {
        Environment.SetEnvironmentVariable("AWS_REGION", "eu-central-1");

        var settings = S3ExchangeSettings.FromEnvironment();
        using var client = settings.CreateClient();

        Assert.Equal(("http://127.0.0.1:3900", "eu-central-1"), (settings.EndpointUrl, settings.Region));
        Assert.Equal("eu-central-1", client.Config.AuthenticationRegion);
    }

    [Fact]
    public void AWS_itself_ignores_the_endpoints_the_SDK_would_read_from_its_variables()
    {
        Environment.SetEnvironmentVariable("S3_ENDPOINT_URL", "aws");
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9");
        Environment.SetEnvironmentVariable("AWS_REGION", "eu-west-1");

        var settings = S3ExchangeSettings.FromEnvironment();
        using var client = settings.CreateClient();

        Assert.False(settings.IsS3Compatible);
        Assert.True(client.Config.IgnoreConfiguredEndpointUrls);
        Assert.Equal(Amazon.RegionEndpoint.EUWest1, client.Config.RegionEndpoint);
        Assert.Null(client.Config.ServiceURL);
    }

    [Theory]
    [InlineData("S3_ENDPOINT_URL", "localhost:9000")]
    [InlineData("AWS_ENDPOINT_URL_S3", "/tmp/s3")]
    [InlineData("AWS_ENDPOINT_URL", "ftp://127.0.0.1")]
    public void An_endpoint_variable_that_is_no_http_URL_is_an_error_naming_it(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);

        var ex = Assert.Throws<FormatException>(() => S3ExchangeSettings.FromEnvironment());

        Assert.StartsWith($"{name} is '{value}', which is not an http(s) URL", ex.Message);
    }

    [Fact]
    public void A_value_from_the_dot_env_file_that_cannot_be_used_names_the_variable_and_the_file()
    {
        var file = Path.Combine(folder, ".env");
        File.WriteAllLines(file, ["AWS_ENDPOINT_URL=localhost:9000", "S3_MAX_ATTEMPTS=none"]);

        var ex = Assert.Throws<FormatException>(() => S3ExchangeSettings.FromEnvironment(file));

        Assert.StartsWith($"S3_MAX_ATTEMPTS (in {file}) 'none' is not a number of attempts", ex.Message);
        File.WriteAllLines(file, ["AWS_ENDPOINT_URL=localhost:9000"]);
        Assert.StartsWith($"AWS_ENDPOINT_URL (in {file}) is 'localhost:9000'", Assert.Throws<FormatException>(() => S3ExchangeSettings.FromEnvironment(file)).Message);
    }

    [Fact]
    public void A_dot_env_file_in_common_dotenv_syntax_is_read_from_disk()
    {
        var file = Path.Combine(folder, ".env");
        var text = "# S3 settings\r\nexport S3_ENDPOINT_URL=http://127.0.0.1:9000   # local MinIO\r\n\r\nS3_REGION='eu-test'\r\nS3_BUCKET=\"my bucket\"\r\n";
        File.WriteAllText(file, text, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var settings = S3ExchangeSettings.FromEnvironment(file);

        Assert.Equal(("http://127.0.0.1:9000", "eu-test", "my bucket"), (settings.EndpointUrl, settings.Region, settings.Bucket));
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
        environment.Dispose();
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
        Assert.Throws<FormatException>(() => new S3ExchangeSettings().WithEndpoint("localhost:9000", "--endpoint"));
        Assert.Throws<FormatException>(() => new S3ExchangeSettings().WithEndpoint("/var/s3", "--endpoint"));

        Assert.StartsWith("S3ExchangeEndpoint is 'not a url'", ex.Message);
    }
}
