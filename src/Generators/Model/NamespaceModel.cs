using System.Linq;
using System.Text;

namespace S3Exchange.Generators.Model
{
    /// <summary>
    /// Everything the emitter needs to write one key builder, and nothing else. Pure values with
    /// no source location, so the incremental driver finds it equal to the previous run's model
    /// unless the declaration itself changed (diagnostics travel apart, in <see cref="DeclarationDiagnostics"/>).
    /// </summary>
    /// <param name="Namespace">The C# namespace, or null for the global namespace.</param>
    /// <param name="ContainingTypes">Types the class is nested in, outermost first.</param>
    /// <param name="TypeKeyword">"class", or "record" for a record class.</param>
    /// <param name="TypeName">The class name with its type parameter list.</param>
    /// <param name="MetadataName">The class name with its generic arity (<c>Name`1</c>), for identity.</param>
    /// <param name="Template">The template text as declared.</param>
    /// <param name="Parts">The template's pieces, ready to concatenate.</param>
    /// <param name="Source">Attribute or MSBuild item.</param>
    internal sealed record NamespaceModel(
        string? Namespace,
        EquatableArray<ContainingTypeModel> ContainingTypes,
        string TypeKeyword,
        string TypeName,
        string MetadataName,
        string Template,
        EquatableArray<KeyPartModel> Parts,
        DeclarationSource Source)
    {
        /// <summary>The type's identity: namespace, containing types and metadata name.</summary>
        public string FullMetadataName
        {
            get
            {
                var builder = new StringBuilder();
                if (Namespace != null)
                {
                    builder.Append(Namespace).Append('.');
                }

                foreach (var containing in ContainingTypes)
                {
                    builder.Append(containing.Name).Append('.');
                }

                return builder.Append(MetadataName).ToString();
            }
        }

        /// <summary>The generated file's name, unique per type.</summary>
        public string HintName
            => new string(FullMetadataName.Select(c => char.IsLetterOrDigit(c) || c == '.' || c == '_' ? c : '_').ToArray()) + ".S3Namespace.g.cs";
    }
}
