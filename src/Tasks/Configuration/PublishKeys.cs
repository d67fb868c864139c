using Microsoft.Build.Framework;
using S3Exchange.Build.Diagnostics;

namespace S3Exchange.Build.Configuration;

/// <summary>
/// The two keys a publish writes under, resolved from templates: the manifest (one per build,
/// the commit point) and the content prefix (shards and loose objects, shared by every build of
/// the project so unchanged content is stored once). Keys are relative to the store's base prefix.
/// </summary>
internal sealed record PublishKeys(string ManifestKey, string ContentPrefix)
{
    public const string DefaultManifestTemplate = "artifacts/{project}/{version}/{rid}/manifest.jsonl";
    public const string DefaultContentTemplate = "artifacts/{project}/content";

    /// <summary>
    /// Resolves the templates. With <paramref name="publishNamespace"/>, the manifest key is that
    /// <c>S3ExchangeNamespace</c> item's template plus <c>/manifest.jsonl</c>: exactly the
    /// <c>ManifestKey</c> the source generator builds for it, so the app can read its own builds.
    /// </summary>
    /// <returns>The keys, or null when the namespace named is missing (the problem is in <paramref name="reader"/>).</returns>
    public static PublishKeys? Resolve(
        string? manifestTemplate,
        string? contentTemplate,
        string? publishNamespace,
        IEnumerable<ITaskItem>? namespaces,
        IReadOnlyDictionary<string, string> variables,
        PropertyReader reader)
    {
        var manifest = manifestTemplate;
        if (!string.IsNullOrEmpty(publishNamespace))
        {
            var item = (namespaces ?? []).FirstOrDefault(n => string.Equals(n.ItemSpec, publishNamespace, StringComparison.Ordinal));
            if (item is null)
            {
                reader.Add(new BuildFailure("UnknownPublishNamespace", [publishNamespace]));
                return null;
            }

            var template = item.GetMetadata("Template");
            if (string.IsNullOrEmpty(template))
            {
                reader.Add(new BuildFailure("NamespaceWithoutTemplate", [publishNamespace]));
                return null;
            }

            manifest = KeyLayout.ManifestKey(template);
        }

        return new PublishKeys(
            ResolveTemplate(string.IsNullOrEmpty(manifest) ? DefaultManifestTemplate : manifest, variables),
            ResolveTemplate(string.IsNullOrEmpty(contentTemplate) ? DefaultContentTemplate : contentTemplate, variables));
    }

    // A template without placeholders is resolved too: Resolve normalises it ('/' runs collapsed,
    // leading and trailing '/' removed), and a stray '}' or '>' or a control character is a
    // template error like in any other template.
    private static string ResolveTemplate(string template, IReadOnlyDictionary<string, string> variables)
    {
        var key = KeyTemplate.Parse(template).Resolve(variables);
        if (key.Length == 0)
        {
            throw new BuildFailure("EmptyKey", [template]);
        }

        return key;
    }
}
