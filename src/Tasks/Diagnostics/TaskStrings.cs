using System.Globalization;
using System.Resources;

namespace S3Exchange.Build.Diagnostics;

/// <summary>The tasks' messages, Resources/Strings.resx: the one table of their texts and S3XB codes.</summary>
internal static class TaskStrings
{
    public static ResourceManager Resources { get; } = new("S3Exchange.Build.Resources.Strings", typeof(TaskStrings).Assembly);

    /// <summary>The text of <paramref name="name"/> with its arguments filled in (code prefix included).</summary>
    public static string Format(string name, params object[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Text(name), arguments);

    /// <summary>The text of <paramref name="name"/> without its code prefix, with its arguments filled in.</summary>
    public static string FormatWithoutCode(string name, params object[] arguments)
    {
        var text = Format(name, arguments);
        return Code(name) is { } code ? text[(code.Length + 1)..].TrimStart() : text;
    }

    /// <summary>The S3XB code an error message starts with, or null for a message without one.</summary>
    public static string? Code(string name)
    {
        var text = Text(name);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && text.StartsWith("S3XB", StringComparison.Ordinal) ? text[..colon] : null;
    }

    private static string Text(string name) =>
        Resources.GetString(name, CultureInfo.CurrentUICulture) ?? throw new ArgumentException($"No message named '{name}' in Resources/Strings.resx.", nameof(name));
}
