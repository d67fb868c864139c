namespace S3Exchange;

/// <summary>How <see cref="S3ExchangeStore.WriteManifestAsync"/> changes a manifest.</summary>
public enum ManifestWriteMode
{
    /// <summary>Replace the manifest with the given entries (<c>"overwrite"</c>).</summary>
    Overwrite,

    /// <summary>
    /// Write the entries to a new part file and add a <c>manifest_ref</c> to it at the end of
    /// the root manifest (<c>"append_parts"</c>); safe with concurrent writers.
    /// </summary>
    AppendParts,
}
