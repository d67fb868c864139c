using System.Formats.Tar;
using System.IO.Compression;

namespace S3Exchange.Bench.Store.Workloads;

/// <summary>
/// The floor under iterating a tar.gz manifest on this machine: the same archives gunzipped by
/// .NET's zlib and untarred from memory, two at a time as the store reads them (the current one
/// and the one fetched ahead), with no request at all; beside the same raw GETs as "iterate". A
/// reader that gunzips with zlib cannot iterate faster than this row's left side, so where it is
/// already above a target ratio, no change to the store meets that target here.
/// </summary>
internal sealed class DecodeFloorWorkload(BenchServer server, BenchSettings settings, Func<Task<ShardedDataset>> dataset)
    : IterateShardsWorkload(server, settings, dataset, "iterate-floor")
{
    protected override string Note => $"{Data.Shards.Count} archives decoded from memory, 2 at once, no request; the floor under \"iterate\"";

    protected override string Describe() => $"gunzip + untar {Data.Items.Count:N0} objects from memory (no server)";

    protected override async Task<Measurement> RunStoreOnceAsync(int run)
    {
        long bytes = 0;
        var measured = await Measurement.TakeAsync(() => Parallel.ForEachAsync(
            Data.Archives,
            new ParallelOptions { MaxDegreeOfParallelism = 2 },
            async (archive, token) =>
            {
                var buffer = new byte[81920];
                using var gzip = new GZipStream(new MemoryStream(archive, writable: false), CompressionMode.Decompress);
                using var tar = new TarReader(gzip);
                long archiveBytes = 0;
                while (await tar.GetNextEntryAsync(copyData: false, token).ConfigureAwait(false) is { } entry)
                {
                    if (entry.DataStream is { } content && entry.Name != ShardEntry.DefaultInternalManifestPath)
                    {
                        archiveBytes += await Drain.ToEndAsync(content, buffer).ConfigureAwait(false);
                    }
                }

                Interlocked.Add(ref bytes, archiveBytes);
            })).ConfigureAwait(false);
        Check.Equal(Data.ItemBytes, bytes, "member bytes decoded");
        return measured;
    }
}
