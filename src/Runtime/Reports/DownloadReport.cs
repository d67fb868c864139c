namespace S3Exchange;

/// <summary>What a download of many objects wrote.</summary>
/// <param name="FileCount">Files written.</param>
/// <param name="TotalBytes">Bytes written.</param>
/// <param name="Files">Each written file's path below the target folder, '/'-separated, in manifest order.</param>
public sealed record DownloadReport(int FileCount, long TotalBytes, IReadOnlyList<string> Files);
