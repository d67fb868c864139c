namespace S3Exchange.Testing;

/// <summary>
/// One fault <see cref="FaultProxy"/> injects into one request. A cut falls after
/// <see cref="AfterBodyBytes"/> bytes of the message's body, but always before its last byte:
/// a message with a shorter body (or none) is cut just before it ends, inside its head when it
/// has no body. So a cut request never reaches the server whole, and a cut response never
/// reaches the client whole.
/// </summary>
/// <param name="Kind">What is done.</param>
/// <param name="AfterBodyBytes">For cuts: how many body bytes pass before the connection is closed.</param>
public sealed record Fault(FaultKind Kind, int AfterBodyBytes = 0)
{
    /// <summary>A <c>503 SlowDown</c> answer.</summary>
    public static Fault SlowDown { get; } = new(FaultKind.SlowDown);

    /// <summary>For answers: the HTTP status.</summary>
    public int AnswerStatus { get; init; } = 503;

    /// <summary>For answers: the S3 error code.</summary>
    public string AnswerCode { get; init; } = "SlowDown";

    /// <summary>For answers: the error's message.</summary>
    public string AnswerMessage { get; init; } = "Please reduce your request rate.";

    /// <summary>An S3 error answer of <paramref name="status"/> and <paramref name="code"/> (e.g. 412 PreconditionFailed, 501 NotImplemented).</summary>
    public static Fault Answer(int status, string code) =>
        new(FaultKind.ErrorAnswer) { AnswerStatus = status, AnswerCode = code, AnswerMessage = $"{code} (answered by FaultProxy)" };

    /// <summary>For delays: how long the request is held before it is relayed.</summary>
    public TimeSpan Hold { get; init; }

    /// <summary>The request is held for <paramref name="hold"/>, then relayed as it is (see <see cref="FaultCounters.PeakDelayed"/>).</summary>
    public static Fault Delay(TimeSpan hold) => new(FaultKind.Delay) { Hold = hold };

    /// <summary>The request is cut after <paramref name="bodyBytes"/> bytes of its body.</summary>
    public static Fault CutRequest(int bodyBytes = 0) => new(FaultKind.CutRequest, bodyBytes);

    /// <summary>The response is cut after <paramref name="bodyBytes"/> bytes of its body.</summary>
    public static Fault CutResponse(int bodyBytes = 0) => new(FaultKind.CutResponse, bodyBytes);
}
