using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace S3Exchange.Generators.Parsing
{
    /// <summary>Turns placeholder names into C# parameter names: <c>job_id</c> → <c>jobId</c>.</summary>
    internal static class ParameterNames
    {
        /// <summary>
        /// The camel-cased parameter name for <paramref name="placeholder"/>, made unique among
        /// <paramref name="taken"/> (<c>{job_id}</c> and <c>{jobId}</c> both camel-case to
        /// <c>jobId</c>; the second becomes <c>jobId2</c>) and escaped when it is a keyword.
        /// </summary>
        public static string Create(string placeholder, HashSet<string> taken)
        {
            var builder = new StringBuilder(placeholder.Length);
            foreach (var part in placeholder.Split('_'))
            {
                if (part.Length == 0)
                {
                    continue;
                }

                if (builder.Length == 0)
                {
                    builder.Append(char.ToLowerInvariant(part[0])).Append(part, 1, part.Length - 1);
                }
                else
                {
                    builder.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
                }
            }

            // "_" alone, or "_1", leaves nothing or a leading digit.
            if (builder.Length == 0 || char.IsDigit(builder[0]))
            {
                builder.Insert(0, "value");
            }

            var candidate = builder.ToString();
            var unique = candidate;
            for (var n = 2; !taken.Add(unique); n++)
            {
                unique = candidate + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return SyntaxFacts.GetKeywordKind(unique) != SyntaxKind.None
                ? "@" + unique
                : unique;
        }
    }
}
