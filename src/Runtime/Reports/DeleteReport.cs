namespace S3Exchange;

/// <summary>What <see cref="S3ExchangeStore.DeleteManifestAsync"/> removed (the reference's <c>DeleteReport</c>).</summary>
public sealed record DeleteReport
{
    /// <summary>Loose objects deleted (<c>deleted_object_count</c>).</summary>
    public int DeletedObjectCount { get; init; }

    /// <summary>Shard archives deleted (<c>deleted_archive_count</c>).</summary>
    public int DeletedArchiveCount { get; init; }

    /// <summary>Manifest files deleted, root and parts (<c>deleted_manifest_count</c>).</summary>
    public int DeletedManifestCount { get; init; }

    /// <summary>Keys the server refused to delete, with its message (<c>errors</c>).</summary>
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();
}
