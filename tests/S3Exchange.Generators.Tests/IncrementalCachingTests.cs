using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using S3Exchange.Generators.Tests.Infrastructure;

namespace S3Exchange.Generators.Tests;

/// <summary>
/// The pipeline's steps are cached across runs, and their outputs hold plain values only:
/// a symbol, syntax node or compilation in a model would keep old compilations alive and make
/// every step re-run on every keystroke.
/// </summary>
public sealed class IncrementalCachingTests
{
    private const string UnrelatedSource = "namespace Other;\n\ninternal static class Unrelated\n{\n}\n";

    private static readonly MsBuildItem Item = new("ItemSamples", "items/{id:int}", "MyApp.Keys", StoreVariables: "");

    private static readonly string[] StepNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void Editing_an_unrelated_file_leaves_every_step_cached()
    {
        var compilation = GeneratorRunner.CreateCompilation(Declarations.TrainingSamples, UnrelatedSource);
        var driver = GeneratorRunner.CreateDriver([Item], trackSteps: true).RunGenerators(compilation);

        var edited = ReplaceSource(compilation, "/project/Source1.cs", UnrelatedSource.Replace("{\n}", "{\n    internal const int Answer = 42;\n}", StringComparison.Ordinal));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(5, StepNames.Length);
        foreach (var name in StepNames)
        {
            Assert.True(second.TrackedSteps.TryGetValue(name, out var steps), $"Step {name} did not run.");
            var reasons = steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Step {name} output was {reason}."));
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
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
    public void Step_outputs_hold_no_compiler_objects()
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
                AssertHoldsNoCompilerObjects(output.Value, $"{name} output", new HashSet<object>(ReferenceEqualityComparer.Instance));
                walked++;
            }
        }

        Assert.True(walked >= StepNames.Length, "Every step should have produced output to inspect.");
    }

    private static Compilation ReplaceSource(Compilation compilation, string path, string newText)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(newText)));
    }

    private static void AssertHoldsNoCompilerObjects(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is DiagnosticDescriptor)
        {
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
                AssertHoldsNoCompilerObjects(item, $"{path}[{index++}]", visited);
            }

            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertHoldsNoCompilerObjects(field.GetValue(value), $"{path}.{field.Name}", visited);
        }
    }
}
