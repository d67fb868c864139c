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
    public void Builder_for_a_one_placeholder_template_is_under_60_lines()
    {
        // The keys and store methods live in the runtime's NamespaceScope; only the template
        // constant and the typed factory are generated.
        var generated = GeneratorRunner.GeneratedSource(GeneratorRunner.Run(Declarations.TrainingSamples).Result, "MyApp.Keys.TrainingSamples.S3Namespace.g.cs");

        var lines = generated.Split('\n', StringSplitOptions.None).Length - 1;
        Assert.True(lines < 60, $"The generated builder has {lines} lines.");
        Assert.Contains("public static global::S3Exchange.NamespaceScope For(string jobId)", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("class Scope", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_code_attribute_carries_the_generator_assembly_version()
    {
        // The expected files hold a token instead of the version; this keeps the real one checked.
        var generated = GeneratorRunner.GeneratedSource(GeneratorRunner.Run(Declarations.TrainingSamples).Result, "MyApp.Keys.TrainingSamples.S3Namespace.g.cs");
        var version = typeof(S3NamespaceGenerator).Assembly.GetName().Version!.ToString();

        Assert.Contains($"[global::System.CodeDom.Compiler.GeneratedCode(\"S3Exchange.Generators\", \"{version}\")]", generated, StringComparison.Ordinal);
        Assert.DoesNotContain(ExpectedFiles.VersionToken, generated, StringComparison.Ordinal);
        Assert.Contains(ExpectedFiles.VersionToken, ExpectedFiles.ScrubVersion(generated), StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_identical_across_runs()
    {
        var first = GeneratorRunner.GeneratedSource(GeneratorRunner.Run(Declarations.TypedPlaceholders).Result, "MyApp.Keys.TypedRuns.S3Namespace.g.cs");
        var second = GeneratorRunner.GeneratedSource(GeneratorRunner.Run(Declarations.TypedPlaceholders).Result, "MyApp.Keys.TypedRuns.S3Namespace.g.cs");

        Assert.Equal(first, second);
    }
}
