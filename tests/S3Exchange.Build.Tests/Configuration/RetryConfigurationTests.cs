using System.Xml.Linq;
using Amazon.Runtime;
using S3Exchange.Build.Configuration;
using S3Exchange.Build.Diagnostics;
using S3Exchange.Build.Tests.Infrastructure;

namespace S3Exchange.Build.Tests.Configuration;

/// <summary>S3ExchangeRetryMode and S3ExchangeMaxAttempts: from the targets into the tasks, and from the tasks into the SDK client.</summary>
public sealed class RetryConfigurationTests
{
    [Fact]
    public void The_properties_set_the_client_retry_mode_and_attempts()
    {
        var connection = new S3Connection { Endpoint = "http://127.0.0.1:9", RetryMode = "adaptive", MaxAttempts = "8" };

        var settings = connection.Resolve(new PropertyReader()).Settings;
        using var client = settings.CreateClient();

        Assert.Equal((RequestRetryMode.Adaptive, 8), (settings.RetryMode, settings.MaxAttempts));
        Assert.Equal((RequestRetryMode.Adaptive, 7), (client.Config.RetryMode, client.Config.MaxErrorRetry));
    }

    [Fact]
    public void Empty_properties_leave_the_environment_or_the_runtime_defaults()
    {
        var fromEnvironment = S3ExchangeSettings.FromEnvironment();

        var settings = new S3Connection { Endpoint = "http://127.0.0.1:9", RetryMode = "", MaxAttempts = "" }.Resolve(new PropertyReader()).Settings;

        Assert.Equal((fromEnvironment.RetryMode, fromEnvironment.MaxAttempts), (settings.RetryMode, settings.MaxAttempts));
    }

    [Theory]
    [InlineData("legacy", null, "S3ExchangeRetryMode is 'legacy'")]
    [InlineData(null, "0", "S3ExchangeMaxAttempts is '0'")]
    [InlineData(null, "many", "S3ExchangeMaxAttempts is 'many'")]
    public void An_unusable_value_is_S3XB007_naming_the_property(string? mode, string? attempts, string named)
    {
        var reader = new PropertyReader();
        new S3Connection { Endpoint = "http://127.0.0.1:9", RetryMode = mode, MaxAttempts = attempts }.Resolve(reader);

        var failure = Assert.Single(Assert.Throws<InvalidPropertiesException>(reader.ThrowIfInvalid).Problems);
        Assert.Equal("S3XB007", failure.Code);
        Assert.Contains(named, failure.Message);
    }

    [Theory]
    [InlineData("PublishToS3Exchange")]
    [InlineData("DownloadFromS3Exchange")]
    public void The_targets_pass_both_properties_to_the_task(string task)
    {
        var targets = XDocument.Load(Path.Combine(DotnetCommand.BuildFolder, "S3Exchange.Build.targets"));
        var call = Assert.Single(targets.Descendants(), e => e.Name.LocalName == task);

        Assert.Equal("$(S3ExchangeRetryMode)", call.Attribute("RetryMode")?.Value);
        Assert.Equal("$(S3ExchangeMaxAttempts)", call.Attribute("MaxAttempts")?.Value);
    }
}
