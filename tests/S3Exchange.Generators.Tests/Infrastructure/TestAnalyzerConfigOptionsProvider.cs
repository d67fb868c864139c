using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace S3Exchange.Generators.Tests.Infrastructure;

/// <summary>Analyzer config options as MSBuild's generated .editorconfig would give them: global properties and per-file item metadata.</summary>
internal sealed class TestAnalyzerConfigOptionsProvider(
    IReadOnlyDictionary<string, string> globalOptions,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> fileOptions) : AnalyzerConfigOptionsProvider
{
    private static readonly DictionaryOptions NoOptions = new(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(globalOptions);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => NoOptions;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        => fileOptions.TryGetValue(textFile.Path, out var options) ? new DictionaryOptions(options) : NoOptions;

    private sealed class DictionaryOptions(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
