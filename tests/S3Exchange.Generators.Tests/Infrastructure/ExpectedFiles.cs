using System.Runtime.CompilerServices;

namespace S3Exchange.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated text with checked-in files under Expected/. Set
/// S3EXCHANGE_REGENERATE_EXPECTED=1 to rewrite them from the current output (then review the
/// diff before committing). Under CI (<c>CI=true</c>) the switch is refused: there it would
/// make every snapshot test pass.
/// </summary>
internal static class ExpectedFiles
{
    public const string RegenerateVariable = "S3EXCHANGE_REGENERATE_EXPECTED";

    public static void AssertMatches(string fileName, string actual, [CallerFilePath] string callerPath = "")
    {
        var directory = Path.Combine(FindProjectDirectory(callerPath), "Expected");
        var path = Path.Combine(directory, fileName);
        if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1")
        {
            Assert.False(
                string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                $"{RegenerateVariable}=1 rewrites the expected files instead of comparing them; it is refused under CI=true.");
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Expected file {path} is missing; run the tests with {RegenerateVariable}=1 to create it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

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
