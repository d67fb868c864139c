namespace S3Exchange.Tests.Keys;

public sealed class KeyTemplateTests
{
    private static readonly Dictionary<string, string> Defaults = new() { ["service_name"] = "training-service", ["job_id"] = "default-job" };

    [Fact]
    public void Call_variables_win_over_defaults()
    {
        var key = KeyTemplate.Parse("{service_name}/training/{job_id}/samples").Resolve(new Dictionary<string, string> { ["job_id"] = "123" }, Defaults);
        Assert.Equal("training-service/training/123/samples", key);
    }

    [Fact]
    public void Angle_bracket_placeholders_mean_the_same_as_braces()
    {
        var vars = new Dictionary<string, string> { ["job_id"] = "7" };
        Assert.Equal(
            KeyTemplate.Parse("training/{job_id}/samples").Resolve(vars),
            KeyTemplate.Parse("training/<job_id>/samples").Resolve(vars));
    }

    [Fact]
    public void Resolved_keys_are_normalised()
    {
        var key = KeyTemplate.Parse("/a//{x}/b/").Resolve(new Dictionary<string, string> { ["x"] = "1" });
        Assert.Equal("a/1/b", key);
    }

    [Fact]
    public void A_missing_value_names_the_placeholder_and_the_template()
    {
        var ex = Assert.Throws<MissingPlaceholderException>(() => KeyTemplate.Parse("training/{job_id}/samples").Resolve(null));
        Assert.Equal("job_id", ex.Placeholder);
        Assert.Equal("training/{job_id}/samples", ex.Template);
        Assert.Contains("{job_id}", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("x..y")]
    [InlineData("a#b")]
    [InlineData("a\\b")]
    [InlineData("a\nb")]
    [InlineData("a\u0000b")]
    [InlineData("{other}")]
    [InlineData("<other>")]
    public void Values_that_would_leave_their_segment_are_refused(string value)
    {
        var ex = Assert.Throws<InvalidPlaceholderValueException>(() =>
            KeyTemplate.Parse("training/{job_id}/samples").Resolve(new Dictionary<string, string> { ["job_id"] = value }));
        Assert.Equal("job_id", ex.Placeholder);
        Assert.Equal(value, ex.Value);
    }

    [Theory]
    [InlineData("training/{job_id/samples")]
    [InlineData("training/job_id}/samples")]
    [InlineData("training/{}/samples")]
    [InlineData("training/{1job}/samples")]
    [InlineData("training/{job:float}/samples")]
    public void Malformed_templates_are_refused_with_the_template_named(string template)
    {
        var ex = Assert.Throws<InvalidKeyTemplateException>(() => KeyTemplate.Parse(template));
        Assert.Equal(template, ex.Template);
    }

    [Fact]
    public void Placeholders_are_listed_once_in_order()
    {
        Assert.Equal(["a", "b"], KeyTemplate.Parse("{a}/{b}/{a}").Placeholders);
    }
}
