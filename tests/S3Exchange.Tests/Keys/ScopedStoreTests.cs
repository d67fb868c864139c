using Amazon.Runtime;
using Amazon.S3;

namespace S3Exchange.Tests.Keys;

/// <summary>
/// A scoped store's prefix template names the namespace itself, and its layout keys are those of
/// the <see cref="NamespaceScope"/> it resolves to (docs/keys.md).
/// </summary>
public sealed class ScopedStoreTests : IDisposable
{
    // Keys are computed without a request, so the client never connects.
    private readonly AmazonS3Client client = new(new BasicAWSCredentials("key", "secret"), new AmazonS3Config { ServiceURL = "http://127.0.0.1:9", ForcePathStyle = true });

    [Fact]
    public void Same_template_through_scoped_store_and_namespace_scope_gives_identical_keys()
    {
        var scoped = CreateStore().Scope("training/{job_id}/samples", new Dictionary<string, string> { ["job_id"] = "123" });
        var scope = new NamespaceScope("training/123/samples");

        Assert.Equal(scope.Prefix, scoped.Namespace().Prefix);
        Assert.Equal(scope.ManifestKey, scoped.ManifestKey());
        Assert.Equal("training/123/samples/manifest.jsonl", scoped.ManifestKey());
        Assert.Equal(scope.ShardFolder, scoped.ShardFolder());
        Assert.Equal(scope.ShardKey(4), scoped.ShardKey(4));
        Assert.Equal(scope.ShardKey(4, ShardCompression.None), scoped.ShardKey(4, ShardCompression.None));
        Assert.Equal(scope.Key("0001.wav"), scoped.Key("0001.wav"));
    }

    [Fact]
    public void Extra_variables_fill_what_the_scope_does_not_fix()
    {
        var scoped = CreateStore().Scope("{service_name}/training/{job_id}/samples");
        var extra = new Dictionary<string, string> { ["job_id"] = "7" };

        Assert.Equal("svc/training/7/samples/manifest.jsonl", scoped.ManifestKey(extra));
        Assert.Equal("svc/training/7/samples/shards/shard-00000.tar.gz", scoped.ShardKey(0, extra: extra));
        Assert.Equal("svc/training/7/samples/7.wav", scoped.Key("{job_id}.wav", extra));
        Assert.Throws<MissingPlaceholderException>(() => scoped.ManifestKey());
    }

    [Fact]
    public void Namespace_without_extra_variables_is_resolved_once()
    {
        var scoped = CreateStore().Scope("training/{job_id}/samples", new Dictionary<string, string> { ["job_id"] = "123" });

        Assert.Same(scoped.Namespace(), scoped.Namespace());
    }

    [Fact]
    public void Prefix_template_with_slashes_to_normalise_resolves_to_a_normalised_prefix()
    {
        var scoped = CreateStore().Scope("/training/{job_id}//samples/", new Dictionary<string, string> { ["job_id"] = "123" });

        Assert.Equal("training/123/samples/manifest.jsonl", scoped.ManifestKey());
        Assert.Equal("manifest.jsonl", CreateStore().Scope(string.Empty).ManifestKey());
    }

    public void Dispose() => client.Dispose();

    private S3ExchangeStore CreateStore()
        => new(client, "bucket", new S3ExchangeStoreOptions { DefaultVariables = new Dictionary<string, string> { ["service_name"] = "svc" } });
}
