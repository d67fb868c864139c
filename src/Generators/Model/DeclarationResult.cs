namespace S3Exchange.Generators.Model
{
    /// <summary>
    /// What parsing one declaration produced, split in two for the two branches of the pipeline:
    /// the model the emitter uses (plain values, no locations, so moving the declaration in its
    /// file leaves it equal and the output cached) and the diagnostics with their source locations.
    /// </summary>
    /// <param name="Model">The builder to generate, or null when the declaration has an error.</param>
    /// <param name="Diagnostics">The declaration's diagnostics and what the duplicate-type check needs.</param>
    internal sealed record DeclarationResult(NamespaceModel? Model, DeclarationDiagnostics Diagnostics);
}
