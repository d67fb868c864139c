// This file is compiled into both the runtime (S3Exchange) and the source generator
// (S3Exchange.Generators) as a linked source, so the template rules at compile time and at run
// time cannot drift. It must therefore compile for netstandard2.0 with no dependencies: no
// records, no spans in signatures, no APIs newer than netstandard2.0.
#nullable enable
using System.Collections.Generic;
using System.Text;

namespace S3Exchange.Keys
{
    /// <summary>The value type a placeholder declares with <c>{name:type}</c>.</summary>
    internal enum PlaceholderType
    {
        String,
        Int,
        Long,
        Guid,
        Date,
    }

    /// <summary>What is wrong with a template; the generator maps each to one diagnostic.</summary>
    internal enum TemplateErrorKind
    {
        Empty,
        UnbalancedBrace,
        EmptyPlaceholder,
        InvalidPlaceholderName,
        DuplicatePlaceholder,
        UnknownType,
        ForbiddenCharacter,
        DoubleSlash,
        LeadingSlash,
    }

    /// <summary>One problem in a template, with the character range it covers.</summary>
    internal sealed class TemplateError
    {
        public TemplateError(TemplateErrorKind kind, int start, int length, string message)
        {
            Kind = kind;
            Start = start;
            Length = length;
            Message = message;
        }

        public TemplateErrorKind Kind { get; }

        /// <summary>Offset of the offending text in the template string.</summary>
        public int Start { get; }

        public int Length { get; }

        public string Message { get; }
    }

    /// <summary>A literal run or a placeholder of a parsed template.</summary>
    internal sealed class TemplateSegment
    {
        public TemplateSegment(string literal, int start)
        {
            Text = literal;
            Start = start;
            Length = literal.Length;
        }

        public TemplateSegment(string name, PlaceholderType type, int start, int length)
        {
            Text = name;
            Type = type;
            IsPlaceholder = true;
            Start = start;
            Length = length;
        }

        public bool IsPlaceholder { get; }

        /// <summary>The literal text, or the placeholder's name.</summary>
        public string Text { get; }

        public PlaceholderType Type { get; }

        public int Start { get; }

        public int Length { get; }
    }

    /// <summary>The result of <see cref="KeyTemplateGrammar.Parse"/>: segments and any errors.</summary>
    internal sealed class ParsedKeyTemplate
    {
        public ParsedKeyTemplate(string template, List<TemplateSegment> segments, List<TemplateError> errors)
        {
            Template = template;
            Segments = segments;
            Errors = errors;
        }

        public string Template { get; }

        public IReadOnlyList<TemplateSegment> Segments { get; }

        public IReadOnlyList<TemplateError> Errors { get; }

        /// <summary>Placeholders in order of first appearance, each once.</summary>
        public IReadOnlyList<TemplateSegment> DistinctPlaceholders
        {
            get
            {
                var seen = new HashSet<string>();
                var result = new List<TemplateSegment>();
                foreach (var segment in Segments)
                {
                    if (segment.IsPlaceholder && seen.Add(segment.Text))
                    {
                        result.Add(segment);
                    }
                }

                return result;
            }
        }
    }

    /// <summary>
    /// The key template grammar: literal text with placeholders written <c>{name}</c> or
    /// <c>&lt;name&gt;</c>, optionally typed as <c>{name:int}</c>, <c>{name:long}</c>,
    /// <c>{name:guid}</c>, <c>{name:date}</c> or <c>{name:string}</c>. Names are ASCII letters,
    /// digits and <c>_</c>, not starting with a digit.
    /// </summary>
    internal static class KeyTemplateGrammar
    {
        /// <summary>
        /// Parses <paramref name="template"/>. In strict mode (compile time) duplicate
        /// placeholders, <c>#</c>, <c>\</c>, <c>//</c> and a leading <c>/</c> are errors; the
        /// runtime parses leniently because the reference accepts them (keys are normalised
        /// afterwards, and a runtime key may be a virtual <c>archive#member</c> key).
        /// </summary>
        public static ParsedKeyTemplate Parse(string template, bool strict)
        {
            var segments = new List<TemplateSegment>();
            var errors = new List<TemplateError>();
            if (template.Length == 0)
            {
                errors.Add(new TemplateError(TemplateErrorKind.Empty, 0, 0, "The template is empty."));
                return new ParsedKeyTemplate(template, segments, errors);
            }

            var names = new HashSet<string>();
            var literal = new StringBuilder();
            var literalStart = 0;
            var i = 0;
            while (i < template.Length)
            {
                var c = template[i];
                if (c == '{' || c == '<')
                {
                    var close = c == '{' ? '}' : '>';
                    var end = IndexOfCloseOrOpen(template, i + 1, close);
                    if (end < 0 || template[end] != close)
                    {
                        errors.Add(new TemplateError(
                            TemplateErrorKind.UnbalancedBrace,
                            i,
                            1,
                            $"'{c}' at position {i} has no matching '{close}'."));
                        i = end < 0 ? template.Length : end;
                        continue;
                    }

                    FlushLiteral(segments, literal, literalStart);
                    var body = template.Substring(i + 1, end - i - 1);
                    var placeholder = ParsePlaceholder(body, i, end - i + 1, strict, names, errors);
                    if (placeholder != null)
                    {
                        segments.Add(placeholder);
                    }

                    i = end + 1;
                    literalStart = i;
                    continue;
                }

                if (c == '}' || c == '>')
                {
                    errors.Add(new TemplateError(
                        TemplateErrorKind.UnbalancedBrace,
                        i,
                        1,
                        $"'{c}' at position {i} closes no placeholder."));
                }
                else if (char.IsControl(c) || (strict && (c == '#' || c == '\\')))
                {
                    errors.Add(new TemplateError(
                        TemplateErrorKind.ForbiddenCharacter,
                        i,
                        1,
                        $"Character {Describe(c)} at position {i} is not allowed in a key template ('#' starts a member name, '\\' and control characters are not portable)."));
                }
                else if (strict && c == '/' && i == 0)
                {
                    errors.Add(new TemplateError(
                        TemplateErrorKind.LeadingSlash,
                        0,
                        1,
                        "A key template must not start with '/'; keys are relative to the bucket and the base prefix."));
                }
                else if (strict && c == '/' && i + 1 < template.Length && template[i + 1] == '/' && template[i - 1] != '/')
                {
                    // One error for the whole run of slashes ("a///b" is one mistake, not two
                    // overlapping ones); i > 0 here, since a '/' at 0 is a leading slash.
                    var run = 2;
                    while (i + run < template.Length && template[i + run] == '/')
                    {
                        run++;
                    }

                    errors.Add(new TemplateError(
                        TemplateErrorKind.DoubleSlash,
                        i,
                        run,
                        $"'{new string('/', run)}' at position {i} makes an empty path segment; write a single '/'."));
                }

                if (literal.Length == 0)
                {
                    literalStart = i;
                }

                literal.Append(c);
                i++;
            }

            FlushLiteral(segments, literal, literalStart);
            return new ParsedKeyTemplate(template, segments, errors);
        }

        /// <summary>Whether <paramref name="name"/> is a valid placeholder name.</summary>
        public static bool IsValidName(string name)
        {
            if (name.Length == 0 || (name[0] >= '0' && name[0] <= '9'))
            {
                return false;
            }

            foreach (var ch in name)
            {
                var ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Why <paramref name="value"/> cannot stand for a placeholder, or null when it can. A
        /// value must stay inside one path segment: it may not be empty, contain '/', '#', '\',
        /// control characters, or be or contain '..'; nor placeholder brackets ('{', '}', '&lt;',
        /// '&gt;'), which would be read as a placeholder when the key is resolved again.
        /// </summary>
        public static string? ValidateValue(string value)
        {
            if (value.Length == 0)
            {
                return "the value is empty";
            }

            if (value.Contains(".."))
            {
                return "the value contains '..'";
            }

            foreach (var ch in value)
            {
                if (ch == '/' || ch == '#' || ch == '\\' || ch == '{' || ch == '}' || ch == '<' || ch == '>')
                {
                    return $"the value contains '{ch}'";
                }

                if (char.IsControl(ch))
                {
                    return $"the value contains the control character {Describe(ch)}";
                }
            }

            return null;
        }

        private static TemplateSegment? ParsePlaceholder(
            string body,
            int start,
            int length,
            bool strict,
            HashSet<string> names,
            List<TemplateError> errors)
        {
            if (body.Length == 0)
            {
                errors.Add(new TemplateError(
                    TemplateErrorKind.EmptyPlaceholder,
                    start,
                    length,
                    $"Empty placeholder at position {start}; write a name such as {{job_id}}."));
                return null;
            }

            var name = body;
            var type = PlaceholderType.String;
            var colon = body.IndexOf(':');
            if (colon >= 0)
            {
                name = body.Substring(0, colon);
                var typeName = body.Substring(colon + 1);
                if (!TryParseType(typeName, out type))
                {
                    errors.Add(new TemplateError(
                        TemplateErrorKind.UnknownType,
                        start,
                        length,
                        $"Placeholder '{name}' has unknown type '{typeName}'; use string, int, long, guid or date."));
                    return null;
                }
            }

            if (!IsValidName(name))
            {
                errors.Add(new TemplateError(
                    TemplateErrorKind.InvalidPlaceholderName,
                    start,
                    length,
                    $"'{name}' is not a valid placeholder name; use letters, digits and '_', not starting with a digit."));
                return null;
            }

            if (!names.Add(name) && strict)
            {
                errors.Add(new TemplateError(
                    TemplateErrorKind.DuplicatePlaceholder,
                    start,
                    length,
                    $"Placeholder '{name}' appears more than once; each placeholder may appear once."));
                return null;
            }

            return new TemplateSegment(name, type, start, length);
        }

        private static bool TryParseType(string typeName, out PlaceholderType type)
        {
            switch (typeName)
            {
                case "string":
                    type = PlaceholderType.String;
                    return true;
                case "int":
                    type = PlaceholderType.Int;
                    return true;
                case "long":
                    type = PlaceholderType.Long;
                    return true;
                case "guid":
                    type = PlaceholderType.Guid;
                    return true;
                case "date":
                    type = PlaceholderType.Date;
                    return true;
                default:
                    type = PlaceholderType.String;
                    return false;
            }
        }

        // Finds the closing bracket, or another opening bracket or a '/' (a placeholder never spans
        // a path segment, so either makes the first bracket unbalanced), or -1 at the end.
        private static int IndexOfCloseOrOpen(string template, int from, char close)
        {
            for (var j = from; j < template.Length; j++)
            {
                var ch = template[j];
                if (ch == close || ch == '{' || ch == '<' || ch == '/')
                {
                    return j;
                }
            }

            return -1;
        }

        private static void FlushLiteral(List<TemplateSegment> segments, StringBuilder literal, int start)
        {
            if (literal.Length > 0)
            {
                segments.Add(new TemplateSegment(literal.ToString(), start));
                literal.Length = 0;
            }
        }

        private static string Describe(char c) => char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";
    }
}
