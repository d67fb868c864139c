using Microsoft.CodeAnalysis;

namespace S3Exchange.Generators.Tests.Infrastructure;

/// <summary>Per-tree diagnostic severities read from .editorconfig files, as the compiler derives them in a build.</summary>
internal sealed class EditorconfigTreeOptions(AnalyzerConfigSet configs) : SyntaxTreeOptionsProvider
{
    public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

    public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        => configs.GetOptionsForSourcePath(tree.FilePath).TreeOptions.TryGetValue(diagnosticId, out severity);

    public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        => configs.GlobalConfigOptions.TreeOptions.TryGetValue(diagnosticId, out severity);
}
