using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace S3Exchange.Generators.Tests.Infrastructure;

/// <summary>Runs <see cref="S3NamespaceGenerator"/> over test sources and MSBuild items with <see cref="CSharpGeneratorDriver"/>.</summary>
internal static class GeneratorRunner
{
    /// <summary>Documentation comments are checked, so missing or broken XML docs in generated code show up as diagnostics.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static CSharpCompilation CreateCompilation(params string[] sources)
    {
        var trees = sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"/project/Source{i}.cs"));
        return CSharpCompilation.Create(
            "GeneratedCodeUnderTest",
            trees,
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                deterministic: true));
    }

    public static GeneratorDriver CreateDriver(IReadOnlyList<MsBuildItem> items, string? rootNamespace = null, bool trackSteps = false)
    {
        var globalOptions = new Dictionary<string, string>();
        if (rootNamespace != null)
        {
            globalOptions["build_property.RootNamespace"] = rootNamespace;
        }

        var optionsProvider = new TestAnalyzerConfigOptionsProvider(
            globalOptions,
            items.ToDictionary(i => i.Path, i => i.Metadata));
        return CSharpGeneratorDriver.Create(
            [new S3NamespaceGenerator().AsSourceGenerator()],
            items.Select(i => (AdditionalText)new InMemoryAdditionalText(i.Path)),
            ParseOptions,
            optionsProvider,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));
    }

    /// <summary>Runs the generator once; returns its result and the compilation with the generated sources added.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(string source, params MsBuildItem[] items)
        => Run(source, null, items);

    public static (GeneratorDriverRunResult Result, Compilation Output) Run(string source, string? rootNamespace, params MsBuildItem[] items)
    {
        var driver = CreateDriver(items, rootNamespace).RunGeneratorsAndUpdateCompilation(CreateCompilation(source), out var output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>The generated source whose hint name is <paramref name="hintName"/>.</summary>
    public static string GeneratedSource(GeneratorDriverRunResult result, string hintName)
    {
        var generated = result.Results.Single().GeneratedSources.SingleOrDefault(s => s.HintName == hintName);
        Assert.True(generated.HintName == hintName, $"No source '{hintName}' was generated; got: {string.Join(", ", result.Results.Single().GeneratedSources.Select(s => s.HintName))}");
        return generated.SourceText.ToString();
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The test host's trusted assemblies are the framework plus this project's dependencies,
        // among them the S3Exchange runtime the generated code calls.
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        Assert.Contains(paths, p => Path.GetFileName(p) == "S3Exchange.dll");
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
