using S3Exchange.Testing;

namespace S3Exchange.Tool.Tests;

/// <summary>The metadata of the S3Exchange.Tool package the fixture packed and installed (docs/packaging.md).</summary>
[Collection("S3")]
public sealed class ToolPackageMetadataTests(InstalledTool tool)
{
    [Fact]
    public void Nuspec_declares_the_MIT_license_expression()
    {
        using var package = new PackageFile(tool.Package);
        PackageMetadataAssert.MitLicenseExpression(package);
    }

    [Fact]
    public void Package_carries_its_readme_and_the_nuspec_names_it()
    {
        using var package = new PackageFile(tool.Package);
        PackageMetadataAssert.Readme(package, "S3Exchange.Tool");
    }

    [Fact]
    public void Nuspec_names_the_git_repository_and_the_commit()
    {
        using var package = new PackageFile(tool.Package);
        PackageMetadataAssert.Repository(package);
    }
}
