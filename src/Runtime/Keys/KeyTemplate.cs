using System.Collections.Concurrent;
using S3Exchange.Keys;

namespace S3Exchange;

/// <summary>
/// A parsed key template such as <c>training/{job_id}/samples</c> (or <c>training/&lt;job_id&gt;/samples</c>).
/// Parsing is cached per template text, so resolving the same template again costs one lookup
/// plus the concatenation.
/// </summary>
public sealed class KeyTemplate
{
    private const int MaxCachedTemplates = 1024;
    private static readonly ConcurrentDictionary<string, KeyTemplate> Cache = new(StringComparer.Ordinal);

    private readonly ParsedKeyTemplate parsed;

    private KeyTemplate(ParsedKeyTemplate parsed)
    {
        this.parsed = parsed;
        Placeholders = parsed.DistinctPlaceholders.Select(p => p.Text).ToArray();
    }

    /// <summary>The template text.</summary>
    public string Text => parsed.Template;

    /// <summary>The placeholder names in order of first appearance.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>Whether <paramref name="key"/> contains placeholder syntax and needs resolving.</summary>
    public static bool HasPlaceholders(string key) => key.AsSpan().IndexOfAny('{', '<') >= 0;

    /// <summary>Parses <paramref name="template"/>; throws <see cref="InvalidKeyTemplateException"/> when it is malformed.</summary>
    public static KeyTemplate Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (Cache.TryGetValue(template, out var cached))
        {
            return cached;
        }

        var parsed = KeyTemplateGrammar.Parse(template, strict: false);
        if (parsed.Errors.Count > 0)
        {
            throw new InvalidKeyTemplateException(template, string.Join(" ", parsed.Errors.Select(e => e.Message)));
        }

        var result = new KeyTemplate(parsed);
        if (Cache.Count < MaxCachedTemplates)
        {
            Cache.TryAdd(template, result);
        }

        return result;
    }

    /// <summary>
    /// Throws <see cref="InvalidPlaceholderValueException"/> when <paramref name="value"/> cannot
    /// stand for <paramref name="placeholder"/>: empty, or containing '/', '#', '\', '..' or
    /// control characters. Generated key builders call this too.
    /// </summary>
    public static void ValidateValue(string placeholder, string value, string template)
    {
        ArgumentNullException.ThrowIfNull(value);
        var reason = KeyTemplateGrammar.ValidateValue(value);
        if (reason is not null)
        {
            throw new InvalidPlaceholderValueException(placeholder, value, template, reason);
        }
    }

    /// <summary>
    /// Substitutes every placeholder, taking values from <paramref name="variables"/> first and
    /// <paramref name="defaults"/> second, validates each value, and normalises the result.
    /// </summary>
    /// <exception cref="MissingPlaceholderException">A placeholder has no value.</exception>
    /// <exception cref="InvalidPlaceholderValueException">A value would leave its path segment.</exception>
    public string Resolve(
        IReadOnlyDictionary<string, string>? variables,
        IReadOnlyDictionary<string, string>? defaults = null)
    {
        var builder = new System.Text.StringBuilder(Text.Length + 32);
        foreach (var segment in parsed.Segments)
        {
            if (!segment.IsPlaceholder)
            {
                builder.Append(segment.Text);
                continue;
            }

            string? value = null;
            if (variables?.TryGetValue(segment.Text, out value) != true && defaults?.TryGetValue(segment.Text, out value) != true)
            {
                throw new MissingPlaceholderException(segment.Text, Text);
            }

            ValidateValue(segment.Text, value!, Text);
            builder.Append(value);
        }

        return KeyPath.Normalize(builder.ToString());
    }
}
