using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace S3Exchange.Testing;

/// <summary>
/// What every S3Exchange package carries in its nuspec (docs/packaging.md), asserted one way for
/// the packages the build tests pack and the tool package the tool tests pack.
/// </summary>
public static partial class PackageMetadataAssert
{
    /// <summary>&lt;license type="expression"&gt;MIT&lt;/license&gt;.</summary>
    public static void MitLicenseExpression(PackageFile package)
    {
        var license = package.Element("license");
        Assert.NotNull(license);
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);
    }

    /// <summary>&lt;readme&gt;README.md&lt;/readme&gt;, and that file at the package root, titled with the package id.</summary>
    public static void Readme(PackageFile package, string packageId)
    {
        Assert.Equal("README.md", package.Element("readme")?.Value);
        Assert.Contains("README.md", package.Entries);
        var text = Encoding.UTF8.GetString(package.ReadAllBytes("README.md"));
        Assert.StartsWith($"# {packageId}\n", text, StringComparison.Ordinal);
        Assert.Contains(PackageFile.RepositoryUrl, text, StringComparison.Ordinal);
    }

    /// <summary>&lt;repository type="git" url=… commit=…&gt; naming the project's home and a full commit id, and the same &lt;projectUrl&gt;.</summary>
    public static string Repository(PackageFile package)
    {
        var repository = package.Element("repository");
        Assert.NotNull(repository);
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.Equal(PackageFile.RepositoryUrl, repository.Attribute("url")?.Value);
        var commit = repository.Attribute("commit")?.Value ?? "";
        Assert.Matches(CommitId(), commit);
        Assert.Equal(PackageFile.RepositoryUrl, package.Element("projectUrl")?.Value);
        return commit;
    }

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitId();
}
