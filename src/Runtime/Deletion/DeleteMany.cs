namespace S3Exchange;

/// <summary>
/// Deletes keys (in as many requests as it takes) and returns the keys the server refused,
/// with its message: <see cref="ObjectStorage.DeleteManyAsync"/>, or a stand-in in tests.
/// </summary>
internal delegate Task<IReadOnlyDictionary<string, string>> DeleteMany(IReadOnlyList<string> keys, CancellationToken cancellationToken);
