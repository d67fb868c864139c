namespace S3Exchange.Build.Diagnostics;

/// <summary>Every property a task could not use, found in one pass, so one build reports them all.</summary>
internal sealed class InvalidPropertiesException(IReadOnlyList<BuildFailure> problems) : Exception("Invalid S3Exchange properties.")
{
    public IReadOnlyList<BuildFailure> Problems { get; } = problems;
}
