using System.Text;

namespace S3Exchange.Generators.Parsing
{
    /// <summary>
    /// Undoes the encoding build/S3Exchange.targets applies to item metadata: the compiler reads
    /// it from a generated .editorconfig whose parser cuts a value at '#' or ';', so the targets
    /// write '~', '#' and ';' as <c>~7E</c>, <c>~23</c> and <c>~3B</c>. Any <c>~XX</c> with two
    /// hex digits decodes to that character; a '~' not followed by two hex digits stays.
    /// </summary>
    internal static class MsBuildMetadata
    {
        public static string Decode(string value)
        {
            if (value.IndexOf('~') < 0)
            {
                return value;
            }

            var builder = new StringBuilder(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] == '~' && i + 2 < value.Length && TryHex(value[i + 1], out var high) && TryHex(value[i + 2], out var low))
                {
                    builder.Append((char)((high * 16) + low));
                    i += 2;
                }
                else
                {
                    builder.Append(value[i]);
                }
            }

            return builder.ToString();
        }

        /// <summary>The encoding the targets apply; tests use it to hand the generator what a real build would.</summary>
        public static string Encode(string value) => value.Replace("~", "~7E").Replace("#", "~23").Replace(";", "~3B");

        private static bool TryHex(char c, out int digit)
        {
            digit = c >= '0' && c <= '9' ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                : -1;
            return digit >= 0;
        }
    }
}
