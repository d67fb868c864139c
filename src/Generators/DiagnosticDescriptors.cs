using Microsoft.CodeAnalysis;
using S3Exchange.Keys;

namespace S3Exchange.Generators
{
    /// <summary>
    /// Every diagnostic the generator reports. Ids are stable (S3X0001…) and documented in
    /// docs/generator.md; each message says how to fix the problem.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        public const string Category = "S3Exchange";

        public static readonly DiagnosticDescriptor EmptyTemplate = Error(
            "S3X0001",
            "Key template is empty",
            "The key template of {0} is empty; write a key prefix such as \"training/{{job_id}}/samples\"");

        public static readonly DiagnosticDescriptor UnbalancedBrace = Error(
            "S3X0002",
            "Unbalanced placeholder bracket",
            "Key template of {0}: {1} Close every '{{' with '}}' and every '<' with '>' within one path segment.");

        public static readonly DiagnosticDescriptor EmptyPlaceholder = Error(
            "S3X0003",
            "Empty placeholder",
            "Key template of {0}: {1}");

        public static readonly DiagnosticDescriptor InvalidPlaceholderName = Error(
            "S3X0004",
            "Invalid placeholder name",
            "Key template of {0}: {1}");

        public static readonly DiagnosticDescriptor DuplicatePlaceholder = Error(
            "S3X0005",
            "Duplicate placeholder",
            "Key template of {0}: {1} Rename or remove the second occurrence.");

        public static readonly DiagnosticDescriptor UnknownPlaceholderType = Error(
            "S3X0006",
            "Unknown placeholder type",
            "Key template of {0}: {1}");

        public static readonly DiagnosticDescriptor ForbiddenCharacter = Error(
            "S3X0007",
            "Forbidden character in key template",
            "Key template of {0}: {1} Remove the character.");

        public static readonly DiagnosticDescriptor DoubleSlash = Error(
            "S3X0008",
            "Empty path segment in key template",
            "Key template of {0}: {1}");

        public static readonly DiagnosticDescriptor LeadingSlash = Error(
            "S3X0009",
            "Key template starts with '/'",
            "Key template of {0}: {1} Remove the leading '/'.");

        public static readonly DiagnosticDescriptor TypeNotPartial = Error(
            "S3X0010",
            "S3 namespace type must be partial",
            "'{0}' has [S3Namespace] but {1} is not partial; add the 'partial' modifier to {1} so the generator can add the key builder");

        public static readonly DiagnosticDescriptor DuplicateNamespaceType = Error(
            "S3X0011",
            "Two S3 namespace declarations generate the same type",
            "{0} and {1} both generate the type '{2}'; remove one declaration or give it another name or namespace");

        public static readonly DiagnosticDescriptor ItemWithoutTemplate = Error(
            "S3X0012",
            "S3ExchangeNamespace item has no Template",
            "The S3ExchangeNamespace item '{0}' has no Template metadata; add Template=\"prefix/{{placeholder}}/...\" to the item");

        public static readonly DiagnosticDescriptor UnknownStoreVariable = new DiagnosticDescriptor(
            "S3X0013",
            "Store variable is not a placeholder of the template",
            "StoreVariables of {0} names '{1}', which is not a placeholder of the key template; remove it from StoreVariables or add {{{1}}} to the template",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor InvalidItemIdentifier = Error(
            "S3X0014",
            "S3ExchangeNamespace item does not name a valid C# type",
            "The S3ExchangeNamespace item '{0}' cannot generate a type: '{1}' is not a valid C# {2}; use letters, digits and '_' (and '.' between namespace parts)");

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

        private static DiagnosticDescriptor Error(string id, string title, string message)
            => new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
