using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using S3Exchange.Generators.Model;
using S3Exchange.Keys;

namespace S3Exchange.Generators.Parsing
{
    /// <summary>
    /// Parses a template with the shared grammar in strict mode and turns it into key parts,
    /// reporting each grammar error and each store variable the template does not name. Both
    /// declaration forms (attribute and MSBuild item) go through here, so they produce the
    /// same model for the same template.
    /// </summary>
    internal static class TemplateAnalyzer
    {
        /// <param name="template">The template text.</param>
        /// <param name="storeVariables">Placeholders the store's default variables supply.</param>
        /// <param name="displayName">How messages name the declaration.</param>
        /// <param name="locateTemplateRange">Where value range (start, length) of the template is in source, or null.</param>
        /// <param name="locateStoreVariable">Where a StoreVariables entry is in source, or null.</param>
        /// <param name="diagnostics">Receives the problems found.</param>
        /// <returns>The key parts, or null when the template has errors.</returns>
        public static EquatableArray<KeyPartModel>? Analyze(
            string template,
            IReadOnlyList<string> storeVariables,
            string displayName,
            Func<int, int, Location?> locateTemplateRange,
            Func<string, Location?> locateStoreVariable,
            List<DiagnosticInfo> diagnostics)
        {
            var parsed = KeyTemplateGrammar.Parse(template, strict: true);
            foreach (var error in parsed.Errors)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ForTemplateError(error.Kind),
                    locateTemplateRange(error.Start, error.Length),
                    displayName,
                    error.Message));
            }

            var placeholderNames = new HashSet<string>(parsed.Segments.Where(s => s.IsPlaceholder).Select(s => s.Text), StringComparer.Ordinal);
            foreach (var variable in storeVariables)
            {
                if (!placeholderNames.Contains(variable))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.UnknownStoreVariable,
                        locateStoreVariable(variable),
                        displayName,
                        variable));
                }
            }

            if (parsed.Errors.Count > 0)
            {
                return null;
            }

            var storeSet = new HashSet<string>(storeVariables, StringComparer.Ordinal);
            var takenParameterNames = new HashSet<string>(StringComparer.Ordinal);
            var parts = new List<KeyPartModel>(parsed.Segments.Count);
            foreach (var segment in parsed.Segments)
            {
                if (!segment.IsPlaceholder)
                {
                    parts.Add(new KeyPartModel(KeyPartKind.Literal, segment.Text, PlaceholderType.String, string.Empty));
                }
                else if (storeSet.Contains(segment.Text))
                {
                    parts.Add(new KeyPartModel(KeyPartKind.StoreVariable, segment.Text, segment.Type, string.Empty));
                }
                else
                {
                    var parameterName = ParameterNames.Create(segment.Text, takenParameterNames);
                    parts.Add(new KeyPartModel(KeyPartKind.Parameter, segment.Text, segment.Type, parameterName));
                }
            }

            TrimTrailingSlashes(parts);
            return new EquatableArray<KeyPartModel>(parts.ToArray());
        }

        // "training/{job_id}/samples/" names the same prefix as ".../samples"; the scope adds the
        // separator itself, so a trailing '/' would double it.
        private static void TrimTrailingSlashes(List<KeyPartModel> parts)
        {
            var last = parts.Count - 1;
            if (last < 0 || parts[last].Kind != KeyPartKind.Literal)
            {
                return;
            }

            var trimmed = parts[last].Text.TrimEnd('/');
            if (trimmed.Length == 0)
            {
                parts.RemoveAt(last);
            }
            else
            {
                parts[last] = parts[last] with { Text = trimmed };
            }
        }
    }
}
