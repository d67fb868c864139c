using System.Text;

namespace S3Exchange.Testing;

/// <summary>The start line and headers of one HTTP/1.1 message, with the bytes they were read from.</summary>
internal sealed class HttpHead
{
    private readonly List<(string Name, string Value)> headers;

    private HttpHead(byte[] raw, string startLine, List<(string Name, string Value)> headers)
    {
        Raw = raw;
        StartLine = startLine;
        this.headers = headers;
    }

    /// <summary>The head exactly as it came, the blank line that ends it included.</summary>
    public byte[] Raw { get; }

    public string StartLine { get; }

    /// <summary>A request's method (the start line's first word).</summary>
    public string Method => StartLine.Split(' ')[0];

    /// <summary>A request's target (the start line's second word).</summary>
    public string Target => StartLine.Split(' ') is [_, var target, ..] ? target : "/";

    /// <summary>A response's status code.</summary>
    public int Status => StartLine.Split(' ') is [_, var code, ..] && int.TryParse(code, out var status) ? status : 0;

    public long? ContentLength => this["Content-Length"] is { } value && long.TryParse(value, out var length) ? length : null;

    public bool IsChunked => this["Transfer-Encoding"]?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Whether the sender will close the connection after this message.</summary>
    public bool ClosesConnection => this["Connection"]?.Contains("close", StringComparison.OrdinalIgnoreCase) == true;

    public bool ExpectsContinue => this["Expect"]?.Contains("100-continue", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Every header, in order.</summary>
    public IReadOnlyList<(string Name, string Value)> Headers => headers;

    /// <summary>The first value of the header <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? this[string name] => headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Parses a head; <paramref name="raw"/> ends with CRLF CRLF.</summary>
    public static HttpHead Parse(byte[] raw)
    {
        var lines = Encoding.Latin1.GetString(raw).Split("\r\n");
        var parsed = new List<(string, string)>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"Malformed HTTP header line '{line}'.");
            }

            parsed.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        return new HttpHead(raw, lines[0], parsed);
    }

    /// <summary>This head without the header <paramref name="name"/>.</summary>
    public HttpHead Without(string name)
    {
        var kept = headers.Where(h => !h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
        var text = new StringBuilder(StartLine).Append("\r\n");
        foreach (var (headerName, value) in kept)
        {
            text.Append(headerName).Append(": ").Append(value).Append("\r\n");
        }

        return new HttpHead(Encoding.Latin1.GetBytes(text.Append("\r\n").ToString()), StartLine, kept);
    }
}
