namespace S3Exchange;

/// <summary>
/// A sharded put failed (see <see cref="Exception.InnerException"/>), wrote no manifest, and could not
/// delete every archive it had uploaded: <see cref="RemainingArchiveKeys"/> are still in the
/// bucket, named by no manifest of this call. Delete them, or run the put again (it writes the
/// same keys).
/// </summary>
public sealed class ShardCleanupException : S3ExchangeException
{
    private const int KeysInMessage = 5;

    /// <summary>Creates the exception.</summary>
    /// <param name="manifestKey">The manifest the put was for (full bucket key).</param>
    /// <param name="remainingArchiveKeys">The archives that could not be deleted.</param>
    /// <param name="failure">Why the put failed.</param>
    /// <param name="deleteFailure">Why deleting failed, when the delete request itself failed.</param>
    public ShardCleanupException(string manifestKey, IReadOnlyCollection<string> remainingArchiveKeys, Exception failure, Exception? deleteFailure = null)
        : base(Describe(manifestKey, remainingArchiveKeys, failure, deleteFailure), failure)
    {
        ManifestKey = manifestKey;
        RemainingArchiveKeys = remainingArchiveKeys;
        DeleteFailure = deleteFailure;
    }

    /// <summary>The manifest the put was for; it was not written.</summary>
    public string ManifestKey { get; }

    /// <summary>The full bucket keys of the archives left behind.</summary>
    public IReadOnlyCollection<string> RemainingArchiveKeys { get; }

    /// <summary>Why the delete request failed; null when the server refused single keys.</summary>
    public Exception? DeleteFailure { get; }

    private static string Describe(string manifestKey, IReadOnlyCollection<string> remaining, Exception failure, Exception? deleteFailure)
    {
        var keys = string.Join(", ", remaining.Take(KeysInMessage).Select(k => $"'{k}'")) + (remaining.Count > KeysInMessage ? $" and {remaining.Count - KeysInMessage} more" : string.Empty);
        var why = deleteFailure is null ? string.Empty : $" ({deleteFailure.Message})";
        return $"Putting the shards of '{manifestKey}' failed ({failure.Message}); no manifest was written, but {remaining.Count} archives could not be deleted{why}: {keys}.";
    }
}
