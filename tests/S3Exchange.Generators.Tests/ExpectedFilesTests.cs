using Xunit.Sdk;
using static S3Exchange.Generators.Tests.Infrastructure.ExpectedFiles;

namespace S3Exchange.Generators.Tests;

/// <summary>The snapshot switch: S3EXCHANGE_REGENERATE_EXPECTED=1 rewrites the expected files, except under CI=true.</summary>
public sealed class ExpectedFilesTests
{
    [Theory]
    [InlineData(null, null, nameof(SnapshotMode.Compare))]
    [InlineData("0", null, nameof(SnapshotMode.Compare))]
    [InlineData(null, "true", nameof(SnapshotMode.Compare))]
    [InlineData("1", null, nameof(SnapshotMode.Rewrite))]
    [InlineData("1", "false", nameof(SnapshotMode.Rewrite))]
    [InlineData("1", "true", nameof(SnapshotMode.Refused))]
    [InlineData("1", "TRUE", nameof(SnapshotMode.Refused))]
    public void Only_1_asks_for_a_rewrite_and_CI_true_refuses_it(string? regenerate, string? ci, string expected)
    {
        // By name: the mode is internal to the test project, and theory methods are public.
        Assert.Equal(expected, ModeFor(regenerate, ci).ToString());
    }

    [Fact]
    public void A_rewrite_under_CI_fails_the_test_saying_why_and_writes_no_file()
    {
        const string FileName = "RefusedRewrite.never.g.cs";
        var path = Path.Combine(Path.GetDirectoryName(ThisFile())!, "Expected", FileName);

        var ex = Assert.ThrowsAny<XunitException>(() => AssertMatches(FileName, "// anything", regenerate: "1", ci: "true", ThisFile()));

        Assert.Contains(RefusalMessage, ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path), $"{path} was written");
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
