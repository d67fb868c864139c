namespace S3Exchange.Extensions.DependencyInjection;

/// <summary>
/// A store's settings as they are bound from configuration (e.g. the <c>S3Exchange</c> section
/// of appsettings.json). Unset values fall back to the <c>S3_*</c> environment variables and the
/// runtime's defaults (<see cref="S3ExchangeSettings.FromEnvironment"/>), so the same service
/// runs against a local server in development and AWS in production by configuration alone.
/// </summary>
/// <remarks>
/// A class with settable properties, unlike the runtime's option records (<see cref="S3ExchangeStoreOptions"/>
/// and the others, <c>init</c>-only): configuration binding and <c>Configure&lt;S3ExchangeOptions&gt;(o =&gt; …)</c>
/// set the properties of an instance after it is made. The store gets its own
/// <see cref="S3ExchangeStoreOptions"/> record built from these values.
/// </remarks>
public sealed class S3ExchangeOptions
{
    /// <summary>The server URL (e.g. <c>http://127.0.0.1:9000</c>), or <c>aws</c> for AWS itself.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The signing region.</summary>
    public string? Region { get; set; }

    /// <summary>The bucket.</summary>
    public string? Bucket { get; set; }

    /// <summary>A prefix in front of every key the store resolves.</summary>
    public string? BasePrefix { get; set; }

    /// <summary>The access key id; prefer the environment, user secrets or the AWS credential chain to a file.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The secret access key (never logged).</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary>Requests in flight at once for operations over many objects.</summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>Part size of multipart uploads, at least 5 MiB.</summary>
    public int? PartSizeBytes { get; set; }

    /// <summary>The most bytes of upload buffers the store holds at once, for all its uploads together (see <see cref="S3ExchangeStoreOptions.MemoryBudgetBytes"/>); at least the part size.</summary>
    public long? MemoryBudgetBytes { get; set; }

    /// <summary>The gzip level of shard archives, 0 (stored) to 9 (smallest); default 2 (see <see cref="S3ExchangeStoreOptions.ShardCompressionLevel"/>).</summary>
    public int? ShardCompressionLevel { get; set; }

    /// <summary>How appends to a root manifest are protected against concurrent writers.</summary>
    public ConditionalWriteMode? ConditionalWrites { get; set; }

    /// <summary>Whether the server's conditional writes are an atomic compare-and-swap (see <see cref="S3ExchangeStoreOptions.AtomicConditionalWrites"/>).</summary>
    public bool? AtomicConditionalWrites { get; set; }
}
