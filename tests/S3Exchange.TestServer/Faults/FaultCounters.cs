using System.Collections.Concurrent;

namespace S3Exchange.Testing;

/// <summary>
/// What <see cref="FaultProxy"/> has done: requests seen and faults actually injected (a cut
/// counts once bytes were really withheld). Tests assert on these, since a fault test whose
/// proxy injected nothing proves nothing.
/// </summary>
public sealed class FaultCounters
{
    private readonly ConcurrentDictionary<(string Method, FaultKind Kind), int> injected = new();
    private readonly ConcurrentDictionary<(string Method, string Path), int> requestsByTarget = new();
    private readonly ConcurrentDictionary<(string Method, string Path, int Status), int> answersByTarget = new();
    private readonly ConcurrentQueue<ProxiedRequest> seen = new();
    private long requests;

    /// <summary>Requests whose head reached the proxy.</summary>
    public long Requests => Interlocked.Read(ref requests);

    private int delayed;
    private int peakDelayed;

    /// <summary>Requests answered with <c>503 SlowDown</c>.</summary>
    public int SlowDowns => Count(FaultKind.SlowDown);

    /// <summary>Requests cut before the server had them whole.</summary>
    public int RequestCuts => Count(FaultKind.CutRequest);

    /// <summary>Responses cut before the client had them whole.</summary>
    public int ResponseCuts => Count(FaultKind.CutResponse);

    /// <summary>Every fault injected.</summary>
    public int Injected => injected.Values.Sum();

    /// <summary>Faults of <paramref name="kind"/> injected into requests of <paramref name="method"/>.</summary>
    public int Count(string method, FaultKind kind) => injected.GetValueOrDefault((method, kind));

    /// <summary>Faults of <paramref name="kind"/> injected into requests of any method.</summary>
    public int Count(FaultKind kind) => injected.Where(p => p.Key.Kind == kind).Sum(p => p.Value);

    /// <summary>For assertion messages: e.g. <c>412 requests; PUT SlowDown 7, GET CutResponse 3</c>.</summary>
    public override string ToString() =>
        $"{Requests} requests; " + (injected.IsEmpty ? "no faults" : string.Join(", ", injected.OrderBy(p => p.Key.Method).ThenBy(p => p.Key.Kind).Select(p => $"{p.Key.Method} {p.Key.Kind} {p.Value}")));

    /// <summary>
    /// Requests of <paramref name="method"/> to <paramref name="path"/> (<c>/bucket/key</c>, as
    /// <see cref="ProxiedRequest.Path"/>) that reached the proxy: what the server was asked,
    /// counted outside the library.
    /// </summary>
    public int RequestsTo(string method, string path) => requestsByTarget.GetValueOrDefault((method, path));

    /// <summary>
    /// The final answers (not 1xx) the server gave to requests of <paramref name="method"/> to
    /// <paramref name="path"/> and the proxy relayed whole, by status: e.g. the
    /// <c>412 Precondition Failed</c> of a conditional write that lost a race. Answers the proxy
    /// made up itself (<see cref="Fault.Answer"/>) are not counted.
    /// </summary>
    public IReadOnlyDictionary<int, int> AnswersTo(string method, string path) =>
        answersByTarget.Where(p => p.Key.Method == method && p.Key.Path == path).ToDictionary(p => p.Key.Status, p => p.Value);

    /// <summary>Requests of <paramref name="method"/> whose path starts with <paramref name="pathPrefix"/> (all of them for "/").</summary>
    public int RequestsUnder(string method, string pathPrefix) =>
        requestsByTarget.Where(p => p.Key.Method == method && p.Key.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).Sum(p => p.Value);

    /// <summary>
    /// The requests that reached the proxy and match <paramref name="predicate"/>, in the order
    /// their heads arrived, with their query and headers (e.g. to tell a ranged GET by its
    /// <c>Range</c>, or a DeleteObjects POST by its <c>?delete</c>).
    /// </summary>
    public IReadOnlyList<ProxiedRequest> RequestsWhere(Func<ProxiedRequest, bool> predicate) =>
        seen.Where(predicate).OrderBy(r => r.Index).ToList();

    /// <summary>The most delayed requests (<see cref="Fault.Delay"/>) held at one time: a lower bound of how many the client had in flight together, never more.</summary>
    public int PeakDelayed => Volatile.Read(ref peakDelayed);

    internal void EnterDelayed()
    {
        var now = Interlocked.Increment(ref delayed);
        int peak;
        while (now > (peak = Volatile.Read(ref peakDelayed)) && Interlocked.CompareExchange(ref peakDelayed, now, peak) != peak)
        {
        }
    }

    internal void ExitDelayed() => Interlocked.Decrement(ref delayed);

    /// <summary>Counts <paramref name="request"/> and returns its number in the proxy's life, from 0.</summary>
    internal long CountRequest(ProxiedRequest request)
    {
        requestsByTarget.AddOrUpdate((request.Method, request.Path), 1, (_, n) => n + 1);
        var index = Interlocked.Increment(ref requests) - 1;
        seen.Enqueue(request with { Index = index });
        return index;
    }

    internal void CountAnswer(string method, string path, int status) => answersByTarget.AddOrUpdate((method, path, status), 1, (_, n) => n + 1);

    internal void CountFault(string method, FaultKind kind) => injected.AddOrUpdate((method, kind), 1, (_, n) => n + 1);
}
