namespace S3Exchange.Build.Diagnostics;

/// <summary>
/// A failure the tasks report as one MSBuild error: the name of its message in
/// Resources/Strings.resx (whose text starts with the S3XB code) and the message's arguments.
/// </summary>
internal sealed class BuildFailure : Exception
{
    public BuildFailure(string resourceName, object[] arguments, Exception? innerException = null)
        : base(TaskStrings.Format(resourceName, arguments), innerException)
    {
        ResourceName = resourceName;
        Arguments = arguments;
    }

    /// <summary>The message's name in Resources/Strings.resx.</summary>
    public string ResourceName { get; }

    /// <summary>The values of the message's placeholders.</summary>
    public object[] Arguments { get; }

    /// <summary>The S3XB code the message starts with.</summary>
    public string? Code => TaskStrings.Code(ResourceName);
}
