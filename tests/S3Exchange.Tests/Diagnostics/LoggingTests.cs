using Microsoft.Extensions.Logging;
using S3Exchange.Testing;

namespace S3Exchange.Tests.Diagnostics;

/// <summary>What the store logs through the ILoggerFactory in its options, against a real server.</summary>
[Collection("S3")]
public sealed class LoggingTests(S3ServerFixture server)
{
    // What is known before any probe is logged with the first append; what a probe finds (RGW:
    // bare ETags) is logged when found. So moto logs one finding and RGW two, each once.
    [Fact]
    public async Task Each_conditional_write_finding_is_logged_once_when_found_and_the_last_is_the_stores_status()
    {
        var log = new RecordingLoggerFactory();
        var store = server.CreateStore(options: new S3ExchangeStoreOptions { LoggerFactory = log });
        var entry = await store.PutObjectAsync("log/a.txt", "a"u8.ToArray());

        await store.WriteManifestAsync("log/manifest.jsonl", [entry], ManifestWriteMode.AppendParts);
        var afterFirst = Detected(log);
        await store.WriteManifestAsync("log/manifest.jsonl", [entry], ManifestWriteMode.AppendParts);

        Assert.NotEmpty(afterFirst);
        Assert.Equal(afterFirst, Detected(log));
        Assert.Equal(afterFirst.Count, afterFirst.Select(m => m.Text).Distinct().Count());
        Assert.All(afterFirst, m => Assert.Equal((1, "S3Exchange", LogLevel.Warning, (object?)server.Bucket), (m.EventId.Id, m.Category, m.Level, m.Values["Bucket"])));
        Assert.Equal(store.ConditionalWrites.Detected, afterFirst[^1].Values["Behaviour"]);
    }

    private static List<LoggedMessage> Detected(RecordingLoggerFactory log) =>
        log.Messages.Where(m => m.EventId.Name == "ConditionalWritesDetected").ToList();

    [Fact]
    public async Task A_skipped_shard_is_logged_with_its_archive_key()
    {
        var log = new RecordingLoggerFactory();
        var store = server.CreateStore(options: new S3ExchangeStoreOptions { LoggerFactory = log });
        var missing = new ShardEntry(store.ResolveKey("log/shards/missing.tar.gz")) { Compression = ShardCompression.Gzip, Count = 1 };
        await store.WriteManifestAsync("log/manifest.jsonl", [missing]);

        var query = store.ReadObjectsAsync("log/manifest.jsonl", new ReadObjectsOptions { SkipUnreadableShards = true });
        await foreach (var unused in query)
        {
        }

        var skipped = Assert.Single(log.Messages, m => m.EventId.Name == "ShardSkipped");
        Assert.Equal(4, skipped.EventId.Id);
        Assert.Equal(missing.ArchiveKey, skipped.Values["ArchiveKey"]);
        Assert.Equal(Assert.Single(query.SkippedShards).Message, skipped.Values["Reason"]);
    }

    [Fact]
    public async Task An_aborted_multipart_upload_is_logged_with_its_key_and_upload_id()
    {
        var log = new RecordingLoggerFactory();
        var store = server.CreateStore(options: new S3ExchangeStoreOptions { LoggerFactory = log, PartSizeBytes = 5 * 1024 * 1024 });
        // A source that fails after more than one part: the upload is multipart, then aborted.
        using var source = new FailingStream(6 * 1024 * 1024);

        await Assert.ThrowsAsync<IOException>(() => store.PutObjectAsync("log/big.bin", source));

        var aborted = Assert.Single(log.Messages, m => m.EventId.Name == "MultipartUploadAborted");
        Assert.Equal(5, aborted.EventId.Id);
        Assert.Equal(store.ResolveKey("log/big.bin"), aborted.Values["Key"]);
        Assert.False(string.IsNullOrEmpty(aborted.Values["UploadId"] as string));
        Assert.False(await store.ExistsAsync("log/big.bin"));
    }

    [Fact]
    public async Task Without_a_logger_factory_the_store_logs_through_the_null_logger()
    {
        var store = server.CreateStore();

        await store.PutObjectAsync("log/a.txt", "a"u8.ToArray());

        Assert.Same(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, store.Storage.Logger);
    }
}
