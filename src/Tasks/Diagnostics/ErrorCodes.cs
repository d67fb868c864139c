namespace S3Exchange.Build.Diagnostics;

/// <summary>
/// The one table of the tasks' error codes. Each is reported as an MSBuild error whose message
/// says what to do; docs/msbuild.md lists them. Never renumber a code once shipped.
/// </summary>
internal static class ErrorCodes
{
    /// <summary>The S3 server could not be reached (connection refused, DNS, timeout).</summary>
    public const string ServerUnreachable = "S3XB001";

    /// <summary>The bucket does not exist.</summary>
    public const string BucketMissing = "S3XB002";

    /// <summary>The server refused the credentials or the operation.</summary>
    public const string AccessDenied = "S3XB003";

    /// <summary>The manifest key template (or content prefix template) is not a valid template.</summary>
    public const string BadTemplate = "S3XB004";

    /// <summary>A template placeholder has no value.</summary>
    public const string MissingVariable = "S3XB005";

    /// <summary>The publish output has no files.</summary>
    public const string EmptyOutput = "S3XB006";

    /// <summary>A property has a value the tasks cannot use.</summary>
    public const string InvalidProperty = "S3XB007";

    /// <summary>A file to publish is missing, unreadable, or a symlink that dangles or leaves the publish folder.</summary>
    public const string BadPublishFile = "S3XB008";

    /// <summary>The manifest to download does not exist.</summary>
    public const string ManifestMissing = "S3XB009";

    /// <summary>A manifest member would be written outside the download folder.</summary>
    public const string UnsafePath = "S3XB010";

    /// <summary>A downloaded file's size or SHA-256 differs from what the manifest records.</summary>
    public const string IntegrityMismatch = "S3XB011";

    /// <summary>The build was cancelled while the task ran.</summary>
    public const string Cancelled = "S3XB012";

    /// <summary>A request kept failing after the SDK's retries: the server throttled or erred (5xx), or the connection broke.</summary>
    public const string RequestFailed = "S3XB013";

    /// <summary>Any other S3 or I/O failure.</summary>
    public const string Unexpected = "S3XB099";
}
