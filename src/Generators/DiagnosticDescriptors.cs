using System.Resources;
using Microsoft.CodeAnalysis;
using S3Exchange.Keys;

namespace S3Exchange.Generators
{
    /// <summary>
    /// Every diagnostic the generator reports. Ids are stable (S3X0001…) and documented in
    /// docs/generator.md; titles and messages are in Resources/Strings.resx (<c>{Name}Title</c>,
    /// <c>{Name}Message</c>), and each message says how to fix the problem.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        public const string Category = "S3Exchange";

        private static readonly ResourceManager Strings = new ResourceManager("S3Exchange.Generators.Resources.Strings", typeof(DiagnosticDescriptors).Assembly);

        public static readonly DiagnosticDescriptor EmptyTemplate = Error("S3X0001", nameof(EmptyTemplate));

        public static readonly DiagnosticDescriptor UnbalancedBrace = Error("S3X0002", nameof(UnbalancedBrace));

        public static readonly DiagnosticDescriptor EmptyPlaceholder = Error("S3X0003", nameof(EmptyPlaceholder));

        public static readonly DiagnosticDescriptor InvalidPlaceholderName = Error("S3X0004", nameof(InvalidPlaceholderName));

        public static readonly DiagnosticDescriptor DuplicatePlaceholder = Error("S3X0005", nameof(DuplicatePlaceholder));

        public static readonly DiagnosticDescriptor UnknownPlaceholderType = Error("S3X0006", nameof(UnknownPlaceholderType));

        public static readonly DiagnosticDescriptor ForbiddenCharacter = Error("S3X0007", nameof(ForbiddenCharacter));

        public static readonly DiagnosticDescriptor DoubleSlash = Error("S3X0008", nameof(DoubleSlash));

        public static readonly DiagnosticDescriptor LeadingSlash = Error("S3X0009", nameof(LeadingSlash));

        public static readonly DiagnosticDescriptor TypeNotPartial = Error("S3X0010", nameof(TypeNotPartial));

        public static readonly DiagnosticDescriptor DuplicateNamespaceType = Error("S3X0011", nameof(DuplicateNamespaceType));

        public static readonly DiagnosticDescriptor ItemWithoutTemplate = Error("S3X0012", nameof(ItemWithoutTemplate));

        public static readonly DiagnosticDescriptor UnknownStoreVariable = Warning("S3X0013", nameof(UnknownStoreVariable));

        public static readonly DiagnosticDescriptor InvalidItemIdentifier = Error("S3X0014", nameof(InvalidItemIdentifier));

        /// <summary>The descriptor for a template error found by the grammar.</summary>
        public static DiagnosticDescriptor ForTemplateError(TemplateErrorKind kind)
        {
            switch (kind)
            {
                case TemplateErrorKind.Empty:
                    return EmptyTemplate;
                case TemplateErrorKind.UnbalancedBrace:
                    return UnbalancedBrace;
                case TemplateErrorKind.EmptyPlaceholder:
                    return EmptyPlaceholder;
                case TemplateErrorKind.InvalidPlaceholderName:
                    return InvalidPlaceholderName;
                case TemplateErrorKind.DuplicatePlaceholder:
                    return DuplicatePlaceholder;
                case TemplateErrorKind.UnknownType:
                    return UnknownPlaceholderType;
                case TemplateErrorKind.ForbiddenCharacter:
                    return ForbiddenCharacter;
                case TemplateErrorKind.DoubleSlash:
                    return DoubleSlash;
                default:
                    return LeadingSlash;
            }
        }

        private static DiagnosticDescriptor Error(string id, string name) => Create(id, name, DiagnosticSeverity.Error);

        private static DiagnosticDescriptor Warning(string id, string name) => Create(id, name, DiagnosticSeverity.Warning);

        private static DiagnosticDescriptor Create(string id, string name, DiagnosticSeverity severity)
            => new DiagnosticDescriptor(
                id,
                new LocalizableResourceString(name + "Title", Strings, typeof(DiagnosticDescriptors)),
                new LocalizableResourceString(name + "Message", Strings, typeof(DiagnosticDescriptors)),
                Category,
                severity,
                isEnabledByDefault: true);
    }
}
