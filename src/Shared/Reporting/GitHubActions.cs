using System.Security.Cryptography;
using System.Text;

namespace S3Exchange.Reporting;

/// <summary>
/// The files a GitHub Actions step hands its results through: <c>$GITHUB_OUTPUT</c> (step
/// outputs, read as <c>steps.ID.outputs.NAME</c>) and <c>$GITHUB_STEP_SUMMARY</c> (Markdown shown
/// on the run's page). Outside Actions the variables are unset and nothing is written.
/// </summary>
internal static class GitHubActions
{
    /// <summary>Appends the outputs to <c>$GITHUB_OUTPUT</c>; returns its path, or null when it is not set.</summary>
    public static string? AppendOutputs(IEnumerable<KeyValuePair<string, string>> outputs)
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

        return Append("GITHUB_OUTPUT", text.ToString());
    }

    /// <summary>Appends Markdown to <c>$GITHUB_STEP_SUMMARY</c>; returns its path, or null when it is not set.</summary>
    public static string? AppendStepSummary(string markdown) => Append("GITHUB_STEP_SUMMARY", markdown);

    private static string? Append(string variable, string text)
    {
        var path = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        File.AppendAllText(path, text);
        return path;
    }
}
