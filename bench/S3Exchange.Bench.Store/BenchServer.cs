using Amazon.S3;
using Amazon.S3.Model;
using S3Exchange.Testing;

namespace S3Exchange.Bench.Store;

/// <summary>
/// The S3 server the benchmark talks to: a moto_server it starts, or the server named by
/// <c>S3EXCHANGE_TEST_ENDPOINT</c> and its companions (see <see cref="S3TestServerSettings"/>).
/// Stores and raw clients are made with the same settings, so store and baseline go through
/// identically configured SDK clients.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly MotoServer? moto;

    private BenchServer(MotoServer? moto, S3ExchangeSettings settings)
    {
        this.moto = moto;
        Settings = settings;
        Client = settings.CreateClient();
    }

    public S3ExchangeSettings Settings { get; }

    /// <summary>The baselines' client.</summary>
    public IAmazonS3 Client { get; }

    public string Bucket => Settings.Bucket;

    public string Description => moto is null ? $"{Settings.EndpointUrl} (external)" : $"moto_server at {Settings.EndpointUrl}";

    public static async Task<BenchServer> StartAsync()
    {
        var endpoint = S3TestServerSettings.ExternalEndpoint;
        var moto = endpoint is null ? await MotoServer.StartAsync().ConfigureAwait(false) : null;
        var settings = new S3ExchangeSettings
        {
            EndpointUrl = endpoint ?? moto!.Endpoint,
            Region = S3TestServerSettings.Region,
            Bucket = S3TestServerSettings.Bucket,
            AccessKeyId = S3TestServerSettings.AccessKeyId,
            SecretAccessKey = S3TestServerSettings.SecretAccessKey,
        };
        var server = new BenchServer(moto, settings);
        try
        {
            await server.Client.PutBucketAsync(new PutBucketRequest { BucketName = settings.Bucket }).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }

        return server;
    }

    /// <summary>A unique key prefix for one run of one side of a workload.</summary>
    public static string NewPrefix(string workload) => $"bench-{Guid.NewGuid().ToString("N")[..10]}/{workload}";

    /// <summary>
    /// A fresh store (empty caches) under <paramref name="basePrefix"/>, on the baselines' own
    /// client, so neither side pays for cold connections the other has warm.
    /// </summary>
    public S3ExchangeStore CreateStore(string basePrefix, int maxConcurrency) =>
        new(Client, Bucket, new S3ExchangeStoreOptions { BasePrefix = basePrefix, MaxConcurrency = maxConcurrency, S3CompatibleEndpoint = Settings.IsS3Compatible });

    /// <summary>Removes every key under <paramref name="prefix"/> so the server does not grow between workloads.</summary>
    public async Task DeletePrefixAsync(string prefix)
    {
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix };
        while (true)
        {
            var page = await Client.ListObjectsV2Async(request).ConfigureAwait(false);
            if (page.S3Objects is { Count: > 0 } objects)
            {
                await Client.DeleteObjectsAsync(new DeleteObjectsRequest
                {
                    BucketName = Bucket,
                    Objects = objects.Select(o => new KeyVersion { Key = o.Key }).ToList(),
                    Quiet = true,
                }).ConfigureAwait(false);
            }

            if (page.IsTruncated != true)
            {
                return;
            }

            // Deleted keys are gone from the next listing, so the next page starts again from the prefix.
            request.ContinuationToken = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (moto is not null)
        {
            await moto.DisposeAsync().ConfigureAwait(false);
        }
    }
}
