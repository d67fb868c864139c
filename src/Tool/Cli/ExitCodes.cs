namespace S3Exchange.Tool.Cli;

/// <summary>The exit codes of <c>s3x</c>; README "s3x" lists them. Never renumber one once shipped.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>A request failed, the server could not be reached, or anything else went wrong.</summary>
    public const int Failure = 1;

    /// <summary>The command line or a setting cannot be used (System.CommandLine's own parse errors are 1; see README).</summary>
    public const int Usage = 2;

    /// <summary>The manifest, object or bucket named does not exist.</summary>
    public const int NotFound = 3;

    /// <summary>What was fetched or read differs from what the manifest records, or a path in it is unsafe.</summary>
    public const int Mismatch = 4;

    /// <summary>Cancelled (Ctrl-C): nothing was committed.</summary>
    public const int Cancelled = 130;
}
