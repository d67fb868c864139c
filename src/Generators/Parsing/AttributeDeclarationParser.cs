using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using S3Exchange.Generators.Model;

namespace S3Exchange.Generators.Parsing
{
    /// <summary>
    /// Turns a class carrying <c>[S3Namespace]</c> into a <see cref="NamespaceModel"/> and its
    /// diagnostics, reading the symbol and syntax once here. The model holds nothing Roslyn-owned;
    /// the diagnostics hold locations in the declaration's syntax tree (and only they do).
    /// </summary>
    internal static class AttributeDeclarationParser
    {
        public static DeclarationResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var typeSyntax = (TypeDeclarationSyntax)context.TargetNode;
            var typeSymbol = (INamedTypeSymbol)context.TargetSymbol;
            var attribute = context.Attributes[0];
            var tree = typeSyntax.SyntaxTree;
            var displayName = $"class '{typeSymbol.Name}'";
            var diagnostics = new List<DiagnosticInfo>();

            // A wrong constructor argument is already a compiler error; add nothing to it.
            var typeLocation = Location.Create(tree, typeSyntax.Identifier.Span);
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind == TypedConstantKind.Error)
            {
                return Result(null, displayName, typeLocation, diagnostics);
            }

            var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            var templateExpression = attributeSyntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals == null)?.Expression;
            var template = attribute.ConstructorArguments[0].Value as string ?? string.Empty;
            var literalMap = templateExpression != null ? TemplateLiteralMap.Create(templateExpression, template) : null;

            var nonPartial = FindNonPartialType(typeSyntax);
            if (nonPartial != null)
            {
                var whichType = nonPartial == typeSyntax ? "it" : $"its containing type '{nonPartial.Identifier.Text}'";
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.TypeNotPartial,
                    Location.Create(tree, nonPartial.Identifier.Span),
                    typeSymbol.Name,
                    whichType));
            }

            var storeVariables = ReadStoreVariables(attribute);
            var storeVariablesSyntax = attributeSyntax?.ArgumentList?.Arguments
                .FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == S3NamespaceAttributeSource.StoreVariablesProperty)?.Expression;

            var parts = TemplateAnalyzer.Analyze(
                template,
                storeVariables,
                displayName,
                (start, length) => literalMap == null ? typeLocation : Location.Create(tree, literalMap.Map(start, length)),
                variable => LocateStoreVariable(tree, storeVariablesSyntax, variable) ?? typeLocation,
                diagnostics);

            if (parts == null || nonPartial != null)
            {
                return Result(null, displayName, typeLocation, diagnostics);
            }

            var model = new NamespaceModel(
                typeSymbol.ContainingNamespace.IsGlobalNamespace ? null : typeSymbol.ContainingNamespace.ToDisplayString(),
                new EquatableArray<ContainingTypeModel>(ContainingTypes(typeSyntax)),
                KeywordOf(typeSyntax),
                typeSyntax.Identifier.Text + (typeSyntax.TypeParameterList?.ToString() ?? string.Empty),
                typeSymbol.MetadataName,
                template,
                parts.Value,
                DeclarationSource.Attribute);
            return Result(model, displayName, typeLocation, diagnostics);
        }

        private static DeclarationResult Result(NamespaceModel? model, string displayName, Location typeLocation, List<DiagnosticInfo> diagnostics)
            => new DeclarationResult(model, new DeclarationDiagnostics(model?.FullMetadataName, displayName, typeLocation, new EquatableArray<DiagnosticInfo>(diagnostics)));

        private static TypeDeclarationSyntax? FindNonPartialType(TypeDeclarationSyntax typeSyntax)
        {
            for (SyntaxNode? node = typeSyntax; node is TypeDeclarationSyntax type; node = node.Parent)
            {
                if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return type;
                }
            }

            return null;
        }

        private static ContainingTypeModel[] ContainingTypes(TypeDeclarationSyntax typeSyntax)
        {
            var result = new List<ContainingTypeModel>();
            for (var parent = typeSyntax.Parent as TypeDeclarationSyntax; parent != null; parent = parent.Parent as TypeDeclarationSyntax)
            {
                result.Add(new ContainingTypeModel(KeywordOf(parent), parent.Identifier.Text + (parent.TypeParameterList?.ToString() ?? string.Empty)));
            }

            result.Reverse();
            return result.ToArray();
        }

        // "class", "struct", "interface", "record", "record class" or "record struct", as declared.
        private static string KeywordOf(TypeDeclarationSyntax type)
            => type is RecordDeclarationSyntax record && record.ClassOrStructKeyword.Text.Length > 0
                ? "record " + record.ClassOrStructKeyword.Text
                : type.Keyword.Text;

        private static string[] ReadStoreVariables(AttributeData attribute)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == S3NamespaceAttributeSource.StoreVariablesProperty && argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull)
                {
                    return argument.Value.Values.Select(v => v.Value as string).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToArray();
                }
            }

            return Array.Empty<string>();
        }

        // Finds the string literal naming the variable inside the StoreVariables initializer.
        private static Location? LocateStoreVariable(SyntaxTree tree, ExpressionSyntax? storeVariablesSyntax, string variable)
        {
            if (storeVariablesSyntax == null)
            {
                return null;
            }

            var literal = storeVariablesSyntax.DescendantNodesAndSelf()
                .OfType<LiteralExpressionSyntax>()
                .FirstOrDefault(l => l.IsKind(SyntaxKind.StringLiteralExpression) && l.Token.ValueText == variable);
            return Location.Create(tree, (literal ?? storeVariablesSyntax).Span);
        }
    }
}
