using Microsoft.Build.Framework;

namespace S3Exchange.Build.Configuration;

/// <summary>
/// The values a key template may use: the project's MSBuild identity (<c>{project}</c>,
/// <c>{version}</c>, <c>{configuration}</c>, <c>{target_framework}</c>, <c>{rid}</c>,
/// <c>{revision}</c>) and any <c>S3ExchangeVariable</c> items (<c>Include</c> = name,
/// <c>Value</c> = value), which win over the built-in ones.
/// </summary>
internal static class TemplateVariables
{
    /// <summary>The <c>{rid}</c> of a build without a runtime identifier (portable output).</summary>
    public const string AnyRid = "any";

    public static Dictionary<string, string> Build(
        string? project,
        string? version,
        string? configuration,
        string? targetFramework,
        string? runtimeIdentifier,
        string? sourceRevisionId,
        IEnumerable<ITaskItem>? extra)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(variables, "project", project);
        Add(variables, "version", version);
        Add(variables, "configuration", configuration);
        Add(variables, "target_framework", targetFramework);
        variables["rid"] = string.IsNullOrEmpty(runtimeIdentifier) ? AnyRid : runtimeIdentifier;
        Add(variables, "revision", sourceRevisionId);
        foreach (var item in extra ?? [])
        {
            Add(variables, item.ItemSpec, item.GetMetadata("Value"));
        }

        return variables;
    }

    // Empty values are left out, so a template that uses one fails as a missing variable
    // (S3XB005) instead of producing a key with an empty segment.
    private static void Add(Dictionary<string, string> variables, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            variables[name] = value;
        }
    }
}
