namespace S3Exchange.Generators.Model
{
    /// <summary>All declarations of a compilation after duplicate types were set aside.</summary>
    internal sealed record GenerationPlan(EquatableArray<NamespaceModel> Models, EquatableArray<DiagnosticInfo> Diagnostics);
}
