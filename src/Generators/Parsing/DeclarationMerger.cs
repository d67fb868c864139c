using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using S3Exchange.Generators.Model;

namespace S3Exchange.Generators.Parsing
{
    /// <summary>
    /// Combines the attribute and MSBuild item declarations of a compilation. A type declared
    /// twice (say, by an attribute and by an item) is not generated at all: picking one would
    /// silently ignore the other, so each declaration gets a diagnostic instead. The models and
    /// the diagnostics are merged in separate steps of the pipeline (see
    /// <see cref="DeclarationResult"/>); both find the duplicates with <see cref="DuplicateTypes"/>.
    /// </summary>
    internal static class DeclarationMerger
    {
        /// <summary>The models to generate: every declared type that is declared once, sorted by full name.</summary>
        public static EquatableArray<NamespaceModel> MergeModels(ImmutableArray<NamespaceModel> attributeModels, ImmutableArray<NamespaceModel> itemModels)
        {
            var all = attributeModels.Concat(itemModels).ToList();
            var duplicates = DuplicateTypes(all.Select(m => m.FullMetadataName));
            var models = all.Where(m => !duplicates.Contains(m.FullMetadataName)).ToList();

            // Sorted so the output does not depend on the order files were given in.
            models.Sort((a, b) => string.CompareOrdinal(a.FullMetadataName, b.FullMetadataName));
            return new EquatableArray<NamespaceModel>(models.ToArray());
        }

        /// <summary>Every declaration's own diagnostics, then one S3X0011 for each declaration of a type declared more than once.</summary>
        public static EquatableArray<DiagnosticInfo> MergeDiagnostics(ImmutableArray<DeclarationDiagnostics> attributeDeclarations, ImmutableArray<DeclarationDiagnostics> itemDeclarations)
        {
            var all = attributeDeclarations.Concat(itemDeclarations).ToList();
            var diagnostics = all.SelectMany(d => d.Diagnostics).ToList();
            var generating = all.Where(d => d.GeneratedType != null).ToList();
            var duplicates = DuplicateTypes(generating.Select(d => d.GeneratedType!));

            foreach (var group in generating.Where(d => duplicates.Contains(d.GeneratedType!)).GroupBy(d => d.GeneratedType!, StringComparer.Ordinal))
            {
                var declarations = group.ToList();
                foreach (var declaration in declarations)
                {
                    var other = declarations.First(d => !ReferenceEquals(d, declaration));
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.DuplicateNamespaceType,
                        declaration.Location,
                        declaration.DisplayName,
                        other.DisplayName,
                        group.Key));
                }
            }

            return new EquatableArray<DiagnosticInfo>(diagnostics.ToArray());
        }

        /// <summary>The full type names that occur more than once.</summary>
        public static HashSet<string> DuplicateTypes(IEnumerable<string> fullMetadataNames)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var duplicates = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in fullMetadataNames)
            {
                if (!seen.Add(name))
                {
                    duplicates.Add(name);
                }
            }

            return duplicates;
        }
    }
}
