using S3Exchange.Keys;

namespace S3Exchange.Tests.Keys;

public sealed class KeyTemplateGrammarTests
{
    [Theory]
    [InlineData("a/{b", nameof(TemplateErrorKind.UnbalancedBrace), 2, 1)]
    [InlineData("a/b}", nameof(TemplateErrorKind.UnbalancedBrace), 3, 1)]
    [InlineData("a/{}", nameof(TemplateErrorKind.EmptyPlaceholder), 2, 2)]
    [InlineData("a/{9x}", nameof(TemplateErrorKind.InvalidPlaceholderName), 2, 4)]
    [InlineData("{a}/{a}", nameof(TemplateErrorKind.DuplicatePlaceholder), 4, 3)]
    [InlineData("a/{n:float}", nameof(TemplateErrorKind.UnknownType), 2, 9)]
    [InlineData("a#b", nameof(TemplateErrorKind.ForbiddenCharacter), 1, 1)]
    [InlineData("a\\b", nameof(TemplateErrorKind.ForbiddenCharacter), 1, 1)]
    [InlineData("a//b", nameof(TemplateErrorKind.DoubleSlash), 1, 2)]
    [InlineData("/a", nameof(TemplateErrorKind.LeadingSlash), 0, 1)]
    [InlineData("", nameof(TemplateErrorKind.Empty), 0, 0)]
    public void Strict_parsing_reports_each_error_with_its_span(string template, string kind, int start, int length)
    {
        var error = Assert.Single(KeyTemplateGrammar.Parse(template, strict: true).Errors);
        Assert.Equal(kind, error.Kind.ToString());
        Assert.Equal(start, error.Start);
        Assert.Equal(length, error.Length);
    }

    [Theory]
    [InlineData("{a}/{a}")]
    [InlineData("a//b")]
    [InlineData("/a")]
    [InlineData("archive.tar#member")]
    public void Lenient_parsing_accepts_what_the_reference_accepts(string template)
    {
        Assert.Empty(KeyTemplateGrammar.Parse(template, strict: false).Errors);
    }

    [Fact]
    public void Typed_placeholders_carry_their_type()
    {
        var parsed = KeyTemplateGrammar.Parse("t/{job_id:int}/{run:guid}/{day:date}/{n:long}/<name>", strict: true);
        Assert.Empty(parsed.Errors);
        Assert.Equal(
            [("job_id", PlaceholderType.Int), ("run", PlaceholderType.Guid), ("day", PlaceholderType.Date), ("n", PlaceholderType.Long), ("name", PlaceholderType.String)],
            parsed.DistinctPlaceholders.Select(p => (p.Text, p.Type)));
    }
}
