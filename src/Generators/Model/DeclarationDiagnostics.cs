using Microsoft.CodeAnalysis;

namespace S3Exchange.Generators.Model
{
    /// <summary>
    /// What the diagnostics branch knows of one declaration: the problems found in it, and what
    /// the duplicate-type check needs (the type it would generate, its name in messages and where
    /// it is declared).
    /// </summary>
    /// <param name="GeneratedType">The full metadata name of the type it generates, or null when it generates nothing.</param>
    /// <param name="DisplayName">How messages name the declaration, e.g. <c>class 'Samples'</c>.</param>
    /// <param name="Location">The declared type's name in source, or null for an MSBuild item.</param>
    /// <param name="Diagnostics">The problems found while parsing it.</param>
    internal sealed record DeclarationDiagnostics(string? GeneratedType, string DisplayName, Location? Location, EquatableArray<DiagnosticInfo> Diagnostics);
}
