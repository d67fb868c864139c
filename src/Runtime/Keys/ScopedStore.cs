namespace S3Exchange;

/// <summary>
/// A store seen under one prefix template with some variables fixed (the reference's scoped
/// store): <see cref="Key"/>, <see cref="ManifestKey"/> and <see cref="ShardPrefix"/> build keys
/// to pass to <see cref="Store"/>.
/// </summary>
public sealed class ScopedStore
{
    private readonly Dictionary<string, string> variables;

    internal ScopedStore(S3ExchangeStore store, string prefixTemplate, IReadOnlyDictionary<string, string>? variables)
    {
        Store = store;
        PrefixTemplate = prefixTemplate;
        this.variables = variables is null ? [] : new Dictionary<string, string>(variables, StringComparer.Ordinal);
    }

    /// <summary>The store the keys are for.</summary>
    public S3ExchangeStore Store { get; }

    /// <summary>The prefix template this scope stands under.</summary>
    public string PrefixTemplate { get; }

    /// <summary>The variables this scope fixes.</summary>
    public IReadOnlyDictionary<string, string> Variables => variables;

    /// <summary>
    /// <c>{prefix}/{name}</c> with the scope's variables (and <paramref name="extra"/>) filled
    /// in, relative to the store's base prefix, ready to pass to any store method.
    /// </summary>
    public string Key(string name, IReadOnlyDictionary<string, string>? extra = null) =>
        Resolve(KeyPath.Join(PrefixTemplate, name), extra);

    /// <summary><c>{prefix}/{name}/manifest.jsonl</c>.</summary>
    public string ManifestKey(string name, IReadOnlyDictionary<string, string>? extra = null) =>
        Resolve(KeyPath.Join(PrefixTemplate, name, "manifest.jsonl"), extra);

    /// <summary><c>{prefix}/{name}/shards</c>.</summary>
    public string ShardPrefix(string name, IReadOnlyDictionary<string, string>? extra = null) =>
        Resolve(KeyPath.Join(PrefixTemplate, name, "shards"), extra);

    private string Resolve(string template, IReadOnlyDictionary<string, string>? extra)
    {
        if (!KeyTemplate.HasPlaceholders(template))
        {
            return template;
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
