using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using S3Exchange.Generators.Model;

namespace S3Exchange.Generators.Parsing
{
    /// <summary>
    /// Turns an <c>&lt;S3ExchangeNamespace&gt;</c> MSBuild item into a <see cref="NamespaceModel"/>.
    /// build/S3Exchange.targets passes each item to the compiler as an additional file whose
    /// metadata (the item's name, Template, Namespace and StoreVariables) the compiler exposes
    /// as <c>build_metadata.AdditionalFiles.*</c> options, encoded (see <see cref="MsBuildMetadata"/>);
    /// the file itself is never read.
    /// </summary>
    internal static class MsBuildItemParser
    {
        public const string ItemNameKey = "build_metadata.AdditionalFiles.S3ExchangeItemName";
        public const string TemplateKey = "build_metadata.AdditionalFiles.S3ExchangeTemplate";
        public const string NamespaceKey = "build_metadata.AdditionalFiles.S3ExchangeTypeNamespace";
        public const string StoreVariablesKey = "build_metadata.AdditionalFiles.S3ExchangeStoreVariables";
        public const string RootNamespaceKey = "build_property.RootNamespace";

        /// <summary>The declaration an additional file stands for, or null when it is not an S3ExchangeNamespace item.</summary>
        public static DeclarationResult? Parse(AnalyzerConfigOptions itemOptions, AnalyzerConfigOptions globalOptions)
        {
            if (!itemOptions.TryGetValue(ItemNameKey, out var itemName) || string.IsNullOrWhiteSpace(itemName))
            {
                return null;
            }

            itemName = MsBuildMetadata.Decode(itemName).Trim();
            var displayName = $"MSBuild item '{itemName}'";
            var diagnostics = new List<DiagnosticInfo>();

            if (!itemOptions.TryGetValue(TemplateKey, out var encodedTemplate) || string.IsNullOrEmpty(encodedTemplate))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ItemWithoutTemplate, null, itemName));
                return Result(null, displayName, diagnostics);
            }

            var template = MsBuildMetadata.Decode(encodedTemplate);
            string? typeNamespace = null;
            if (itemOptions.TryGetValue(NamespaceKey, out var declaredNamespace) && !string.IsNullOrWhiteSpace(declaredNamespace))
            {
                typeNamespace = MsBuildMetadata.Decode(declaredNamespace).Trim();
            }
            else if (globalOptions.TryGetValue(RootNamespaceKey, out var rootNamespace) && !string.IsNullOrWhiteSpace(rootNamespace))
            {
                typeNamespace = rootNamespace.Trim();
            }

            var identifiersValid = true;
            if (!SyntaxFacts.IsValidIdentifier(itemName) || SyntaxFacts.GetKeywordKind(itemName) != SyntaxKind.None)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidItemIdentifier, null, itemName, itemName, "type name"));
                identifiersValid = false;
            }

            if (typeNamespace != null && !typeNamespace.Split('.').All(part => SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidItemIdentifier, null, itemName, typeNamespace, "namespace"));
                identifiersValid = false;
            }

            var storeVariables = itemOptions.TryGetValue(StoreVariablesKey, out var storeVariablesText)
                ? SplitList(MsBuildMetadata.Decode(storeVariablesText))
                : Array.Empty<string>();

            // Items have no source location: messages name the item instead.
            var parts = TemplateAnalyzer.Analyze(template, storeVariables, displayName, (_, _) => null, _ => null, diagnostics);
            if (parts == null || !identifiersValid)
            {
                return Result(null, displayName, diagnostics);
            }

            var model = new NamespaceModel(
                typeNamespace,
                EquatableArray<ContainingTypeModel>.Empty,
                "class",
                itemName,
                itemName,
                template,
                parts.Value,
                DeclarationSource.MsBuildItem);
            return Result(model, displayName, diagnostics);
        }

        // Items have no source location: the diagnostics name the item and carry none.
        private static DeclarationResult Result(NamespaceModel? model, string displayName, List<DiagnosticInfo> diagnostics)
            => new DeclarationResult(model, new DeclarationDiagnostics(model?.FullMetadataName, displayName, null, new EquatableArray<DiagnosticInfo>(diagnostics)));

        // MSBuild lists are ';'-separated; ',' is accepted too since it reads naturally in an attribute value.
        private static string[] SplitList(string text)
            => text.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(s => s.Trim())
                .Where(s => s.Length > 0)
                .ToArray();
    }
}
