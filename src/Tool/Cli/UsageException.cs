namespace S3Exchange.Tool.Cli;

/// <summary>A flag, argument or setting that cannot be used; exit code <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class UsageException(string message) : Exception(message);
