using System.Text;

namespace S3Exchange;

/// <summary>
/// Parses the text of a <c>.env</c> file: <c>KEY=value</c> lines, optionally after <c>export</c>;
/// blank lines and <c>#</c> comment lines; an unquoted value ends at a <c>#</c> that follows
/// whitespace and is trimmed; a <c>'single-quoted'</c> value is literal; a <c>"double-quoted"</c>
/// value understands <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\"</c> and <c>\\</c> (any other backslash
/// stays as written); quoted values may span lines. No variable expansion. LF or CRLF line
/// endings, a leading byte order mark is ignored; a key set twice keeps its last value.
/// </summary>
internal static class DotEnvParser
{
    /// <summary>The values of <paramref name="text"/>, read from <paramref name="source"/> (a path, for messages).</summary>
    /// <exception cref="FormatException">A line is not one of the above; the message names <paramref name="source"/> and the line.</exception>
    public static Dictionary<string, string> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Reader(text, source);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!reader.AtEnd)
        {
            if (reader.ReadAssignment() is var (key, value))
            {
                values[key] = value;
            }
        }

        return values;
    }

    private sealed class Reader(string text, string source)
    {
        private int position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        private int line = 1;

        public bool AtEnd => position >= text.Length;

        private char Current => text[position];

        private bool AtLineEnd => AtEnd || Current is '\n' || (Current is '\r' && position + 1 < text.Length && text[position + 1] == '\n');

        /// <summary>Reads one line (more when a quoted value spans lines) and its line break; null for a blank or comment line.</summary>
        public (string Key, string Value)? ReadAssignment()
        {
            SkipBlanks();
            if (AtLineEnd || Current == '#')
            {
                SkipToNextLine();
                return null;
            }

            var startLine = line;
            var rest = RestOfLine();
            if (rest.StartsWith("export", StringComparison.Ordinal) && rest.Length > "export".Length && IsBlank(rest["export".Length]))
            {
                position += "export".Length;
                SkipBlanks();
                rest = RestOfLine();
            }

            var equals = rest.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw Error(startLine, "expected KEY=value.");
            }

            var key = rest[..equals].Trim(' ', '\t');
            if (!IsKey(key))
            {
                throw Error(startLine, key.Length == 0 ? "expected KEY=value, the key is empty." : $"'{key}' is not a variable name (letters, digits, '_', '.' or '-', not starting with a digit).");
            }

            position += equals + 1;
            SkipBlanks();
            var value = AtLineEnd ? string.Empty
                : Current == '\'' ? ReadSingleQuoted(startLine)
                : Current == '"' ? ReadDoubleQuoted(startLine)
                : ReadUnquoted();
            EndLineAfterValue(startLine);
            return (key, value);
        }

        private string ReadUnquoted()
        {
            var start = position;
            while (!AtLineEnd)
            {
                // A '#' starts a comment only after whitespace (the blank before the value counts).
                if (Current == '#' && IsBlank(text[position - 1]))
                {
                    break;
                }

                position++;
            }

            return text[start..position].Trim(' ', '\t');
        }

        private string ReadSingleQuoted(int startLine)
        {
            position++;
            var value = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw Error(startLine, "the value's opening ' is never closed.");
                }

                if (Current == '\'')
                {
                    position++;
                    return value.ToString();
                }

                AppendCharacterOrLineBreak(value);
            }
        }

        private string ReadDoubleQuoted(int startLine)
        {
            position++;
            var value = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw Error(startLine, "the value's opening \" is never closed.");
                }

                if (Current == '"')
                {
                    position++;
                    return value.ToString();
                }

                if (Current == '\\' && position + 1 < text.Length && Escaped(text[position + 1]) is { } escaped)
                {
                    value.Append(escaped);
                    position += 2;
                    continue;
                }

                AppendCharacterOrLineBreak(value);
            }
        }

        private static char? Escaped(char c) => c switch
        {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            '"' => '"',
            '\\' => '\\',
            _ => null,
        };

        /// <summary>Appends the current character; a line break inside quotes (LF or CRLF) becomes one LF.</summary>
        private void AppendCharacterOrLineBreak(StringBuilder value)
        {
            if (Current == '\r' && position + 1 < text.Length && text[position + 1] == '\n')
            {
                position++;
            }

            if (Current == '\n')
            {
                line++;
            }

            value.Append(Current);
            position++;
        }

        /// <summary>After a value only blanks and a comment may follow on its line.</summary>
        private void EndLineAfterValue(int startLine)
        {
            SkipBlanks();
            if (!AtLineEnd && Current != '#')
            {
                throw Error(line, line == startLine
                    ? $"unexpected '{RestOfLine().TrimEnd()}' after the closing quote."
                    : $"unexpected '{RestOfLine().TrimEnd()}' after the closing quote of the value that starts on line {startLine}.");
            }

            SkipToNextLine();
        }

        private void SkipBlanks()
        {
            while (!AtEnd && IsBlank(Current))
            {
                position++;
            }
        }

        private void SkipToNextLine()
        {
            while (!AtLineEnd)
            {
                position++;
            }

            if (!AtEnd)
            {
                position += Current == '\r' ? 2 : 1;
                line++;
            }
        }

        private string RestOfLine()
        {
            var end = text.IndexOf('\n', position);
            end = end < 0 ? text.Length : end;
            if (end > position && text[end - 1] == '\r')
            {
                end--;
            }

            return text[position..end];
        }

        private static bool IsBlank(char c) => c is ' ' or '\t';

        private static bool IsKey(string key) =>
            key.Length > 0 && !char.IsAsciiDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

        private FormatException Error(int lineNumber, string message) => new($"{source}, line {lineNumber}: {message}");
    }
}
