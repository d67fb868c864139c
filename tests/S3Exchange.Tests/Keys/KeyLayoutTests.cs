namespace S3Exchange.Tests.Keys;

public sealed class KeyLayoutTests
{
    [Theory]
    [InlineData("releases/web/2.1.0/manifest.jsonl", "releases/web/2.1.0/content")]
    [InlineData("/releases//web/manifest.jsonl", "releases/web/content")]
    [InlineData("manifest.jsonl", "content")]
    [InlineData("builds/{version}/manifest.jsonl", "builds/{version}/content")]
    public void The_default_content_prefix_is_the_folder_of_the_manifest_plus_content(string manifestKey, string expected) =>
        Assert.Equal(expected, KeyLayout.DefaultContentPrefix(manifestKey));
}
