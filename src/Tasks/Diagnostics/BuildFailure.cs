namespace S3Exchange.Build.Diagnostics;

/// <summary>
/// A failure the tasks report as one MSBuild error: a code from <see cref="ErrorCodes"/> and a
/// message that says what went wrong and what to do about it.
/// </summary>
internal sealed class BuildFailure : Exception
{
    public BuildFailure(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    public string Code { get; }
}
