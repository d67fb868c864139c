using Microsoft.CodeAnalysis.Text;

namespace S3Exchange.Generators.Tests.Infrastructure;

/// <summary>Source with one span marked as <c>[|...|]</c>: the markers are removed and the span remembered.</summary>
internal sealed record SpanMarkup(string Source, TextSpan Span)
{
    public static SpanMarkup Parse(string markup)
    {
        var start = markup.IndexOf("[|", StringComparison.Ordinal);
        var end = markup.IndexOf("|]", start + 2, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "The test source must mark one span with [| and |].");
        var source = markup[..start] + markup[(start + 2)..end] + markup[(end + 2)..];
        return new SpanMarkup(source, TextSpan.FromBounds(start, end - 2));
    }
}
