using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using S3Exchange.Generators.Emitting;
using S3Exchange.Generators.Parsing;

namespace S3Exchange.Generators
{
    /// <summary>
    /// Generates a typed key builder for each S3 namespace declared with
    /// <c>[S3Namespace("...")]</c> on a partial class or with an
    /// <c>&lt;S3ExchangeNamespace&gt;</c> MSBuild item.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class S3NamespaceGenerator : IIncrementalGenerator
    {
        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            context.RegisterPostInitializationOutput(static post =>
                post.AddSource(S3NamespaceAttributeSource.HintName, S3NamespaceAttributeSource.Text));

            // The parse step yields the model and the diagnostics side by side; they part at once.
            // Models hold no location, so typing above a declaration leaves its model equal and the
            // output cached. Diagnostics keep locations in the declaration's own syntax tree, so
            // #pragma warning and per-file .editorconfig severities apply to them.
            var attributeDeclarations = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    S3NamespaceAttributeSource.MetadataName,
                    static (node, _) => node is ClassDeclarationSyntax || node is RecordDeclarationSyntax,
                    static (attributeContext, cancellationToken) => AttributeDeclarationParser.Parse(attributeContext, cancellationToken));

            var attributeModels = attributeDeclarations
                .Select(static (result, _) => result.Model)
                .WithTrackingName(TrackingNames.AttributeModels)
                .Where(static model => model != null)
                .Select(static (model, _) => model!);

            var attributeDiagnostics = attributeDeclarations
                .Select(static (result, _) => result.Diagnostics)
                .WithTrackingName(TrackingNames.AttributeDiagnostics);

            var itemDeclarations = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (pair, _) => MsBuildItemParser.Parse(pair.Right.GetOptions(pair.Left), pair.Right.GlobalOptions))
                .WithTrackingName(TrackingNames.MsBuildItemDeclarations)
                .Where(static result => result != null)
                .Select(static (result, _) => result!);

            var itemModels = itemDeclarations
                .Where(static result => result.Model != null)
                .Select(static (result, _) => result.Model!);

            var models = attributeModels.Collect()
                .Combine(itemModels.Collect())
                .Select(static (pair, _) => DeclarationMerger.MergeModels(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.MergedDeclarations)
                .SelectMany(static (merged, _) => merged)
                .WithTrackingName(TrackingNames.NamespaceModels);

            var diagnostics = attributeDiagnostics.Collect()
                .Combine(itemDeclarations.Select(static (result, _) => result.Diagnostics).Collect())
                .Select(static (pair, _) => DeclarationMerger.MergeDiagnostics(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.Diagnostics);

            context.RegisterSourceOutput(models, static (output, model) =>
                output.AddSource(model.HintName, NamespaceEmitter.Emit(model)));

            context.RegisterSourceOutput(diagnostics, static (output, list) =>
            {
                foreach (var diagnostic in list)
                {
                    output.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            });
        }
    }
}
