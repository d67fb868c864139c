using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace S3Exchange.Extensions.DependencyInjection;

/// <summary>Builds a registered store from its named options, the environment and the container's services.</summary>
internal static class StoreFactory
{
    public static S3ExchangeStore Create(IServiceProvider services, string name, string? key, string sectionPath)
    {
        var options = services.GetRequiredService<IOptionsMonitor<S3ExchangeOptions>>().Get(name);
        var settings = S3ExchangeSettings.FromEnvironment();
        if (options.Endpoint is { Length: > 0 } endpoint)
        {
            settings = settings.WithEndpoint(endpoint, sectionPath + ":Endpoint");
        }

        settings = settings with
        {
            Region = options.Region ?? settings.Region,
            Bucket = options.Bucket ?? settings.Bucket,
            AccessKeyId = options.AccessKeyId ?? settings.AccessKeyId,
            SecretAccessKey = options.SecretAccessKey ?? settings.SecretAccessKey,
        };

        var storeOptions = new S3ExchangeStoreOptions
        {
            BasePrefix = options.BasePrefix,
            LoggerFactory = services.GetService<ILoggerFactory>(),
            ConditionalWrites = options.ConditionalWrites ?? ConditionalWriteMode.Auto,
            AtomicConditionalWrites = options.AtomicConditionalWrites,
        };
        if (options.MaxConcurrency is { } concurrency)
        {
            storeOptions = storeOptions with { MaxConcurrency = concurrency };
        }

        if (options.PartSizeBytes is { } partSize)
        {
            storeOptions = storeOptions with { PartSizeBytes = partSize };
        }

        if (options.MemoryBudgetBytes is { } budget)
        {
            storeOptions = storeOptions with { MemoryBudgetBytes = budget };
        }

        if (options.ShardCompressionLevel is { } level)
        {
            storeOptions = storeOptions with { ShardCompressionLevel = level };
        }

        // A client the application registered is the one it configured (proxy, retries,
        // credentials): used unless these options name a server or credentials of their own.
        var registered = (key is null ? null : services.GetKeyedService<IAmazonS3>(key))
            ?? (options.Endpoint is null && options.AccessKeyId is null ? services.GetService<IAmazonS3>() : null);
        if (registered is null)
        {
            return S3ExchangeStore.Create(settings, storeOptions);
        }

        return new S3ExchangeStore(registered, settings.Bucket, storeOptions with { S3CompatibleEndpoint = registered.Config.ServiceURL is not null });
    }
}
