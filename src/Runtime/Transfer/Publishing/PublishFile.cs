namespace S3Exchange;

/// <summary>One file of the publish output, as it will be stored and verified.</summary>
/// <param name="RelativePath">Its path below the publish folder, '/'-separated: the member path in a shard, the download path on fetch.</param>
/// <param name="SourcePath">Where its bytes are read from (a symlink's final target).</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="Sha256">The lowercase hex SHA-256 of its content.</param>
/// <param name="UnixMode">Its permission bits (e.g. 0755 for the app host).</param>
public sealed record PublishFile(string RelativePath, string SourcePath, long SizeBytes, string Sha256, int UnixMode)
{
    /// <summary>The mode as the manifest records it: four octal digits, e.g. "0755".</summary>
    public string OctalMode => FileModes.ToOctal(UnixMode);
}
