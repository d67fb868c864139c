using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using S3Exchange.Generators.Emitting;
using S3Exchange.Generators.Model;
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

            var attributeDeclarations = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    S3NamespaceAttributeSource.MetadataName,
                    static (node, _) => node is ClassDeclarationSyntax || node is RecordDeclarationSyntax,
                    static (attributeContext, cancellationToken) => AttributeDeclarationParser.Parse(attributeContext, cancellationToken))
                .WithTrackingName(TrackingNames.AttributeDeclarations);

            var itemDeclarations = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (pair, _) => MsBuildItemParser.Parse(pair.Right.GetOptions(pair.Left), pair.Right.GlobalOptions))
                .WithTrackingName(TrackingNames.MsBuildItemDeclarations)
                .Where(static result => result != null)
                .Select(static (result, _) => result!);

            var plan = attributeDeclarations.Collect()
                .Combine(itemDeclarations.Collect())
                .Select(static (pair, _) => DeclarationMerger.Merge(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.MergedDeclarations);

            var models = plan
                .SelectMany(static (p, _) => p.Models)
                .WithTrackingName(TrackingNames.NamespaceModels);

            var diagnostics = plan
                .Select(static (p, _) => p.Diagnostics)
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
