using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using S3Exchange.Generators.Tests.Infrastructure;

namespace S3Exchange.Generators.Tests;

/// <summary>
/// The pipeline's steps are cached across runs. The model steps hold plain values only: a
/// symbol, syntax node, compilation or location in a model would keep old compilations alive or
/// make the output re-run on every keystroke. Diagnostics travel apart, with locations in the
/// declarations' trees, so moving a declaration re-reports its diagnostics and nothing else.
/// </summary>
public sealed class IncrementalCachingTests
{
    private const string UnrelatedSource = "namespace Other;\n\ninternal static class Unrelated\n{\n}\n";

    private static readonly MsBuildItem Item = new("ItemSamples", "items/{id:int}", "MyApp.Keys", StoreVariables: "");

    // Steps that feed the source output: plain values, no location.
    private static readonly string[] ModelSteps =
    [
        TrackingNames.AttributeModels,
        TrackingNames.MsBuildItemDeclarations,
        TrackingNames.MergedDeclarations,
        TrackingNames.NamespaceModels,
    ];

    // Steps that feed the diagnostics output: they hold locations in the declarations' trees.
    private static readonly string[] DiagnosticSteps = [TrackingNames.AttributeDiagnostics, TrackingNames.Diagnostics];

    private static readonly string[] StepNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void Every_tracked_step_is_a_model_step_or_a_diagnostics_step()
        => Assert.Equal(StepNames.Order(), ModelSteps.Concat(DiagnosticSteps).Order());

    [Fact]
    public void Editing_an_unrelated_file_leaves_every_step_cached()
    {
        var compilation = GeneratorRunner.CreateCompilation(Declarations.TrainingSamples, UnrelatedSource);
        var driver = GeneratorRunner.CreateDriver([Item], trackSteps: true).RunGenerators(compilation);

        var edited = ReplaceSource(compilation, "/project/Source1.cs", UnrelatedSource.Replace("{\n}", "{\n    internal const int Answer = 42;\n}", StringComparison.Ordinal));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertCachedOrUnchanged(second, StepNames);
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Typing_a_line_above_a_declaration_leaves_the_models_and_the_source_output_cached()
    {
        var compilation = GeneratorRunner.CreateCompilation(Declarations.TrainingSamples, UnrelatedSource);
        var driver = GeneratorRunner.CreateDriver([Item], trackSteps: true).RunGenerators(compilation);

        var edited = ReplaceSource(compilation, "/project/Source0.cs", InsertLineAboveAttribute(Declarations.TrainingSamples));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // The declaration moved, so its tree was parsed again and the diagnostics branch saw the
        // new location; the model is equal, so nothing downstream of it ran.
        Assert.Contains(second.TrackedSteps[TrackingNames.AttributeDiagnostics].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        AssertCachedOrUnchanged(second, ModelSteps);
        var sourceOutputs = SourceOutputSteps(second);
        Assert.NotEmpty(sourceOutputs);
        Assert.All(sourceOutputs.SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Typing_a_line_above_a_declaration_with_a_warning_moves_the_warning_and_leaves_the_source_output_cached()
    {
        const string warned = """
            namespace MyApp.Keys;

            [S3Exchange.S3Namespace("training/{job_id}", StoreVariables = new[] { "service_name" })]
            internal static partial class Warned;
            """;
        var compilation = GeneratorRunner.CreateCompilation(warned);
        var driver = GeneratorRunner.CreateDriver([Item], trackSteps: true).RunGenerators(compilation);
        var firstLine = Assert.Single(driver.GetRunResult().Diagnostics).Location.GetLineSpan().StartLinePosition.Line;

        var edited = ReplaceSource(compilation, "/project/Source0.cs", InsertLineAboveAttribute(warned));
        driver = driver.RunGenerators(edited);
        var second = driver.GetRunResult();

        var moved = Assert.Single(second.Diagnostics);
        Assert.Equal("S3X0013", moved.Id);
        Assert.Equal(firstLine + 1, moved.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Same(edited.SyntaxTrees.Single(), moved.Location.SourceTree);
        AssertCachedOrUnchanged(second.Results.Single(), ModelSteps);
        Assert.All(SourceOutputSteps(second.Results.Single()).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_a_template_regenerates_only_that_declaration()
    {
        var other = """
            namespace MyApp.Keys;

            [S3Exchange.S3Namespace("other/{id}")]
            internal static partial class OtherSamples;
            """;
        var compilation = GeneratorRunner.CreateCompilation(Declarations.TrainingSamples, other);
        var driver = GeneratorRunner.CreateDriver([], trackSteps: true).RunGenerators(compilation);

        var edited = ReplaceSource(compilation, "/project/Source1.cs", other.Replace("other/{id}", "other/{id}/v2", StringComparison.Ordinal));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var models = second.TrackedSteps[TrackingNames.NamespaceModels].SelectMany(s => s.Outputs).ToList();
        Assert.Contains(models, o => o.Reason == IncrementalStepRunReason.Modified && ((dynamic)o.Value).TypeName == "OtherSamples");
        Assert.Contains(models, o => o.Reason == IncrementalStepRunReason.Unchanged && ((dynamic)o.Value).TypeName == "TrainingSamples");
    }

    [Fact]
    public void Model_steps_hold_no_compiler_objects_and_diagnostics_steps_only_source_locations()
    {
        var compilation = GeneratorRunner.CreateCompilation(
            Declarations.TrainingSamples,
            """
            [S3Exchange.S3Namespace("bad//{x}", StoreVariables = new[] { "y" })]
            internal static partial class Broken;
            """);
        var result = GeneratorRunner.CreateDriver([Item, new MsBuildItem("NoTemplate", null)], trackSteps: true)
            .RunGenerators(compilation)
            .GetRunResult()
            .Results.Single();

        var walked = 0;
        foreach (var name in StepNames)
        {
            foreach (var output in result.TrackedSteps[name].SelectMany(s => s.Outputs))
            {
                AssertHoldsNoCompilerObjects(output.Value, $"{name} output", allowSourceLocations: DiagnosticSteps.Contains(name), new HashSet<object>(ReferenceEqualityComparer.Instance));
                walked++;
            }
        }

        Assert.True(walked >= StepNames.Length, "Every step should have produced output to inspect.");
    }

    private static string InsertLineAboveAttribute(string source)
    {
        var attribute = source.IndexOf("[S3", StringComparison.Ordinal);
        return source[..attribute] + "// A line typed above the declaration.\n" + source[attribute..];
    }

    private static void AssertCachedOrUnchanged(GeneratorRunResult result, IEnumerable<string> stepNames)
    {
        foreach (var name in stepNames)
        {
            Assert.True(result.TrackedSteps.TryGetValue(name, out var steps), $"Step {name} did not run.");
            var reasons = steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Step {name} output was {reason}."));
        }
    }

    // The output steps that add sources: those fed by the NamespaceModels step (the other output reports diagnostics).
    private static List<IncrementalGeneratorRunStep> SourceOutputSteps(GeneratorRunResult result)
        => result.TrackedOutputSteps.SelectMany(s => s.Value)
            .Where(step => step.Inputs.Any(input => input.Source.Name == TrackingNames.NamespaceModels))
            .ToList();

    private static Compilation ReplaceSource(Compilation compilation, string path, string newText)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(newText)));
    }

    private static void AssertHoldsNoCompilerObjects(object? value, string path, bool allowSourceLocations, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is DiagnosticDescriptor)
        {
            return;
        }

        if (allowSourceLocations && value is Location location)
        {
            // A location in a tree of the compilation (what #pragma needs); not walked, as it holds that tree by design.
            Assert.True(location.Kind is LocationKind.SourceFile, $"{path} is a {location.Kind} location; diagnostics should point into source trees.");
            return;
        }

        Assert.False(
            value is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Location or AdditionalText or CSharpParseOptions,
            $"{path} holds a {value.GetType().Name}; models must hold plain values.");

        if (!value.GetType().IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable sequence)
        {
            var index = 0;
            foreach (var item in sequence)
            {
                AssertHoldsNoCompilerObjects(item, $"{path}[{index++}]", allowSourceLocations, visited);
            }

            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertHoldsNoCompilerObjects(field.GetValue(value), $"{path}.{field.Name}", allowSourceLocations, visited);
        }
    }
}
