// TEMPORARY: the store API the generated code calls, until it lands on main; delete then.

        #nullable enable
        #pragma warning disable CS1591
        namespace S3Exchange
        {
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            public abstract class ManifestEntry { }
            public sealed class FileEntry : ManifestEntry { }
            public sealed class ShardEntry : ManifestEntry { }
            public sealed class PutObjectOptions { }
            public sealed class ReadObjectsOptions { }
            public sealed class ExchangeObject { }
            public enum ManifestWriteMode { Overwrite, AppendParts }
            public sealed class ShardItem { }
            public enum ShardCompression { None, Gzip }
            public sealed class Shard { }
            public sealed class CompactReport { }
            public sealed class CompactOptions { }

            public sealed class S3ExchangeStore
            {
                public Task<FileEntry> PutObjectAsync(string key, ReadOnlyMemory<byte> data, PutObjectOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
                public Task<FileEntry> PutObjectAsync(string key, Stream data, PutObjectOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
                public Task<FileEntry> PutFileAsync(string key, string filePath, PutObjectOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
                public Task<Stream> GetObjectAsync(string key, CancellationToken cancellationToken = default) => throw null!;
                public IAsyncEnumerable<ExchangeObject> ReadObjectsAsync(string manifestKey, ReadObjectsOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
                public Task WriteManifestAsync(string manifestKey, IEnumerable<ManifestEntry> entries, ManifestWriteMode mode = ManifestWriteMode.Overwrite, CancellationToken cancellationToken = default) => throw null!;
                public Task<Shard> PutShardArchiveAsync(string archiveKey, IEnumerable<ShardItem> items, ShardCompression compression = ShardCompression.Gzip, CancellationToken cancellationToken = default) => throw null!;
                public Task PutShardedAsync(string manifestKey, IEnumerable<ShardEntry> shardEntries, ManifestWriteMode mode = ManifestWriteMode.AppendParts, CancellationToken cancellationToken = default) => throw null!;
                public Task<int> DeletePrefixAsync(string prefix, System.Text.RegularExpressions.Regex? filter = null, CancellationToken cancellationToken = default) => throw null!;
                public Task<CompactReport> CompactManifestAsync(string sourceManifestKey, string destinationManifestKey, CompactOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
            }
        }
        