using System.Linq;
using Microsoft.CodeAnalysis;

namespace S3Exchange.Generators.Model
{
    /// <summary>
    /// A diagnostic to report, kept as equatable values (descriptor, location parts and message
    /// arguments) until the output stage turns it into a <see cref="Diagnostic"/>.
    /// </summary>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArgs)
            => new DiagnosticInfo(descriptor, location, new EquatableArray<string>(messageArgs));

        public Diagnostic ToDiagnostic()
            => Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, MessageArgs.Cast<object>().ToArray());
    }
}
