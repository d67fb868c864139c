namespace S3Exchange;

/// <summary>How <see cref="ManifestWriteMode.AppendParts"/> guards the root manifest against concurrent writers.</summary>
public enum ConditionalWriteMode
{
    /// <summary>
    /// Use conditional writes (If-None-Match <c>*</c> to create, If-Match the read ETag to
    /// replace); when the server answers that it does not implement them, switch to
    /// <see cref="VerifyAndRepair"/> for the rest of the store's life.
    /// </summary>
    Auto,

    /// <summary>Use conditional writes; a server that does not implement them is an error.</summary>
    Required,

    /// <summary>
    /// For servers without conditional writes: write the root unconditionally, wait
    /// <see cref="S3ExchangeStoreOptions.VerifyDelay"/>, re-read it, and append again while the
    /// new reference is missing. This closes the lost-update window only when every writer's
    /// read-to-write time is shorter than the delay; prefer a server with conditional writes.
    /// </summary>
    VerifyAndRepair,
}
