using System.Linq;
using Microsoft.CodeAnalysis;

namespace S3Exchange.Generators.Model
{
    /// <summary>
    /// A diagnostic to report: its descriptor, where it points and its message arguments, compared
    /// by value so the diagnostics branch of the pipeline can tell whether anything changed.
    /// </summary>
    /// <remarks>
    /// <see cref="Location"/> is a location in the declaration's own syntax tree (or null for an
    /// MSBuild item), so <c>#pragma warning disable</c> and per-file .editorconfig severities
    /// apply to it. It travels only through the diagnostics branch, never through the models the
    /// emitter caches (see <see cref="DeclarationResult"/>).
    /// </remarks>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, Location? Location, EquatableArray<string> MessageArgs)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] messageArgs)
            => new DiagnosticInfo(descriptor, location, new EquatableArray<string>(messageArgs));

        public Diagnostic ToDiagnostic()
            => Diagnostic.Create(Descriptor, Location ?? Location.None, MessageArgs.Cast<object>().ToArray());
    }
}
