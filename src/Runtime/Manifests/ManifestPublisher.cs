namespace S3Exchange;

/// <summary>
/// Writes manifests: overwrite, and append_parts with the root guarded against concurrent
/// writers (conditional writes, or verify-and-repair where the server has none).
/// </summary>
internal sealed class ManifestPublisher(ObjectStorage storage, ManifestReader reader, S3ExchangeStoreOptions options)
{
    private const int MaxBackoffMilliseconds = 1000;

    private readonly ConditionalWriteSupport conditions = new(options.ConditionalWrites, options.TrustsConditionalWrites, storage.Logger, storage.Bucket);

    /// <summary>What the publisher has found out about the server's conditional writes.</summary>
    public ConditionalWriteStatus ConditionalWrites => conditions.Status;

    /// <summary>
    /// Writes a manifest: replaces it, or with <see cref="ManifestWriteMode.AppendParts"/> writes
    /// the entries to a new part file and references it from the root.
    /// </summary>
    public Task WriteAsync(string key, IEnumerable<ManifestEntry> entries, ManifestWriteMode mode, CancellationToken cancellationToken) =>
        mode == ManifestWriteMode.AppendParts
            ? AppendPartAsync(key, entries, cancellationToken)
            : OverwriteAsync(key, entries, cancellationToken);

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
    /// <remarks>
    /// When a conditional append fails, the part file is deleted unless the root turns out to
    /// reference it after all (the write went through and only its answer was lost: then the
    /// append has succeeded). A part stays only when that cannot be known (the root cannot be
    /// read), and after a failed verify-and-repair append, where a writer holding an older copy
    /// of the root may still write the reference back.
    /// </remarks>
    public async Task<string> AppendPartAsync(string rootKey, ReadOnlyMemory<byte> lines, CancellationToken cancellationToken)
    {
        var partKey = PartKeys.New(rootKey, DateTimeOffset.UtcNow);
        var partETag = await OverwriteAsync(partKey, lines, cancellationToken).ConfigureAwait(false);
        var line = ManifestJson.ToBytes([new ManifestRefEntry(partKey)]);

        if (conditions.Status.UsesConditionalWrites)
        {
            try
            {
                // Not the caller's token: other first appends may be waiting for the same probe.
                await conditions.EnsureProbedAsync(() => ProbeAsync(partKey, lines, partETag, CancellationToken.None)).ConfigureAwait(false);
                if (conditions.Status.UsesConditionalWrites && await AppendConditionallyAsync(rootKey, partKey, line, cancellationToken).ConfigureAwait(false))
                {
                    return partKey;
                }
            }
            catch (Exception ex)
            {
                var referenced = await IsReferencedAsync(rootKey, partKey).ConfigureAwait(false);
                if (referenced is true && ex is not OperationCanceledException)
                {
                    return partKey;
                }

                if (referenced is false)
                {
                    await DeleteUnreferencedPartAsync(rootKey, partKey).ConfigureAwait(false);
                }

                throw;
            }
        }

        await AppendVerifiedAsync(rootKey, partKey, line, cancellationToken).ConfigureAwait(false);
        return partKey;
    }

    /// <summary>Replaces the manifest at <paramref name="key"/> with JSON Lines already serialised.</summary>
    public Task<string?> OverwriteAsync(string key, ReadOnlyMemory<byte> lines, CancellationToken cancellationToken) =>
        storage.PutAsync(ObjectStorage.NewPut(key, lines, ManifestJson.ContentType), cancellationToken);

    // Once a store, before any root is written conditionally: rewrite the new part (same bytes)
    // with If-Match its ETag, quoted as AWS documents, then bare. What the server accepts tells
    // how to send the condition, and whether conditions can guard appends at all.
    private async Task ProbeAsync(string partKey, ReadOnlyMemory<byte> lines, string? partETag, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(partETag))
        {
            return;
        }

        try
        {
            var quoted = await storage.TryPutConditionalAsync(partKey, lines, ManifestJson.ContentType, partETag, bareETag: false, cancellationToken).ConfigureAwait(false);
            if (quoted.Outcome != ConditionalPutOutcome.PreconditionFailed)
            {
                return;
            }

            var bare = await storage.TryPutConditionalAsync(partKey, lines, ManifestJson.ContentType, partETag, bareETag: true, cancellationToken).ConfigureAwait(false);
            if (bare.Outcome == ConditionalPutOutcome.Written)
            {
                conditions.UseBareETags(partKey);
                return;
            }

            RefusesHoldingConditions($"The server refused If-Match with the ETag of the unchanged '{partKey}', quoted and bare", partKey);
        }
        catch (ConditionalWritesNotSupportedException) when (conditions.Mode == ConditionalWriteMode.Auto)
        {
            conditions.FallBack($"The server answered a conditional write of '{partKey}' with 501 Not Implemented; appends use verify-and-repair.");
        }
    }

    private void RefusesHoldingConditions(string behaviour, string key)
    {
        if (conditions.Mode == ConditionalWriteMode.Required)
        {
            throw new ConditionalWritesNotSupportedException(key, behaviour + ".");
        }

        conditions.FallBack(behaviour + "; appends use verify-and-repair.");
    }

    // True once the reference is in the root; false when the server turned out to refuse
    // conditions that hold and the mode allows verify-and-repair instead.
    private async Task<bool> AppendConditionallyAsync(string rootKey, string partKey, byte[] line, CancellationToken cancellationToken)
    {
        // The previous round's write, when the server refused its condition (412).
        (string? SentETag, bool SentBare)? refused = null;
        var wrote = false;
        for (var attempt = 0; attempt < options.ManifestUpdateAttempts; attempt++)
        {
            var current = await storage.TryReadAllAsync(rootKey, cancellationToken).ConfigureAwait(false);

            // A refused condition means "another writer changed the root" only if the root did
            // change; an unchanged ETag (or a root still missing) means the server refused a
            // condition that holds. An append only ever grows the root, so equal ETags cannot
            // hide a change. This round's read answers it; no HEAD of its own.
            if (refused is { } last && string.Equals(current?.ETag, last.SentETag, StringComparison.Ordinal))
            {
                RefusesHoldingConditions(
                    current is null
                        ? $"The server refused If-None-Match: * for '{rootKey}', which does not exist"
                        : $"The server refused If-Match with the current ETag of '{rootKey}' ({(last.SentBare ? "bare" : "quoted")})",
                    rootKey);
                return false;
            }

            // An earlier attempt may have written the reference although its answer was lost
            // (connection cut, SDK retry refused), or its read-back is due: appending it again
            // would list the part twice.
            if (attempt > 0 && current is not null && References(current.Value.Content, rootKey, partKey))
            {
                return true;
            }

            if (wrote)
            {
                // Written and answered 200, yet gone on the read-back: another writer replaced it.
                RecordRepair(rootKey, partKey, attempt);
            }

            var content = Append(current?.Content, line);
            var status = conditions.Status;

            // No root yet: create it only if nobody else did meanwhile (If-None-Match: *).
            var put = await storage.TryPutConditionalAsync(rootKey, content, ManifestJson.ContentType, current?.ETag, status.SendsBareETags, cancellationToken).ConfigureAwait(false);
            refused = put.Outcome == ConditionalPutOutcome.PreconditionFailed ? (current?.ETag, status.SendsBareETags) : null;
            wrote = put.Outcome == ConditionalPutOutcome.Written;
            if (wrote)
            {
                if (!status.VerifiesAfterWrite)
                {
                    return true;
                }

                // A write checked before the server's lock can still be replaced by one that
                // started before it landed; the next round's read tells whether ours stands.
                await Task.Delay(options.VerifyDelay + Jitter(options.VerifyDelay), cancellationToken).ConfigureAwait(false);
                continue;
            }

            S3ExchangeTelemetry.AppendRetries.Add(1);
            S3ExchangeLog.ManifestAppendConflict(storage.Logger, partKey, rootKey, attempt + 1, options.ManifestUpdateAttempts);
            await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
        }

        throw new ManifestConflictException(rootKey, partKey, options.ManifestUpdateAttempts);
    }

    // Null when the root cannot be read (the server is gone): then nobody can tell.
    private async Task<bool?> IsReferencedAsync(string rootKey, string partKey)
    {
        try
        {
            var root = await storage.TryReadAllAsync(rootKey, CancellationToken.None).ConfigureAwait(false);
            return root is not null && References(root.Value.Content, rootKey, partKey);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    private async Task DeleteUnreferencedPartAsync(string rootKey, string partKey)
    {
        try
        {
            await storage.DeleteAsync(partKey, CancellationToken.None).ConfigureAwait(false);
            S3ExchangeLog.UnreferencedPartDeleted(storage.Logger, partKey, rootKey);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The append's own failure is what the caller needs to see; the part is
            // unreferenced, so readers never meet it.
        }
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

            if (attempt + 1 < options.ManifestUpdateAttempts)
            {
                RecordRepair(rootKey, partKey, attempt + 1);
            }
        }

        throw new ManifestConflictException(rootKey, partKey, options.ManifestUpdateAttempts);
    }

    private void RecordRepair(string rootKey, string partKey, int attempt)
    {
        S3ExchangeTelemetry.AppendRetries.Add(1);
        S3ExchangeLog.ManifestAppendRepaired(storage.Logger, partKey, rootKey, attempt, options.ManifestUpdateAttempts);
    }

    private static bool References(List<ManifestEntry> entries, string partKey) =>
        entries.Exists(e => e is ManifestRefEntry r && r.Key == partKey);

    private static bool References(byte[] root, string rootKey, string partKey) =>
        References(ManifestLines.Parse(root, rootKey), partKey);

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
