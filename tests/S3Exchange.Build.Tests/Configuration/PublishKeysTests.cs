using Microsoft.Build.Utilities;
using S3Exchange.Build.Configuration;
using S3Exchange.Build.Diagnostics;

namespace S3Exchange.Build.Tests.Configuration;

public sealed class PublishKeysTests
{
    [Fact]
    public void The_default_template_uses_project_version_and_any_for_an_empty_rid()
    {
        var variables = TemplateVariables.Build("App", "1.2.3", "Release", "net10.0", "", null, null);
        var keys = PublishKeys.Resolve(null, null, null, null, variables, new PropertyReader())!;

        Assert.Equal("artifacts/App/1.2.3/any/manifest.jsonl", keys.ManifestKey);
        Assert.Equal("artifacts/App/content", keys.ContentPrefix);
    }

    [Fact]
    public void A_publish_namespace_item_gives_the_manifest_key_its_generated_builder_would()
    {
        var item = new TaskItem("Releases", new Dictionary<string, string> { ["Template"] = "releases/{project}/{configuration}/{channel}" });
        var channel = new TaskItem("channel", new Dictionary<string, string> { ["Value"] = "beta" });
        var variables = TemplateVariables.Build("App", "1.0.0", "Release", "net10.0", "linux-x64", "abc123", [channel]);
        var keys = PublishKeys.Resolve("ignored/{x}", "store/{project}", "Releases", [item], variables, new PropertyReader())!;

        Assert.Equal("releases/App/Release/beta/manifest.jsonl", keys.ManifestKey);
        Assert.Equal("store/App", keys.ContentPrefix);
    }

    [Fact]
    public void A_template_without_placeholders_is_normalised()
    {
        var variables = TemplateVariables.Build("App", "1.0.0", null, null, null, null, null);
        var keys = PublishKeys.Resolve("/builds//fixed/manifest.jsonl", "store/content/", null, null, variables, new PropertyReader())!;

        Assert.Equal("builds/fixed/manifest.jsonl", keys.ManifestKey);
        Assert.Equal("store/content", keys.ContentPrefix);
    }

    [Fact]
    public void A_publish_namespace_that_is_not_declared_is_S3XB007()
    {
        var reader = new PropertyReader();
        Assert.Null(PublishKeys.Resolve(null, null, "Missing", [], TemplateVariables.Build("App", null, null, null, null, null, null), reader));

        var failure = Assert.Single(Assert.Throws<InvalidPropertiesException>(reader.ThrowIfInvalid).Problems);
        Assert.Equal("S3XB007", failure.Code);
        Assert.Contains("<S3ExchangeNamespace Include=\"Missing\"", failure.Message);
    }

    [Fact]
    public void A_placeholder_without_a_value_names_it_and_is_classified_S3XB005()
    {
        var variables = TemplateVariables.Build("App", "1.0.0", null, null, null, sourceRevisionId: "", null);
        var thrown = Assert.Throws<MissingPlaceholderException>(() => PublishKeys.Resolve("builds/{revision}/manifest.jsonl", null, null, null, variables, new PropertyReader()));
        var failure = FailureClassifier.Classify(thrown, "http://s3", "bucket");

        Assert.Equal("S3XB005", failure.Code);
        Assert.Contains("{revision}", failure.Message);
    }

    [Fact]
    public void A_malformed_template_is_classified_S3XB004()
    {
        var thrown = Assert.ThrowsAny<Exception>(() => PublishKeys.Resolve("builds/{project/manifest.jsonl", null, null, null, TemplateVariables.Build("App", null, null, null, null, null, null), new PropertyReader()));
        Assert.Equal("S3XB004", FailureClassifier.Classify(thrown, "http://s3", "bucket").Code);
    }
}
