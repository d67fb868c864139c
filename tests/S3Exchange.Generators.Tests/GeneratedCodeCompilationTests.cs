using Microsoft.CodeAnalysis;
using S3Exchange.Generators.Tests.Infrastructure;

namespace S3Exchange.Generators.Tests;

/// <summary>
/// The generated code compiled against the real S3Exchange runtime, with nullable reference
/// types, documentation comments checked and the highest warning level: not one diagnostic.
/// </summary>
public sealed class GeneratedCodeCompilationTests
{
    public static TheoryData<string> AttributeDeclarations => new()
    {
        Declarations.TrainingSamples,
        Declarations.TypedPlaceholders,
        Declarations.StoreVariables,
        Declarations.NestedInGlobalNamespace,
        Declarations.RecordClass,
    };

    [Theory]
    [MemberData(nameof(AttributeDeclarations))]
    public void Attribute_declaration_compiles_without_any_diagnostic(string source)
    {
        var (result, output) = GeneratorRunner.Run(source);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, result.Results.Single().GeneratedSources.Length);
        AssertNoDiagnostics(output);
    }

    [Fact]
    public void Msbuild_item_declarations_compile_without_any_diagnostic()
    {
        var (result, output) = GeneratorRunner.Run(
            "namespace Empty;",
            "MyApp",
            new MsBuildItem("TrainingSamples", "training/{job_id}/samples", "MyApp.Keys"),
            new MsBuildItem("ServiceRuns", "services/<service_name>/runs/{run:guid}", StoreVariables: "service_name"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(3, result.Results.Single().GeneratedSources.Length);
        Assert.NotNull(output.GetTypeByMetadataName("MyApp.ServiceRuns"));
        AssertNoDiagnostics(output);
    }

    [Fact]
    public void Calling_the_generated_api_compiles()
    {
        const string usage = """
            using S3Exchange;

            namespace MyApp.Keys;

            [S3Namespace("training/{job_id}/samples/{day:date}")]
            internal static partial class TrainingSamples;

            internal static class Usage
            {
                internal static async System.Threading.Tasks.Task<string> UseAsync(S3ExchangeStore store)
                {
                    NamespaceScope scope = TrainingSamples.For(jobId: "42", day: new System.DateOnly(2024, 5, 1));
                    await scope.PutObjectAsync(store, "0001.wav", new byte[] { 1 });
                    await using var stream = await scope.GetObjectAsync(store, "0001.wav");
                    await foreach (var item in scope.ReadObjectsAsync(store))
                    {
                        _ = item;
                    }

                    await scope.PutShardArchiveAsync(store, 0, System.Array.Empty<ShardItem>(), ShardCompression.None);
                    return scope.Prefix + scope.Key("a.txt") + scope.ManifestKey + scope.ShardKey(3) + scope.ShardKey(4, ShardCompression.Bzip2) + TrainingSamples.Template;
                }
            }
            """;

        var (_, output) = GeneratorRunner.Run(usage);

        AssertNoDiagnostics(output);
    }

    private static void AssertNoDiagnostics(Compilation output)
    {
        var diagnostics = output.GetDiagnostics();
        Assert.True(diagnostics.IsEmpty, string.Join(Environment.NewLine, diagnostics));
    }
}
