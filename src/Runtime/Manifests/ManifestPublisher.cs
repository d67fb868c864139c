namespace S3Exchange;

/// <summary>
/// Writes manifests: overwrite, and append_parts with the root guarded against concurrent
/// writers (conditional writes, or verify-and-repair where the server has none).
/// </summary>
internal sealed class ManifestPublisher(ObjectStorage storage, ManifestReader reader, S3ExchangeStoreOptions options)
{
    private const int MaxBackoffMilliseconds = 1000;

    // Set once the server has answered a conditional write with "not implemented" (Auto mode).
    private volatile bool conditionalWritesUnsupported;

    /// <summary>Replaces the manifest at <paramref name="key"/>.</summary>
    public Task OverwriteAsync(string key, IEnumerable<ManifestEntry> entries, CancellationToken cancellationToken) =>
        OverwriteAsync(key, ManifestJson.ToBytes(entries), cancellationToken);

    /// <summary>
    /// Writes <paramref name="entries"/> to a new part file, then adds a reference to it at the
    /// end of the root. Returns the part's key.
    /// </summary>
    public Task<string> AppendPartAsync(string rootKey, IEnumerable<ManifestEntry> entries, CancellationToken cancellationToken) =>
        AppendPartAsync(rootKey, ManifestJson.ToBytes(entries), cancellationToken);

    /// <summary>
    /// <see cref="AppendPartAsync(string, IEnumerable{ManifestEntry}, CancellationToken)"/> for
    /// entries already serialised as JSON Lines (the incremental writer serialises each entry
    /// once, as it is added).
    /// </summary>
    public async Task<string> AppendPartAsync(string rootKey, ReadOnlyMemory<byte> lines, CancellationToken cancellationToken)
    {
        var partKey = PartKeys.New(rootKey, DateTimeOffset.UtcNow);
        await OverwriteAsync(partKey, lines, cancellationToken).ConfigureAwait(false);
        var line = ManifestJson.ToBytes([new ManifestRefEntry(partKey)]);

        var useConditional = options.ConditionalWrites switch
        {
            ConditionalWriteMode.Required => true,
            ConditionalWriteMode.VerifyAndRepair => false,
            _ => !conditionalWritesUnsupported,
        };
        if (useConditional)
        {
            try
            {
                await AppendConditionallyAsync(rootKey, partKey, line, cancellationToken).ConfigureAwait(false);
                return partKey;
            }
            catch (ConditionalWritesNotSupportedException) when (options.ConditionalWrites == ConditionalWriteMode.Auto)
            {
                conditionalWritesUnsupported = true;
            }
        }

        await AppendVerifiedAsync(rootKey, partKey, line, cancellationToken).ConfigureAwait(false);
        return partKey;
    }

    private Task OverwriteAsync(string key, ReadOnlyMemory<byte> lines, CancellationToken cancellationToken) =>
        storage.PutAsync(ObjectStorage.NewPut(key, lines, ManifestJson.ContentType), cancellationToken);

    private async Task AppendConditionallyAsync(string rootKey, string partKey, byte[] line, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < options.ManifestUpdateAttempts; attempt++)
        {
            var current = await storage.TryReadAllAsync(rootKey, cancellationToken).ConfigureAwait(false);
            var content = Append(current?.Content, line);

            // No root yet: create it only if nobody else did meanwhile (If-None-Match: *).
            var written = await storage.TryPutConditionalAsync(rootKey, content, ManifestJson.ContentType, current?.ETag, cancellationToken).ConfigureAwait(false);
            if (written is not null)
            {
                return;
            }

            await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
        }

        throw new ManifestConflictException(rootKey, partKey, options.ManifestUpdateAttempts);
    }

    // Without conditional writes a concurrent writer can overwrite the root with a copy read
    // before our write. Waiting VerifyDelay and re-reading catches every such overwrite whose
    // read-to-write time is shorter than the delay; a missing reference is appended again.
    private async Task AppendVerifiedAsync(string rootKey, string partKey, byte[] line, CancellationToken cancellationToken)
    {
        var current = await reader.TryReadAllAsync(rootKey, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < options.ManifestUpdateAttempts; attempt++)
        {
            var content = Append(current?.Content, line);
            await storage.PutAsync(ObjectStorage.NewPut(rootKey, content, ManifestJson.ContentType), cancellationToken).ConfigureAwait(false);
            await Task.Delay(options.VerifyDelay + Jitter(options.VerifyDelay), cancellationToken).ConfigureAwait(false);
            current = await reader.TryReadAllAsync(rootKey, cancellationToken).ConfigureAwait(false);
            if (current is not null && References(current.Value.Entries, partKey))
            {
                return;
            }
        }

        throw new ManifestConflictException(rootKey, partKey, options.ManifestUpdateAttempts);
    }

    private static bool References(List<ManifestEntry> entries, string partKey) =>
        entries.Exists(e => e is ManifestRefEntry r && r.Key == partKey);

    // The previous root is kept byte for byte (fields of other writers included); only a
    // missing final newline is added before the new line.
    private static byte[] Append(byte[]? previous, byte[] line)
    {
        if (previous is null || previous.Length == 0)
        {
            return line;
        }

        var needsNewline = previous[^1] != (byte)'\n';
        var content = new byte[previous.Length + (needsNewline ? 1 : 0) + line.Length];
        previous.CopyTo(content, 0);
        if (needsNewline)
        {
            content[previous.Length] = (byte)'\n';
        }

        line.CopyTo(content, content.Length - line.Length);
        return content;
    }

    private static Task BackoffAsync(int attempt, CancellationToken cancellationToken)
    {
        var ceiling = Math.Min(MaxBackoffMilliseconds, 20 << Math.Min(attempt, 6));
        return Task.Delay(Random.Shared.Next(ceiling / 2, ceiling + 1), cancellationToken);
    }

    private static TimeSpan Jitter(TimeSpan delay) => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * delay.TotalMilliseconds / 2);
}
