namespace S3Exchange;

/// <summary>
/// A store seen under one namespace: a prefix template with some variables fixed (the
/// reference's scoped store). The prefix template names the namespace itself, so
/// <c>Scope("training/{job_id}/samples", …)</c> has its manifest at
/// <c>training/123/samples/manifest.jsonl</c>. Its layout keys come from the
/// <see cref="NamespaceScope"/> it resolves to (<see cref="Namespace"/>), the same type a
/// generated key builder returns, so both give the same keys (docs/keys.md).
/// </summary>
public sealed class ScopedStore
{
    private readonly Dictionary<string, string> variables;
    private NamespaceScope? resolved;

    internal ScopedStore(S3ExchangeStore store, string prefixTemplate, IReadOnlyDictionary<string, string>? variables)
    {
        Store = store;
        PrefixTemplate = prefixTemplate;
        this.variables = variables is null ? [] : new Dictionary<string, string>(variables, StringComparer.Ordinal);
    }

    /// <summary>The store the keys are for.</summary>
    public S3ExchangeStore Store { get; }

    /// <summary>The namespace's prefix template.</summary>
    public string PrefixTemplate { get; }

    /// <summary>The variables this scope fixes.</summary>
    public IReadOnlyDictionary<string, string> Variables => variables;

    /// <summary>
    /// The namespace with its placeholders filled from <paramref name="extra"/>, the scope's
    /// <see cref="Variables"/> and the store's default variables, in that order.
    /// </summary>
    /// <param name="extra">Values for placeholders the scope does not fix, or null.</param>
    /// <returns>The namespace's keys, relative to the store's base prefix, ready to pass to any store method.</returns>
    /// <exception cref="MissingPlaceholderException">A placeholder has no value.</exception>
    /// <exception cref="InvalidPlaceholderValueException">A value is empty or would leave its path segment.</exception>
    public NamespaceScope Namespace(IReadOnlyDictionary<string, string>? extra = null)
    {
        if (extra is { Count: > 0 })
        {
            return new NamespaceScope(Resolve(PrefixTemplate, extra));
        }

        // Neither the scope's variables nor the store's options change, so one resolution serves every call.
        return resolved ??= new NamespaceScope(Resolve(PrefixTemplate, null));
    }

    /// <summary>
    /// <c>{prefix}/{name}</c> with the scope's variables (and <paramref name="extra"/>) filled
    /// in, relative to the store's base prefix, ready to pass to any store method.
    /// <paramref name="name"/> may hold placeholders of its own.
    /// </summary>
    /// <param name="name">The key below the namespace's prefix, such as <c>0001.wav</c>.</param>
    /// <param name="extra">Values for placeholders the scope does not fix, or null.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="MissingPlaceholderException">A placeholder has no value.</exception>
    /// <exception cref="InvalidPlaceholderValueException">A value is empty or would leave its path segment.</exception>
    public string Key(string name, IReadOnlyDictionary<string, string>? extra = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Resolve(KeyPath.Join(PrefixTemplate, name), extra);
    }

    /// <summary>The namespace's manifest, <c>{prefix}/manifest.jsonl</c>: <see cref="NamespaceScope.ManifestKey"/> of <see cref="Namespace"/>.</summary>
    /// <param name="extra">Values for placeholders the scope does not fix, or null.</param>
    /// <returns>The manifest key.</returns>
    /// <exception cref="MissingPlaceholderException">A placeholder has no value.</exception>
    /// <exception cref="InvalidPlaceholderValueException">A value is empty or would leave its path segment.</exception>
    public string ManifestKey(IReadOnlyDictionary<string, string>? extra = null) => Namespace(extra).ManifestKey;

    /// <summary>The folder of the namespace's shard archives, <c>{prefix}/shards</c>: <see cref="NamespaceScope.ShardFolder"/> of <see cref="Namespace"/>.</summary>
    /// <param name="extra">Values for placeholders the scope does not fix, or null.</param>
    /// <returns>The shard folder.</returns>
    /// <exception cref="MissingPlaceholderException">A placeholder has no value.</exception>
    /// <exception cref="InvalidPlaceholderValueException">A value is empty or would leave its path segment.</exception>
    public string ShardFolder(IReadOnlyDictionary<string, string>? extra = null) => Namespace(extra).ShardFolder;

    /// <summary>The key of shard archive <paramref name="index"/>, <c>{prefix}/shards/shard-00000.tar.gz</c>: <see cref="NamespaceScope.ShardKey"/> of <see cref="Namespace"/>.</summary>
    /// <param name="index">The shard's number, from 0.</param>
    /// <param name="compression">The archive's compression, which names its extension.</param>
    /// <param name="extra">Values for placeholders the scope does not fix, or null.</param>
    /// <returns>The archive key.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative, or <paramref name="compression"/> is not a <see cref="ShardCompression"/> value.</exception>
    /// <exception cref="MissingPlaceholderException">A placeholder has no value.</exception>
    /// <exception cref="InvalidPlaceholderValueException">A value is empty or would leave its path segment.</exception>
    public string ShardKey(int index, ShardCompression compression = ShardCompression.Gzip, IReadOnlyDictionary<string, string>? extra = null) =>
        Namespace(extra).ShardKey(index, compression);

    private string Resolve(string template, IReadOnlyDictionary<string, string>? extra)
    {
        if (!KeyTemplate.HasPlaceholders(template))
        {
            return KeyPath.Normalize(template);
        }

        var merged = variables;
        if (extra is { Count: > 0 })
        {
            merged = new Dictionary<string, string>(variables, StringComparer.Ordinal);
            foreach (var (name, value) in extra)
            {
                merged[name] = value;
            }
        }

        return KeyTemplate.Parse(template).Resolve(merged, Store.Options.DefaultVariables);
    }
}
