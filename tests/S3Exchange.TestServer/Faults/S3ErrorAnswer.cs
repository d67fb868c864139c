using System.Security;
using System.Text;

namespace S3Exchange.Testing;

/// <summary>An S3 error answer (<c>503 SlowDown</c> to a client S3 throttles, and the like), as bytes on the wire.</summary>
internal static class S3ErrorAnswer
{
    /// <summary>Head and body of <paramref name="fault"/>'s answer to a request to <paramref name="target"/> (no body for HEAD, as HTTP requires).</summary>
    public static byte[] For(Fault fault, string method, string target)
    {
        var requestId = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        var resource = SecurityElement.Escape(Uri.UnescapeDataString(target.Split('?', 2)[0]));
        var body = method == "HEAD"
            ? string.Empty
            : $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{fault.AnswerCode}</Code><Message>{SecurityElement.Escape(fault.AnswerMessage)}</Message><Resource>{resource}</Resource><RequestId>{requestId}</RequestId></Error>";
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {fault.AnswerStatus} {fault.AnswerCode}\r\n"
            + "Content-Type: application/xml\r\n"
            + $"Content-Length: {bodyBytes.Length}\r\n"
            + $"x-amz-request-id: {requestId}\r\n"
            + "Connection: close\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. bodyBytes];
    }
}
