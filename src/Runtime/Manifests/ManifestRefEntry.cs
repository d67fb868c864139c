namespace S3Exchange;

/// <summary>A <c>"kind":"manifest_ref"</c> entry: another manifest whose entries stand in its place.</summary>
public sealed class ManifestRefEntry : ManifestEntry
{
    /// <summary>Creates a reference to the manifest at <paramref name="key"/>.</summary>
    public ManifestRefEntry(string key)
    {
        Key = key;
    }

    /// <inheritdoc/>
    public override ManifestEntryKind Kind => ManifestEntryKind.ManifestRef;

    /// <summary>The referenced manifest's bucket key.</summary>
    public string Key { get; set; }
}
