using System.Globalization;
using Microsoft.CodeAnalysis;
using S3Exchange.Generators.Tests.Infrastructure;

namespace S3Exchange.Generators.Tests;

/// <summary>
/// Namespaces declared with &lt;S3ExchangeNamespace&gt; items, given to the driver the way
/// build/S3Exchange.targets gives them to the compiler: additional files plus item metadata.
/// </summary>
public sealed class MsBuildItemTests
{
    [Fact]
    public void Item_and_attribute_generate_the_same_members()
    {
        var fromAttribute = GeneratorRunner.GeneratedSource(GeneratorRunner.Run(Declarations.TrainingSamples).Result, "MyApp.Keys.TrainingSamples.S3Namespace.g.cs");
        var fromItem = GeneratorRunner.GeneratedSource(
            GeneratorRunner.Run("namespace Empty;", new MsBuildItem("TrainingSamples", "training/{job_id}/samples", "MyApp.Keys")).Result,
            "MyApp.Keys.TrainingSamples.S3Namespace.g.cs");

        // Only the class header differs: the item's part is the type's only declaration.
        Assert.Equal(MembersOf(fromAttribute), MembersOf(fromItem));
    }

    [Fact]
    public void Item_without_namespace_uses_the_root_namespace()
    {
        var (result, output) = GeneratorRunner.Run("namespace Empty;", "Company.Service", new MsBuildItem("Samples", "samples/{id}"));

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(output.GetTypeByMetadataName("Company.Service.Samples"));
    }

    [Fact]
    public void Item_store_variables_are_a_list()
    {
        var (result, output) = GeneratorRunner.Run(
            "namespace Empty;",
            new MsBuildItem("Samples", "{region}/{service_name}/samples/{id}", "Keys", StoreVariables: "service_name; region"));

        Assert.Empty(result.Diagnostics);
        var factory = output.GetTypeByMetadataName("Keys.Samples")!.GetMembers("For").OfType<IMethodSymbol>().Single();
        Assert.Equal(["id"], factory.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void Item_template_with_a_hash_reaches_the_generator_whole()
    {
        // The .editorconfig would cut "a#b" to "a" (and so hide the error) without the targets' encoding.
        var diagnostic = AssertSingleItemDiagnostic("S3X0007", new MsBuildItem("Samples", "samples#1/{id}", "Keys"));

        Assert.Contains("'#'", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("a#b;c~23", "a#b;c~23")]
    [InlineData("plain", "plain")]
    [InlineData("~zz~", "~zz~")]
    public void Metadata_encoding_round_trips(string value, string expected)
    {
        var encoded = S3Exchange.Generators.Parsing.MsBuildMetadata.Encode(value);

        Assert.DoesNotContain('#', encoded);
        Assert.DoesNotContain(';', encoded);
        Assert.Equal(expected, S3Exchange.Generators.Parsing.MsBuildMetadata.Decode(encoded));
    }

    [Fact]
    public void Item_without_template_is_reported_by_name()
    {
        var diagnostic = AssertSingleItemDiagnostic("S3X0012", new MsBuildItem("Samples", Template: null, "Keys"));

        Assert.Contains("item 'Samples' has no Template", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Item_template_error_is_reported_by_item_name()
    {
        var diagnostic = AssertSingleItemDiagnostic("S3X0008", new MsBuildItem("Samples", "samples//{id}", "Keys"));

        Assert.Contains("MSBuild item 'Samples'", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Item_store_variable_missing_from_the_template_is_reported_by_item_name()
    {
        var diagnostic = AssertSingleItemDiagnostic("S3X0013", new MsBuildItem("Samples", "samples/{id}", "Keys", StoreVariables: "service_name"), expectBuilder: true);

        Assert.Contains("MSBuild item 'Samples'", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Contains("'service_name'", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("Training-Samples", "Keys", "'Training-Samples' is not a valid C# type name")]
    [InlineData("Samples", "Keys.1st", "'Keys.1st' is not a valid C# namespace")]
    public void Item_name_or_namespace_that_is_not_an_identifier_is_reported(string name, string typeNamespace, string expectedMessagePart)
    {
        var diagnostic = AssertSingleItemDiagnostic("S3X0014", new MsBuildItem(name, "samples/{id}", typeNamespace));

        Assert.Contains(expectedMessagePart, diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Attribute_and_item_generating_the_same_type_are_both_reported_and_neither_generated()
    {
        var marked = SpanMarkup.Parse("""
            namespace MyApp.Keys;

            [S3Exchange.S3Namespace("training/{job_id}")]
            internal static partial class [|TrainingSamples|];
            """);

        var (result, _) = GeneratorRunner.Run(marked.Source, new MsBuildItem("TrainingSamples", "other/{id}", "MyApp.Keys"));

        Assert.Equal(2, result.Diagnostics.Length);
        Assert.All(result.Diagnostics, d => Assert.Equal("S3X0011", d.Id));
        Assert.Contains(result.Diagnostics, d => d.Location.SourceSpan == marked.Span && d.Location.GetLineSpan().Path == "/project/Source0.cs");
        Assert.Contains(result.Diagnostics, d => d.Location == Location.None && d.GetMessage(CultureInfo.InvariantCulture).StartsWith("MSBuild item 'TrainingSamples' and class 'TrainingSamples'", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Results.Single().GeneratedSources, s => s.HintName.EndsWith(".S3Namespace.g.cs", StringComparison.Ordinal));
    }

    private static Diagnostic AssertSingleItemDiagnostic(string id, MsBuildItem item, bool expectBuilder = false)
    {
        var (result, _) = GeneratorRunner.Run("namespace Empty;", item);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(Location.None, diagnostic.Location);
        var builders = result.Results.Single().GeneratedSources.Count(s => s.HintName.EndsWith(".S3Namespace.g.cs", StringComparison.Ordinal));
        Assert.Equal(expectBuilder ? 1 : 0, builders);
        return diagnostic;
    }

    private static string MembersOf(string generated)
        => generated[generated.IndexOf("/// <summary>The key template this namespace was declared with.</summary>", StringComparison.Ordinal)..];
}
