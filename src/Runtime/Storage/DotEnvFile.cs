using System.Text;

namespace S3Exchange;

/// <summary>Reads a <c>.env</c> file (UTF-8, with or without a byte order mark); <see cref="DotEnvParser"/> has the syntax.</summary>
internal static class DotEnvFile
{
    /// <exception cref="FormatException">A malformed line; the message names <paramref name="path"/> and the line.</exception>
    public static Dictionary<string, string> Read(string path) =>
        DotEnvParser.Parse(File.ReadAllText(path, Encoding.UTF8), path);
}
