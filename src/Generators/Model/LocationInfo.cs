using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace S3Exchange.Generators.Model
{
    /// <summary>
    /// Where a diagnostic points, as plain values: holding a <see cref="Location"/> would keep
    /// the syntax tree alive and break the incremental cache, so the location is rebuilt only
    /// when the diagnostic is reported.
    /// </summary>
    internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);

        public static LocationInfo? From(SyntaxTree tree, TextSpan span)
        {
            var lineSpan = tree.GetLineSpan(span);
            return new LocationInfo(tree.FilePath, span, lineSpan.Span);
        }
    }
}
