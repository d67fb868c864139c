using Amazon.S3;
using Xunit;

namespace S3Exchange.Testing;

/// <summary>
/// The real S3 server the tests talk to: a moto_server started on a free loopback port, or the
/// server <see cref="S3TestServerSettings"/> names. Each store it hands out works under a fresh
/// base prefix, so tests never see each other's keys. It uses a bucket only when
/// <see cref="TestBucket"/> finds it the tests' own (created or found empty by them).
/// </summary>
public sealed class S3ServerFixture : IAsyncLifetime
{
    private MotoServer? moto;

    public S3ExchangeSettings Settings { get; private set; } = null!;

    public IAmazonS3 Client { get; private set; } = null!;

    public string Bucket => Settings.Bucket;

    public string Endpoint => Settings.EndpointUrl!;

    /// <summary>Whether the server is the fixture's own moto_server.</summary>
    public bool IsMoto => moto is not null;

    /// <summary>Which server this is, for behaviour that differs between servers.</summary>
    public S3ServerKind Kind => IsMoto ? S3ServerKind.Moto : S3TestServerSettings.ServerName switch
    {
        "ceph-rgw" => S3ServerKind.CephRgw,
        "moto" => S3ServerKind.Moto,
        _ => S3ServerKind.Other,
    };

    public async Task InitializeAsync()
    {
        var endpoint = S3TestServerSettings.ExternalEndpoint;
        if (endpoint is null)
        {
            moto = await MotoServer.StartAsync().ConfigureAwait(false);
            endpoint = moto.Endpoint;
        }

        Settings = new S3ExchangeSettings
        {
            EndpointUrl = endpoint,
            Region = S3TestServerSettings.Region,
            Bucket = S3TestServerSettings.Bucket,
            AccessKeyId = S3TestServerSettings.AccessKeyId,
            SecretAccessKey = S3TestServerSettings.SecretAccessKey,
        };
        Client = Settings.CreateClient();
        await TestBucket.ClaimAsync(Client, Bucket).ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (moto is not null)
        {
            await moto.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A store under a new unique base prefix (any prefix in <paramref name="options"/> goes below it).</summary>
    public S3ExchangeStore CreateStore(S3ExchangeStoreOptions? options = null)
    {
        options ??= new S3ExchangeStoreOptions();
        var unique = "t-" + Guid.NewGuid().ToString("N")[..12];
        var below = options.BasePrefix?.Trim('/');
        var prefix = string.IsNullOrEmpty(below) ? unique : unique + "/" + below;
        return S3ExchangeStore.Create(Settings, options with { BasePrefix = prefix });
    }

    /// <summary>A second client of its own, e.g. to count the requests one store sends.</summary>
    public IAmazonS3 CreateClient() => Settings.CreateClient();
}
