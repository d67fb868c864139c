using Microsoft.CodeAnalysis;
using S3Exchange.Generators.Tests.Infrastructure;

namespace S3Exchange.Generators.Tests;

/// <summary>
/// Each diagnostic of an [S3Namespace] declaration, with the exact source span it underlines
/// (marked [| |] in the test source) and no builder generated for the broken declaration.
/// </summary>
public sealed class AttributeDiagnosticTests
{
    public static TheoryData<string, string> TemplateErrors => new()
    {
        { "S3X0001", "[|\"\"|]" },
        { "S3X0002", "\"training/[|{|]job_id/samples\"" },
        { "S3X0002", "\"training/[|<|]job_id/samples\"" },
        { "S3X0002", "\"training/job_id[|}|]/samples\"" },
        { "S3X0003", "\"training/[|{}|]/samples\"" },
        { "S3X0004", "\"training/[|{1job}|]/samples\"" },
        { "S3X0004", "\"training/[|{job-id}|]/samples\"" },
        { "S3X0005", "\"training/{job_id}/samples/[|<job_id>|]\"" },
        { "S3X0006", "\"training/[|{job_id:float}|]/samples\"" },
        { "S3X0007", "\"training/samples[|#|]1\"" },
        { "S3X0007", "\"training/samples[|\\\\|]1\"" },
        { "S3X0007", "\"training/samples[|\\t|]1\"" },
        { "S3X0008", "\"training[|//|]samples\"" },
        { "S3X0008", "\"training[|///|]samples\"" },
        { "S3X0009", "\"[|/|]training/samples\"" },
    };

    [Theory]
    [MemberData(nameof(TemplateErrors))]
    public void Template_error_is_reported_at_the_offending_characters(string id, string templateMarkup)
        => AssertSingleDiagnostic(id, $$"""
            namespace MyApp.Keys;

            [S3Exchange.S3Namespace({{templateMarkup}})]
            internal static partial class Samples;
            """);

    [Fact]
    public void Escaped_characters_are_located_through_their_escape_sequences()
        => AssertSingleDiagnostic("S3X0008", """
            [S3Exchange.S3Namespace("a\u0062c/\u00e9[|\u002F\u002F|]d")]
            internal static partial class Samples;
            """);

    [Fact]
    public void Characters_of_a_verbatim_literal_are_located_after_doubled_quotes()
        => AssertSingleDiagnostic("S3X0007", """
            [S3Exchange.S3Namespace(@"quote""d[|\|]x")]
            internal static partial class Samples;
            """);

    [Fact]
    public void Characters_of_a_raw_literal_are_located()
        => AssertSingleDiagnostic("S3X0007", """"
            [S3Exchange.S3Namespace("""raw/"quoted"[|#|]x""")]
            internal static partial class Samples;
            """");

    [Fact]
    public void Template_from_a_constant_is_located_at_the_whole_argument()
        => AssertSingleDiagnostic("S3X0009", """
            internal static class Templates
            {
                public const string Bad = "/leading";
            }

            [S3Exchange.S3Namespace([|Templates.Bad|])]
            internal static partial class Samples;
            """);

    [Fact]
    public void Class_that_is_not_partial_is_reported_at_its_name()
        => AssertSingleDiagnostic("S3X0010", """
            [S3Exchange.S3Namespace("training/{job_id}")]
            internal static class [|Samples|]
            {
            }
            """);

    [Fact]
    public void Class_nested_in_a_non_partial_type_is_reported_at_that_type()
        => AssertSingleDiagnostic("S3X0010", """
            internal static class [|Outer|]
            {
                [S3Exchange.S3Namespace("training/{job_id}")]
                internal static partial class Samples;
            }
            """);

    [Fact]
    public void Store_variable_missing_from_the_template_is_reported_at_its_string()
    {
        var (diagnostic, _) = AssertSingleDiagnostic("S3X0013", """
            [S3Exchange.S3Namespace("training/{job_id}", StoreVariables = new[] { [|"service_name"|] })]
            internal static partial class Samples;
            """, expectBuilder: true);

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("'service_name'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_template_error_kind_maps_to_its_own_diagnostic()
    {
        var ids = Enum.GetValues<S3Exchange.Keys.TemplateErrorKind>()
            .Select(kind => DiagnosticDescriptors.ForTemplateError(kind).Id)
            .ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Messages_name_the_declaration_and_the_problem()
    {
        var (diagnostic, _) = AssertSingleDiagnostic("S3X0006", """
            [S3Exchange.S3Namespace("training/[|{job_id:float}|]")]
            internal static partial class Samples;
            """);

        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("class 'Samples'", message);
        Assert.Contains("use string, int, long, guid or date", message);
    }

    internal static (Diagnostic Diagnostic, GeneratorDriverRunResult Result) AssertSingleDiagnostic(string id, string markup, bool expectBuilder = false)
    {
        var marked = SpanMarkup.Parse(markup);

        var (result, _) = GeneratorRunner.Run(marked.Source);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        // A location in the declaration's own tree (not an external file location): pragmas and per-file severities apply to it.
        Assert.Equal(LocationKind.SourceFile, diagnostic.Location.Kind);
        Assert.Equal("/project/Source0.cs", diagnostic.Location.SourceTree!.FilePath);
        Assert.Equal(marked.Source[marked.Span.Start..marked.Span.End], marked.Source[diagnostic.Location.SourceSpan.Start..diagnostic.Location.SourceSpan.End]);
        Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);
        Assert.Equal(Microsoft.CodeAnalysis.Text.SourceText.From(marked.Source).Lines.GetLinePositionSpan(marked.Span), diagnostic.Location.GetLineSpan().Span);
        var builders = result.Results.Single().GeneratedSources.Count(s => s.HintName.EndsWith(".S3Namespace.g.cs", StringComparison.Ordinal));
        Assert.Equal(expectBuilder ? 1 : 0, builders);
        return (diagnostic, result);
    }
}
