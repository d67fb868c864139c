namespace S3Exchange;

/// <summary>Options of <see cref="S3ExchangeStore.CompactManifestAsync"/>.</summary>
public sealed record CompactOptions
{
    /// <summary>Replace <c>manifest_ref</c> entries by the entries they point to. Default true.</summary>
    public bool ResolveRefs { get; init; } = true;

    /// <summary>Replace shard entries by their members' file entries. Default false.</summary>
    public bool ExpandShards { get; init; }

    /// <summary>Drop repeated entries (same key, archive or reference), keeping the first. Default true.</summary>
    public bool Dedupe { get; init; } = true;
}
