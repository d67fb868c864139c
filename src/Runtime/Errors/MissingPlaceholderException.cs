namespace S3Exchange;

/// <summary>A key template names a placeholder for which no value was given.</summary>
public sealed class MissingPlaceholderException : S3ExchangeException
{
    /// <summary>Creates the exception for <paramref name="placeholder"/> in <paramref name="template"/>.</summary>
    public MissingPlaceholderException(string placeholder, string template)
        : base($"No value for placeholder '{{{placeholder}}}' in key template '{template}'; pass it in the variables or the store's default variables.")
    {
        Placeholder = placeholder;
        Template = template;
    }

    /// <summary>The placeholder's name, without braces.</summary>
    public string Placeholder { get; }

    /// <summary>The template that names it.</summary>
    public string Template { get; }
}
