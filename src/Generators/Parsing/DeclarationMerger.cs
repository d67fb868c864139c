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
    /// silently ignore the other, so each declaration gets a diagnostic instead.
    /// </summary>
    internal static class DeclarationMerger
    {
        public static GenerationPlan Merge(ImmutableArray<DeclarationResult> attributeResults, ImmutableArray<DeclarationResult> itemResults)
        {
            var all = attributeResults.Concat(itemResults).ToList();
            var diagnostics = all.SelectMany(r => r.Diagnostics).ToList();
            var models = new List<NamespaceModel>();

            foreach (var group in all.Where(r => r.Model != null).Select(r => r.Model!).GroupBy(m => m.FullMetadataName, StringComparer.Ordinal))
            {
                var declarations = group.ToList();
                if (declarations.Count == 1)
                {
                    models.Add(declarations[0]);
                    continue;
                }

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

            // Sorted so the output does not depend on the order files were given in.
            models.Sort((a, b) => string.CompareOrdinal(a.FullMetadataName, b.FullMetadataName));
            return new GenerationPlan(new EquatableArray<NamespaceModel>(models.ToArray()), new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }
    }
}
