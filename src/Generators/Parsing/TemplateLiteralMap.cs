using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace S3Exchange.Generators.Parsing
{
    /// <summary>
    /// Maps offsets in a template's value to spans in the source text of the string literal that
    /// wrote it, so a diagnostic underlines exactly the offending characters even when the
    /// literal uses escapes (<c>"a\u002Fb"</c>), is verbatim (<c>@"a""b"</c>) or raw
    /// (<c>"""a"""</c>). When the template is not a single literal (a constant, a concatenation),
    /// every offset maps to the whole expression.
    /// </summary>
    internal sealed class TemplateLiteralMap
    {
        // For value character i: its source span is [starts[i], ends[i]).
        private readonly int[]? starts;
        private readonly int[]? ends;
        private readonly TextSpan whole;

        private TemplateLiteralMap(TextSpan whole, int[]? starts, int[]? ends)
        {
            this.whole = whole;
            this.starts = starts;
            this.ends = ends;
        }

        public static TemplateLiteralMap Create(ExpressionSyntax expression, string value)
        {
            var whole = expression.Span;
            if (expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                var token = literal.Token;
                var offsets = token.Kind() switch
                {
                    SyntaxKind.StringLiteralToken => token.Text.StartsWith("@", StringComparison.Ordinal)
                        ? MapVerbatim(token.Text)
                        : MapRegular(token.Text),
                    SyntaxKind.SingleLineRawStringLiteralToken => MapSingleLineRaw(token.Text),
                    _ => null,
                };

                // A map that disagrees with the compiler's value (an escape this class does not
                // know) is dropped rather than trusted.
                if (offsets != null && offsets.Value.Starts.Count == value.Length)
                {
                    var starts = new int[value.Length];
                    var ends = new int[value.Length];
                    for (var i = 0; i < value.Length; i++)
                    {
                        starts[i] = token.SpanStart + offsets.Value.Starts[i];
                        ends[i] = token.SpanStart + offsets.Value.Ends[i];
                    }

                    return new TemplateLiteralMap(whole, starts, ends);
                }
            }

            return new TemplateLiteralMap(whole, null, null);
        }

        /// <summary>The source span of value characters [start, start + length).</summary>
        public TextSpan Map(int start, int length)
        {
            if (starts == null || ends == null || length <= 0 || start < 0 || start + length > starts.Length)
            {
                return whole;
            }

            return TextSpan.FromBounds(starts[start], ends[start + length - 1]);
        }

        private static (List<int> Starts, List<int> Ends)? MapRegular(string text)
        {
            var starts = new List<int>();
            var ends = new List<int>();

            // Skip the opening quote; stop before the closing one.
            var i = 1;
            var last = text.Length - 1;
            while (i < last)
            {
                if (text[i] != '\\')
                {
                    starts.Add(i);
                    ends.Add(i + 1);
                    i++;
                    continue;
                }

                if (i + 1 >= last)
                {
                    return null;
                }

                int escapeLength;
                var produced = 1;
                switch (text[i + 1])
                {
                    case 'u':
                        escapeLength = 6;
                        break;
                    case 'U':
                        // \UXXXXXXXX above U+FFFF is a surrogate pair: two chars, one escape.
                        escapeLength = 10;
                        produced = i + 10 <= last && int.TryParse(text.Substring(i + 2, 8), System.Globalization.NumberStyles.HexNumber, null, out var code) && code > 0xFFFF ? 2 : 1;
                        break;
                    case 'x':
                        escapeLength = 2;
                        while (escapeLength < 6 && i + escapeLength < last && IsHex(text[i + escapeLength]))
                        {
                            escapeLength++;
                        }

                        break;
                    default:
                        escapeLength = 2;
                        break;
                }

                for (var k = 0; k < produced; k++)
                {
                    starts.Add(i);
                    ends.Add(i + escapeLength);
                }

                i += escapeLength;
            }

            return (starts, ends);
        }

        private static (List<int> Starts, List<int> Ends)? MapVerbatim(string text)
        {
            var starts = new List<int>();
            var ends = new List<int>();

            // Skip @" ; stop before the closing quote. "" stands for one quote.
            var i = 2;
            var last = text.Length - 1;
            while (i < last)
            {
                var length = text[i] == '"' ? 2 : 1;
                starts.Add(i);
                ends.Add(i + length);
                i += length;
            }

            return (starts, ends);
        }

        private static (List<int> Starts, List<int> Ends)? MapSingleLineRaw(string text)
        {
            var quotes = 0;
            while (quotes < text.Length && text[quotes] == '"')
            {
                quotes++;
            }

            var starts = new List<int>();
            var ends = new List<int>();
            for (var i = quotes; i < text.Length - quotes; i++)
            {
                starts.Add(i);
                ends.Add(i + 1);
            }

            return (starts, ends);
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
