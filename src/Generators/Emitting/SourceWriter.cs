using System.Text;

namespace S3Exchange.Generators.Emitting
{
    /// <summary>Appends lines at the current indentation; '\n' endings whatever the OS, so output is deterministic.</summary>
    internal sealed class SourceWriter
    {
        private const string IndentUnit = "    ";
        private readonly StringBuilder builder = new StringBuilder();
        private int depth;

        public SourceWriter Line(string text = "")
        {
            if (text.Length > 0)
            {
                for (var i = 0; i < depth; i++)
                {
                    builder.Append(IndentUnit);
                }

                builder.Append(text);
            }

            builder.Append('\n');
            return this;
        }

        public SourceWriter Open(string header)
        {
            Line(header);
            Line("{");
            depth++;
            return this;
        }

        public SourceWriter Close(string suffix = "")
        {
            depth--;
            return Line("}" + suffix);
        }

        public override string ToString() => builder.ToString();
    }
}
