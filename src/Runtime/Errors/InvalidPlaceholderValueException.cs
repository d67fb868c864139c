namespace S3Exchange;

/// <summary>
/// A placeholder value would leave its path segment: it is empty or contains '/', '#', '\',
/// '..' or control characters.
/// </summary>
public sealed class InvalidPlaceholderValueException : S3ExchangeException
{
    /// <summary>Creates the exception.</summary>
    public InvalidPlaceholderValueException(string placeholder, string value, string template, string reason)
        : base($"Invalid value for placeholder '{{{placeholder}}}' in key template '{template}': {reason}. A value must stay within one path segment.")
    {
        Placeholder = placeholder;
        Value = value;
        Template = template;
    }

    /// <summary>The placeholder's name, without braces.</summary>
    public string Placeholder { get; }

    /// <summary>The rejected value.</summary>
    public string Value { get; }

    /// <summary>The template that names the placeholder.</summary>
    public string Template { get; }
}
