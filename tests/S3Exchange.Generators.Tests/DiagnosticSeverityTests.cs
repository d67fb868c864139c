using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using S3Exchange.Generators.Tests.Infrastructure;

namespace S3Exchange.Generators.Tests;

/// <summary>
/// The generator's diagnostics are located in the declaring syntax tree, so the compiler applies
/// a <c>#pragma warning disable</c> around the declaration and a per-file .editorconfig
/// <c>dotnet_diagnostic.S3X00NN.severity</c> to them, as it does to its own warnings.
/// </summary>
public sealed class DiagnosticSeverityTests
{
    private const string Declaration = """
        [S3Exchange.S3Namespace("training/{job_id}", StoreVariables = new[] { "service_name" })]
        internal static partial class Warned;
        """;

    [Fact]
    public void Pragma_warning_disable_around_a_declaration_suppresses_its_warning()
    {
        var source = $"""
            namespace MyApp.Keys;

            #pragma warning disable S3X0013 // the store variable is kept on purpose
            {Declaration}
            #pragma warning restore S3X0013
            """;

        var diagnostic = Assert.Single(RunAndGetDiagnostics(GeneratorRunner.CreateCompilation(source)));

        Assert.Equal("S3X0013", diagnostic.Id);
        Assert.True(diagnostic.IsSuppressed, "The warning inside #pragma warning disable should be suppressed.");
    }

    [Fact]
    public void Warning_outside_the_pragma_is_not_suppressed()
    {
        var source = $"""
            namespace MyApp.Keys;

            #pragma warning disable S3X0013
            #pragma warning restore S3X0013
            {Declaration}
            """;

        var diagnostic = Assert.Single(RunAndGetDiagnostics(GeneratorRunner.CreateCompilation(source)));

        Assert.Equal("S3X0013", diagnostic.Id);
        Assert.False(diagnostic.IsSuppressed);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Theory]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    public void Editorconfig_severity_for_the_declaring_file_changes_the_warning(string setting, DiagnosticSeverity expected)
    {
        var editorconfig = $"""
            root = true

            [*.cs]
            dotnet_diagnostic.S3X0013.severity = {setting}
            """;

        var diagnostic = Assert.Single(RunAndGetDiagnostics(WithEditorconfig(GeneratorRunner.CreateCompilation($"namespace MyApp.Keys;\n\n{Declaration}"), editorconfig)));

        Assert.Equal("S3X0013", diagnostic.Id);
        Assert.Equal(expected, diagnostic.Severity);
    }

    [Fact]
    public void Editorconfig_severity_none_removes_the_warning()
    {
        const string editorconfig = """
            root = true

            [*.cs]
            dotnet_diagnostic.S3X0013.severity = none
            """;

        var diagnostics = RunAndGetDiagnostics(WithEditorconfig(GeneratorRunner.CreateCompilation($"namespace MyApp.Keys;\n\n{Declaration}"), editorconfig));

        Assert.DoesNotContain(diagnostics, d => d.Id == "S3X0013" && !d.IsSuppressed);
    }

    // The driver filters generator diagnostics through the compilation's options, as the compiler does in a build.
    private static ImmutableArray<Diagnostic> RunAndGetDiagnostics(Compilation compilation)
    {
        GeneratorRunner.CreateDriver([]).RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        return diagnostics;
    }

    // The compiler turns an .editorconfig's dotnet_diagnostic.*.severity into the compilation's
    // per-tree options; a section such as [*.cs] applies only to diagnostics located in a tree.
    private static Compilation WithEditorconfig(Compilation compilation, string editorconfig)
    {
        var set = AnalyzerConfigSet.Create(ImmutableArray.Create(AnalyzerConfig.Parse(editorconfig, "/project/.editorconfig")));
        return compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new EditorconfigTreeOptions(set)));
    }
}
