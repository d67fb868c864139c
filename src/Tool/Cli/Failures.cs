namespace S3Exchange.Tool.Cli;

/// <summary>
/// What a failed command prints (one line on stderr, naming the key, path or setting at fault)
/// and the exit code it ends with. The runtime's exceptions already name what is at fault.
/// </summary>
internal static class Failures
{
    public static int Report(Exception exception, TextWriter error, bool cancelled)
    {
        var (code, message) = exception switch
        {
            OperationCanceledException when cancelled => (ExitCodes.Cancelled, "cancelled; nothing half-written was left (no manifest, no open multipart upload, no temporary file)."),
            UsageException usage => (ExitCodes.Usage, usage.Message),
            ArgumentException argument => (ExitCodes.Usage, argument.Message),
            ManifestNotFoundException or ObjectNotFoundException or BucketNotFoundException => (ExitCodes.NotFound, exception.Message),
            ContentMismatchException or InvalidMemberPathException => (ExitCodes.Mismatch, exception.Message),
            S3ExchangeException => (ExitCodes.Failure, exception.Message),
            _ => (ExitCodes.Failure, $"{exception.GetType().Name}: {exception.Message}"),
        };
        error.WriteLine("s3x: " + message.ReplaceLineEndings(" "));
        return code;
    }
}
