namespace S3Exchange.Generators.Model
{
    /// <summary>What parsing one declaration produced: a model when it can be generated, and diagnostics.</summary>
    internal sealed record DeclarationResult(NamespaceModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
}
