using System.Runtime.CompilerServices;

namespace S3Exchange.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated text with checked-in files under Expected/. Set
/// S3EXCHANGE_REGENERATE_EXPECTED=1 to rewrite them from the current output (then review the
/// diff before committing). Under CI (<c>CI=true</c>) the switch is refused: there it would
/// make every snapshot test pass. The generator's version in <c>[GeneratedCode]</c> is replaced
/// by <see cref="VersionToken"/> on both sides, so a version bump does not rewrite every file.
/// </summary>
internal static class ExpectedFiles
{
    public const string RegenerateVariable = "S3EXCHANGE_REGENERATE_EXPECTED";

    /// <summary>What the expected files hold where the generated code has the generator's version.</summary>
    public const string VersionToken = "{generator-version}";

    /// <summary>Why a snapshot test fails when it is asked to rewrite under CI.</summary>
    public const string RefusalMessage = RegenerateVariable + "=1 rewrites the expected files instead of comparing them; it is refused under CI=true.";

    /// <summary>What a snapshot test does.</summary>
    public enum SnapshotMode
    {
        /// <summary>Compare with the expected file.</summary>
        Compare,

        /// <summary>Rewrite the expected file from the output.</summary>
        Rewrite,

        /// <summary>Fail: a rewrite was asked for under CI, where it would make every snapshot test pass.</summary>
        Refused,
    }

    /// <summary>
    /// The mode for the values of <see cref="RegenerateVariable"/> and <c>CI</c> (null when
    /// unset): a rewrite only for <c>1</c>, and never when <c>CI</c> is <c>true</c> (any case).
    /// </summary>
    public static SnapshotMode ModeFor(string? regenerate, string? ci) =>
        regenerate != "1" ? SnapshotMode.Compare
        : string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) ? SnapshotMode.Refused
        : SnapshotMode.Rewrite;

    /// <summary>Compares <paramref name="actual"/> with Expected/<paramref name="fileName"/>, or rewrites it, as the process environment says.</summary>
    public static void AssertMatches(string fileName, string actual, [CallerFilePath] string callerPath = "") =>
        AssertMatches(fileName, actual, Environment.GetEnvironmentVariable(RegenerateVariable), Environment.GetEnvironmentVariable("CI"), callerPath);

    /// <summary>
    /// <see cref="AssertMatches(string, string, string)"/> with the values of
    /// <see cref="RegenerateVariable"/> and <c>CI</c> given, so the decision can be tested
    /// without touching the environment.
    /// </summary>
    public static void AssertMatches(string fileName, string actual, string? regenerate, string? ci, string callerPath)
    {
        actual = ScrubVersion(actual);
        var directory = Path.Combine(FindProjectDirectory(callerPath), "Expected");
        var path = Path.Combine(directory, fileName);
        var mode = ModeFor(regenerate, ci);
        Assert.True(mode != SnapshotMode.Refused, RefusalMessage);
        if (mode == SnapshotMode.Rewrite)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Expected file {path} is missing; run the tests with {RegenerateVariable}=1 to create it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    /// <summary>
    /// <paramref name="generated"/> with the version argument of every <c>[GeneratedCode]</c>
    /// replaced by <see cref="VersionToken"/>; only that argument, so a version elsewhere still differs.
    /// </summary>
    public static string ScrubVersion(string generated)
        => generated.Replace(GeneratedCodeArguments(GeneratorInfo.Version), GeneratedCodeArguments(VersionToken), StringComparison.Ordinal);

    private static string GeneratedCodeArguments(string version) => $"GeneratedCode(\"{GeneratorInfo.Name}\", \"{version}\")";

    private static string FindProjectDirectory(string callerPath)
    {
        for (var directory = Path.GetDirectoryName(callerPath); directory != null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "S3Exchange.Generators.Tests.csproj")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException($"No test project directory above {callerPath}.");
    }
}
