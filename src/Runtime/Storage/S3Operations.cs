namespace S3Exchange;

/// <summary>The names of the S3 operations the store sends, as <see cref="S3OperationException.Operation"/> reports them.</summary>
internal static class S3Operations
{
    public const string GetObject = "GetObject";
    public const string HeadObject = "HeadObject";
    public const string PutObject = "PutObject";
    public const string CreateMultipartUpload = "CreateMultipartUpload";
    public const string UploadPart = "UploadPart";
    public const string CompleteMultipartUpload = "CompleteMultipartUpload";
    public const string AbortMultipartUpload = "AbortMultipartUpload";
    public const string DeleteObject = "DeleteObject";
    public const string DeleteObjects = "DeleteObjects";
    public const string ListObjectsV2 = "ListObjectsV2";
}
