namespace S3Exchange;

/// <summary>What the server did with a conditional PutObject.</summary>
internal enum ConditionalPutOutcome
{
    /// <summary>The object was written.</summary>
    Written,

    /// <summary>412: the server judged the condition false (which may be wrong; see <see cref="ManifestPublisher"/>).</summary>
    PreconditionFailed,

    /// <summary>409: another conditional write to the same key was in progress; retry.</summary>
    Conflict,
}

/// <summary>The outcome of a conditional PutObject, and the new ETag when it was written.</summary>
internal readonly record struct ConditionalPutResult(ConditionalPutOutcome Outcome, string? ETag);
