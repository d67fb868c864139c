namespace S3Exchange.Generators.Tests.EndToEnd;

/// <summary>The generated factory and scope, run: values validated as the runtime validates them, keys built as documented.</summary>
public sealed class GeneratedFactoryTests
{
    [Fact]
    public void Scope_builds_prefix_keys_manifest_and_shard_keys()
    {
        var scope = JobSamples.For("42", 3_000_000_000L);

        Assert.Equal("jobs/42/parts/3000000000", scope.Prefix);
        Assert.Equal("jobs/42/parts/3000000000/0001.wav", scope.Key("0001.wav"));
        Assert.Equal("jobs/42/parts/3000000000/manifest.jsonl", scope.ManifestKey);
        Assert.Equal("jobs/42/parts/3000000000/shards/shard-00012.tar.gz", scope.ShardKey(12));
        Assert.Equal("jobs/{job_id}/parts/{part:long}/", JobSamples.Template);
    }

    [Fact]
    public void Generated_key_equals_the_runtime_resolution_of_the_same_template()
    {
        var runtime = KeyTemplate.Parse(JobSamples.Template + "0001.wav").Resolve(new Dictionary<string, string> { ["job_id"] = "42", ["part"] = "7" });

        Assert.Equal(runtime, JobSamples.For("42", 7).Key("0001.wav"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a\\b")]
    [InlineData("..")]
    [InlineData("tab\there")]
    public void String_values_the_runtime_rejects_are_rejected(string jobId)
    {
        var error = Assert.Throws<InvalidPlaceholderValueException>(() => JobSamples.For(jobId, 1));

        Assert.Equal("job_id", error.Placeholder);
        Assert.Equal(JobSamples.Template, error.Template);
    }

    [Fact]
    public void Negative_numbers_are_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => JobSamples.For("42", -1));

        Assert.Equal("part", error.ParamName);
    }

    [Fact]
    public void Negative_shard_index_is_rejected()
        => Assert.Throws<ArgumentOutOfRangeException>(() => JobSamples.For("42", 1).ShardKey(-1));
}
