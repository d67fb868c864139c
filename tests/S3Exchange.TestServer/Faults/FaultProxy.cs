using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace S3Exchange.Testing;

/// <summary>
/// A loopback HTTP/1.1 proxy in front of an S3 server that injects faults: it answers some
/// requests with <c>503 SlowDown</c> and cuts others short, mid-request or mid-response, as its
/// <see cref="Plan"/> says. Point a store at <see cref="Endpoint"/> with the server's bucket and
/// credentials (<see cref="Redirect"/>); everything else is relayed byte for byte, request by
/// request on kept-alive client connections (bodies framed by Content-Length or chunked), each
/// request over a fresh connection to the server. <see cref="Counters"/> says what was injected.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly byte[] Continue = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();
    private static readonly TimeSpan LingerTimeout = TimeSpan.FromSeconds(2);

    private readonly TcpListener listener;
    private readonly Uri upstream;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<TcpClient, Task> connections = new();
    private readonly Task accepting;
    private volatile FaultPlan plan;
    private int disposed;

    private FaultProxy(Uri upstream, FaultPlan plan)
    {
        this.upstream = upstream;
        this.plan = plan;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Endpoint = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        accepting = AcceptAsync();
    }

    /// <summary>The proxy's URL, <c>http://127.0.0.1:port</c>.</summary>
    public string Endpoint { get; }

    /// <summary>Which requests meet which faults; may be replaced at any time (new requests follow the new plan).</summary>
    public FaultPlan Plan
    {
        get => plan;
        set => plan = value;
    }

    /// <summary>What the proxy has relayed and injected.</summary>
    public FaultCounters Counters { get; } = new();

    /// <summary>Starts a proxy on a free 127.0.0.1 port in front of <paramref name="serverEndpoint"/> (an <c>http://</c> URL).</summary>
    public static FaultProxy Start(string serverEndpoint, FaultPlan? plan = null)
    {
        var uri = new Uri(serverEndpoint);
        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"The proxy relays plain HTTP; '{serverEndpoint}' is not http://.", nameof(serverEndpoint));
        }

        return new FaultProxy(uri, plan ?? FaultPlan.None);
    }

    /// <summary><paramref name="settings"/> (the server's bucket and credentials) sent through this proxy.</summary>
    public S3ExchangeSettings Redirect(S3ExchangeSettings settings) => settings with { EndpointUrl = Endpoint };

    /// <summary>
    /// Stops listening and closes every connection; requests still held by a
    /// <see cref="Fault.Delay"/> are dropped, never relayed. A second call does nothing.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        await accepting.ConfigureAwait(false);
        foreach (var client in connections.Keys)
        {
            client.Dispose();
        }

        await Task.WhenAll(connections.Values).ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            // Set up here, where no disposal can race it (DisposeAsync closes connections only
            // after this loop ended), and registered before it starts, so it can always remove itself.
            client.NoDelay = true;
            var toClient = client.GetStream();
            var start = new TaskCompletionSource();
            connections[client] = start.Task.ContinueWith(_ => ServeAsync(client, toClient), TaskScheduler.Default).Unwrap();
            start.SetResult();
        }
    }

    private async Task ServeAsync(TcpClient client, NetworkStream toClient)
    {
        var cancellationToken = stopping.Token;
        try
        {
            using (client)
            {
                var fromClient = new HttpStreamReader(toClient);
                while (await fromClient.ReadHeadAsync(cancellationToken).ConfigureAwait(false) is { } request)
                {
                    var proxied = new ProxiedRequest(Counters.Requests, request.Method, request.Target, request.ContentLength, request.Headers);
                    var index = Counters.CountRequest(proxied);
                    var fault = Plan.Decide(proxied with { Index = index });
                    var keepAlive = fault?.Kind is FaultKind.SlowDown or FaultKind.ErrorAnswer
                        ? await AnswerAsync(toClient, request, fault, fromClient, cancellationToken).ConfigureAwait(false)
                        : await ForwardAsync(request, fault, fromClient, toClient, cancellationToken).ConfigureAwait(false);
                    if (!keepAlive)
                    {
                        break;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidDataException)
        {
            // The client or the server went away, or the proxy is stopping: the connection ends.
        }
        finally
        {
            connections.TryRemove(client, out _);
        }
    }

    // Returns whether the client connection stays open for another request.
    private async Task<bool> ForwardAsync(HttpHead request, Fault? fault, HttpStreamReader fromClient, NetworkStream toClient, CancellationToken cancellationToken)
    {
        if (fault?.Kind != FaultKind.Delay)
        {
            return await RelayAsync(request, fault, fromClient, toClient, cancellationToken).ConfigureAwait(false);
        }

        // Counted while held only: a request's relay can outlast the client's interest in it
        // (a reader that stops before the end), but no request is held after its client moved on.
        Counters.CountFault(request.Method, FaultKind.Delay);
        Counters.EnterDelayed();
        try
        {
            await Task.Delay(fault.Hold, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Counters.ExitDelayed();
        }

        return await RelayAsync(request, null, fromClient, toClient, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> RelayAsync(HttpHead request, Fault? fault, HttpStreamReader fromClient, NetworkStream toClient, CancellationToken cancellationToken)
    {
        using var server = new TcpClient { NoDelay = true };
        await server.ConnectAsync(upstream.Host, upstream.Port, cancellationToken).ConfigureAwait(false);
        var toServer = server.GetStream();

        // The proxy lets the body come at once rather than relay the server's interim answer.
        var forwarded = request;
        if (request.ExpectsContinue)
        {
            forwarded = request.Without("Expect");
            await toClient.WriteAsync(Continue, cancellationToken).ConfigureAwait(false);
        }

        var cutRequest = fault?.Kind == FaultKind.CutRequest ? fault.AfterBodyBytes : (int?)null;
        if (!await MessageRelay.RelayAsync(forwarded, BodyFraming.OfRequest(request), fromClient, toServer, cutRequest, cancellationToken).ConfigureAwait(false))
        {
            Counters.CountFault(request.Method, FaultKind.CutRequest);
            return false;
        }

        var fromServer = new HttpStreamReader(toServer);
        while (true)
        {
            var response = await fromServer.ReadHeadAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new IOException("The server closed the connection without answering.");
            var framing = BodyFraming.OfResponse(request.Method, response);
            var interim = response.Status is >= 100 and < 200;
            var cutResponse = fault?.Kind == FaultKind.CutResponse && !interim ? fault.AfterBodyBytes : (int?)null;
            if (!await MessageRelay.RelayAsync(response, framing, fromServer, toClient, cutResponse, cancellationToken).ConfigureAwait(false))
            {
                Counters.CountFault(request.Method, FaultKind.CutResponse);
                return false;
            }

            if (!interim)
            {
                Counters.CountAnswer(request.Method, ProxiedRequest.PathOf(request.Target), response.Status);
                return !request.ClosesConnection && !response.ClosesConnection && framing.Kind != BodyFramingKind.UntilClose;
            }
        }
    }

    // The request's body is read and dropped first (unless the client waits for 100 Continue
    // and so sends none), and the connection closed gracefully after the answer, so the client
    // reads the 503 rather than a reset.
    // Takes the stream, not the TcpClient: a proxy stopping mid-answer disposes the client, whose
    // Client property is then null, while the stream's socket throws ObjectDisposedException.
    private async Task<bool> AnswerAsync(NetworkStream stream, HttpHead request, Fault fault, HttpStreamReader fromClient, CancellationToken cancellationToken)
    {
        if (!request.ExpectsContinue)
        {
            await MessageRelay.RelayAsync(request, BodyFraming.OfRequest(request), fromClient, Stream.Null, null, cancellationToken).ConfigureAwait(false);
        }

        // Counted first: the client may act on the answer before this method goes on.
        Counters.CountFault(request.Method, fault.Kind);
        await stream.WriteAsync(S3ErrorAnswer.For(fault, request.Method, request.Target), cancellationToken).ConfigureAwait(false);
        stream.Socket.Shutdown(SocketShutdown.Send);

        using var linger = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linger.CancelAfter(LingerTimeout);
        var sink = new byte[16 * 1024];
        try
        {
            while (await stream.ReadAsync(sink, linger.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        return false;
    }
}
