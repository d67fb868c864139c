namespace S3Exchange;

/// <summary>A key template does not follow the template grammar.</summary>
public sealed class InvalidKeyTemplateException : S3ExchangeException
{
    /// <summary>Creates the exception for <paramref name="template"/>.</summary>
    public InvalidKeyTemplateException(string template, string reason)
        : base($"Invalid key template '{template}': {reason}")
    {
        Template = template;
    }

    /// <summary>The template at fault.</summary>
    public string Template { get; }
}
