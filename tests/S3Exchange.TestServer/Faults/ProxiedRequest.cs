namespace S3Exchange.Testing;

/// <summary>What a <see cref="FaultPlan"/> knows of a request when it decides its fate.</summary>
/// <param name="Index">The request's number in the proxy's life, from 0, in the order their heads arrived.</param>
/// <param name="Method">The HTTP method (<c>GET</c>, <c>PUT</c>, <c>POST</c>, <c>HEAD</c>, <c>DELETE</c>).</param>
/// <param name="Target">The request target: path and query, e.g. <c>/bucket/key?uploadId=…</c>.</param>
/// <param name="ContentLength">The body's declared length; null without a Content-Length header.</param>
/// <param name="Headers">The request's headers, in order.</param>
public sealed record ProxiedRequest(long Index, string Method, string Target, long? ContentLength, IReadOnlyList<(string Name, string Value)> Headers)
{
    /// <summary>The first value of the header <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The target's path without the query, URL-decoded (<c>/bucket/key</c>).</summary>
    public string Path => PathOf(Target);

    /// <summary>The path of a request target without the query, URL-decoded.</summary>
    internal static string PathOf(string target) => Uri.UnescapeDataString(target.Split('?', 2)[0]);

    /// <summary>Whether the target has a query parameter named <paramref name="name"/> (e.g. <c>uploadId</c>, <c>list-type</c>).</summary>
    public bool HasQuery(string name) =>
        Target.Split('?', 2) is [_, var query]
        && query.Split('&').Any(p => p.Split('=', 2)[0].Equals(name, StringComparison.Ordinal));
}
