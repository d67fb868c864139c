using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using S3Exchange;

namespace WorkerService;

/// <summary>Appends a few results to a manifest by parts, reads them back, and stops the host.</summary>
internal sealed partial class ExchangeWorker(S3ExchangeStore store, ILogger<ExchangeWorker> logger, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var run = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var manifest = $"runs/{run}/manifest.jsonl";
        for (var i = 0; i < 3; i++)
        {
            var entry = await store.PutObjectAsync($"runs/{run}/result-{i}.json", System.Text.Encoding.UTF8.GetBytes($"{{\"step\":{i}}}"), cancellationToken: stoppingToken);
            await store.WriteManifestAsync(manifest, [entry], ManifestWriteMode.AppendParts, stoppingToken);
        }

        var files = 0;
        await foreach (var unused in store.ListManifestFilesAsync(manifest, cancellationToken: stoppingToken))
        {
            files++;
        }

        Log.ReadBack(logger, store.ResolveKey(manifest), files);
        lifetime.StopApplication();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Manifest {ManifestKey} lists {Files} files")]
        public static partial void ReadBack(ILogger logger, string manifestKey, int files);
    }
}
