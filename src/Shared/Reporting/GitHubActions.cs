using System.Security.Cryptography;
using System.Text;

namespace S3Exchange.Reporting;

/// <summary>
/// The files a GitHub Actions step hands its results through: <c>$GITHUB_OUTPUT</c> (step
/// outputs, read as <c>steps.ID.outputs.NAME</c>) and <c>$GITHUB_STEP_SUMMARY</c> (Markdown shown
/// on the run's page). Outside Actions the variables are unset and nothing is written. The paths
/// are arguments (s3x reads the variables, the MSBuild targets pass them as task properties), so
/// nothing here depends on the process environment.
/// </summary>
internal static class GitHubActions
{
    /// <summary>The variable naming the step outputs file.</summary>
    public const string OutputVariable = "GITHUB_OUTPUT";

    /// <summary>The variable naming the step summary file.</summary>
    public const string SummaryVariable = "GITHUB_STEP_SUMMARY";

    /// <summary>Appends the outputs to the file at <paramref name="path"/>; returns the path, or null when it is empty.</summary>
    public static string? AppendOutputs(string? path, IEnumerable<KeyValuePair<string, string>> outputs)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in outputs)
        {
            if (value.AsSpan().IndexOfAny('\r', '\n') < 0)
            {
                text.Append(name).Append('=').Append(value).Append('\n');
                continue;
            }

            // A value over several lines goes between delimiters that cannot occur in it.
            var delimiter = "S3X_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
            text.Append(name).Append("<<").Append(delimiter).Append('\n').Append(value).Append('\n').Append(delimiter).Append('\n');
        }

        return Append(path, text.ToString());
    }

    /// <summary>Appends Markdown to the summary file at <paramref name="path"/>; returns the path, or null when it is empty.</summary>
    public static string? AppendStepSummary(string? path, string markdown) => Append(path, markdown);

    private static string? Append(string? path, string text)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        File.AppendAllText(path, text);
        return path;
    }
}
