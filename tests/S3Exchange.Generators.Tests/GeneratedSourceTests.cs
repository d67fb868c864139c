using S3Exchange.Generators.Tests.Infrastructure;

namespace S3Exchange.Generators.Tests;

/// <summary>The generated sources, compared with the checked-in files under Expected/.</summary>
public sealed class GeneratedSourceTests
{
    [Fact]
    public void Attribute_with_string_placeholder_generates_expected_builder()
    {
        var (result, _) = GeneratorRunner.Run(Declarations.TrainingSamples);

        ExpectedFiles.AssertMatches("MyApp.Keys.TrainingSamples.g.cs", GeneratorRunner.GeneratedSource(result, "MyApp.Keys.TrainingSamples.S3Namespace.g.cs"));
    }

    [Fact]
    public void Typed_and_angle_bracket_placeholders_generate_typed_parameters()
    {
        var (result, _) = GeneratorRunner.Run(Declarations.TypedPlaceholders);

        ExpectedFiles.AssertMatches("MyApp.Keys.TypedRuns.g.cs", GeneratorRunner.GeneratedSource(result, "MyApp.Keys.TypedRuns.S3Namespace.g.cs"));
    }

    [Fact]
    public void Store_variables_stay_in_the_prefix_and_are_not_parameters()
    {
        var (result, _) = GeneratorRunner.Run(Declarations.StoreVariables);

        ExpectedFiles.AssertMatches("MyApp.Keys.ServiceSamples.g.cs", GeneratorRunner.GeneratedSource(result, "MyApp.Keys.ServiceSamples.S3Namespace.g.cs"));
    }

    [Fact]
    public void Nested_class_redeclares_its_containing_types_and_escapes_parameter_names()
    {
        var (result, _) = GeneratorRunner.Run(Declarations.NestedInGlobalNamespace);

        ExpectedFiles.AssertMatches("Outer.Middle_T_.Inner.g.cs", GeneratorRunner.GeneratedSource(result, "Outer.Middle_T_.Inner.S3Namespace.g.cs"));
    }

    [Fact]
    public void Msbuild_item_generates_expected_builder()
    {
        var (result, _) = GeneratorRunner.Run(
            "namespace Empty;",
            new MsBuildItem("TrainingSamples", "training/{job_id}/samples", "MyApp.Keys"));

        ExpectedFiles.AssertMatches("MyApp.Keys.TrainingSamples.FromItem.g.cs", GeneratorRunner.GeneratedSource(result, "MyApp.Keys.TrainingSamples.S3Namespace.g.cs"));
    }

    [Fact]
    public void Attribute_source_is_added_to_every_compilation()
    {
        var (result, _) = GeneratorRunner.Run("namespace Empty;");

        ExpectedFiles.AssertMatches("S3Exchange.S3NamespaceAttribute.g.cs", GeneratorRunner.GeneratedSource(result, "S3Exchange.S3NamespaceAttribute.g.cs"));
    }

    [Fact]
    public void Output_is_identical_across_runs()
    {
        var first = GeneratorRunner.GeneratedSource(GeneratorRunner.Run(Declarations.TypedPlaceholders).Result, "MyApp.Keys.TypedRuns.S3Namespace.g.cs");
        var second = GeneratorRunner.GeneratedSource(GeneratorRunner.Run(Declarations.TypedPlaceholders).Result, "MyApp.Keys.TypedRuns.S3Namespace.g.cs");

        Assert.Equal(first, second);
    }
}
