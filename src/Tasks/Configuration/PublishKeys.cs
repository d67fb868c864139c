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
    public static PublishKeys Resolve(
        string? manifestTemplate,
        string? contentTemplate,
        string? publishNamespace,
        IEnumerable<ITaskItem>? namespaces,
        IReadOnlyDictionary<string, string> variables)
    {
        var manifest = manifestTemplate;
        if (!string.IsNullOrEmpty(publishNamespace))
        {
            var item = (namespaces ?? []).FirstOrDefault(n => string.Equals(n.ItemSpec, publishNamespace, StringComparison.Ordinal))
                ?? throw new BuildFailure(ErrorCodes.InvalidProperty, $"S3ExchangePublishNamespace is '{publishNamespace}', but no <S3ExchangeNamespace Include=\"{publishNamespace}\" Template=\"...\" /> item is declared. Declare it, or clear the property.");
            var template = item.GetMetadata("Template");
            if (string.IsNullOrEmpty(template))
            {
                throw new BuildFailure(ErrorCodes.BadTemplate, $"The S3ExchangeNamespace item '{publishNamespace}' has no Template metadata.");
            }

            manifest = KeyLayout.ManifestKey(template);
        }

        return new PublishKeys(
            ResolveTemplate(string.IsNullOrEmpty(manifest) ? DefaultManifestTemplate : manifest, variables),
            ResolveTemplate(string.IsNullOrEmpty(contentTemplate) ? DefaultContentTemplate : contentTemplate, variables));
    }

    private static string ResolveTemplate(string template, IReadOnlyDictionary<string, string> variables)
    {
        var key = KeyTemplate.HasPlaceholders(template)
            ? KeyTemplate.Parse(template).Resolve(variables)
            : KeyPath.Normalize(template);
        if (key.Length == 0)
        {
            throw new BuildFailure(ErrorCodes.BadTemplate, $"The key template '{template}' resolves to an empty key.");
        }

        return key;
    }
}
