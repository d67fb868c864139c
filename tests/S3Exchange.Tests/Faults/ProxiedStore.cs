using S3Exchange.Testing;

namespace S3Exchange.Tests.Faults;

/// <summary>
/// One fresh base prefix seen two ways: <see cref="Store"/> through a <see cref="FaultProxy"/>
/// (faults as its plan says), <see cref="Direct"/> straight to the server, to check what the
/// faulty side really left there.
/// </summary>
internal sealed class ProxiedStore : IAsyncDisposable
{
    private ProxiedStore(FaultProxy proxy, S3ExchangeStore store, S3ExchangeStore direct)
    {
        Proxy = proxy;
        Store = store;
        Direct = direct;
    }

    public FaultProxy Proxy { get; }

    public S3ExchangeStore Store { get; }

    public S3ExchangeStore Direct { get; }

    /// <param name="server">The real server.</param>
    /// <param name="plan">The faults; <see cref="FaultPlan.None"/> by default (set <see cref="FaultProxy.Plan"/> later).</param>
    /// <param name="options">The stores' options (a base prefix goes below the fresh one).</param>
    /// <param name="maxAttempts">The faulty store's SDK attempts per request; the default setting when null.</param>
    public static ProxiedStore Create(S3ServerFixture server, FaultPlan? plan = null, S3ExchangeStoreOptions? options = null, int? maxAttempts = null)
    {
        var direct = server.CreateStore(options);
        var proxy = FaultProxy.Start(server.Endpoint, plan);
        var settings = proxy.Redirect(server.Settings);
        if (maxAttempts is { } attempts)
        {
            settings = settings with { MaxAttempts = attempts };
        }

        return new ProxiedStore(proxy, S3ExchangeStore.Create(settings, direct.Options), direct);
    }

    /// <summary>Whether <paramref name="request"/> is about the object at <paramref name="key"/> (a template of <see cref="Store"/>).</summary>
    public bool Targets(ProxiedRequest request, string key) => request.Path == $"/{Store.Bucket}/{Store.ResolveKey(key)}";

    public async ValueTask DisposeAsync()
    {
        Store.Client.Dispose();
        await Proxy.DisposeAsync();
    }
}
