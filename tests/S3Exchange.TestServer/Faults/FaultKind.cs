namespace S3Exchange.Testing;

/// <summary>What <see cref="FaultProxy"/> does to a request instead of relaying it faithfully.</summary>
public enum FaultKind
{
    /// <summary>Answers <c>503 SlowDown</c> with an S3 XML error body; the server never sees the request.</summary>
    SlowDown,

    /// <summary>Answers with the S3 error the fault names (<see cref="Fault.Answer"/>); the server never sees the request.</summary>
    ErrorAnswer,

    /// <summary>Relays only the start of the request to the server, then closes both connections: the server never gets the whole request.</summary>
    CutRequest,

    /// <summary>Relays the whole request, then only the start of the server's response: the server did the work, the client never learns the outcome.</summary>
    CutResponse,

    /// <summary>Holds the request for <see cref="Fault.Hold"/> before relaying it faithfully: requests pile up, so a test can see how many a client keeps in flight.</summary>
    Delay,
}
