using Amazon.S3;

namespace S3Exchange;

/// <summary>
/// The S3Exchange store: keys resolved from templates under a base prefix, objects, manifests
/// and shard archives in one bucket. The C# counterpart of the Python <c>S3ExchangeStore</c>.
/// </summary>
/// <remarks>
/// Key arguments are templates relative to <see cref="S3ExchangeStoreOptions.BasePrefix"/>;
/// placeholders the call does not fill come from
/// <see cref="S3ExchangeStoreOptions.DefaultVariables"/>. Keys inside manifest entries, and the
/// keys of returned entries, are full bucket keys, so a manifest reads the same from any store.
/// The store is thread-safe. Disposing it disposes the client only when the store created it
/// (<see cref="Create"/>, <see cref="FromEnvironment"/>); a client passed in stays the caller's.
/// </remarks>
public sealed partial class S3ExchangeStore : IDisposable, IAsyncDisposable
{
    private readonly ObjectStorage storage;
    private readonly ManifestReader manifestReader;
    private readonly ManifestPublisher manifestPublisher;
    private readonly ShardMemberLister shardMembers;
    private readonly ObjectOpener objectOpener;
    private readonly ObjectWriter objectWriter;
    private readonly ManifestObjectReader objectReader;
    private readonly ManifestFileLister fileLister;
    private readonly ManifestDeleter manifestDeleter;
    private readonly BufferBudget buffers;
    private readonly string basePrefix;
    private readonly bool ownsClient;

    /// <summary>Creates a store over <paramref name="client"/> and <paramref name="bucket"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is zero, negative or too small.</exception>
    public S3ExchangeStore(IAmazonS3 client, string bucket, S3ExchangeStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        Options = options ?? new S3ExchangeStoreOptions();
        Options.Validate();
        basePrefix = Options.BasePrefix is { } prefix ? KeyPath.Normalize(prefix) : string.Empty;
        buffers = new BufferBudget(Options.MemoryBudgetBytes);
        storage = new ObjectStorage(client, bucket, Options.S3CompatibleEndpoint, Options.LoggerFactory?.CreateLogger(S3ExchangeLog.Category));
        manifestReader = new ManifestReader(storage, Options.MaxManifestDepth);
        manifestPublisher = new ManifestPublisher(storage, manifestReader, Options);
        var shardIndexes = new ShardIndexCache(storage);
        shardMembers = new ShardMemberLister(storage, shardIndexes);
        objectOpener = new ObjectOpener(storage, new ShardMemberOpener(storage, shardIndexes));
        objectWriter = new ObjectWriter(storage, UploadSettings, Options.InferIds);
        objectReader = new ManifestObjectReader(storage, manifestReader, objectOpener);
        fileLister = new ManifestFileLister(manifestReader, shardMembers, storage.Logger);
        manifestDeleter = new ManifestDeleter(manifestReader, storage.DeleteManyAsync);
    }

    private S3ExchangeStore(IAmazonS3 client, string bucket, S3ExchangeStoreOptions? options, bool ownsClient)
        : this(client, bucket, options)
    {
        this.ownsClient = ownsClient;
    }

    /// <summary>The client the store sends its requests with.</summary>
    public IAmazonS3 Client => storage.Client;

    /// <summary>The storage layer the store's engines send their requests through (errors translated).</summary>
    internal ObjectStorage Storage => storage;

    /// <summary>The store's bucket.</summary>
    public string Bucket => storage.Bucket;

    /// <summary>The store's options.</summary>
    public S3ExchangeStoreOptions Options { get; }

    /// <summary>
    /// How appends to root manifests are guarded on this server, as far as the store has found
    /// out (it adapts on the first append that shows a server's difference from AWS).
    /// </summary>
    public ConditionalWriteStatus ConditionalWrites => manifestPublisher.ConditionalWrites;

    /// <summary>The budget every upload buffer of this store is leased from (<see cref="S3ExchangeStoreOptions.MemoryBudgetBytes"/>).</summary>
    internal BufferBudget Buffers => buffers;

    private UploadSettings UploadSettings => new(Options.PartSizeBytes, Options.MaxConcurrentPartsPerUpload, buffers);

    /// <summary>
    /// A store for the server, bucket and credentials in <paramref name="settings"/>
    /// (see <see cref="S3ExchangeSettings.FromEnvironment"/>).
    /// </summary>
    public static S3ExchangeStore Create(S3ExchangeSettings settings, S3ExchangeStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        options ??= new S3ExchangeStoreOptions();
        if (settings.IsS3Compatible && !options.S3CompatibleEndpoint)
        {
            options = options with { S3CompatibleEndpoint = true };
        }

        return new S3ExchangeStore(settings.CreateClient(), settings.Bucket, options, ownsClient: true);
    }

    /// <summary>A store configured from <c>S3_*</c> environment variables and an optional <c>.env</c> file.</summary>
    public static S3ExchangeStore FromEnvironment(S3ExchangeStoreOptions? options = null, string? dotEnvPath = null) =>
        Create(S3ExchangeSettings.FromEnvironment(dotEnvPath), options);

    /// <summary>
    /// The full bucket key for <paramref name="template"/>: placeholders filled from
    /// <paramref name="variables"/> and the default variables, the base prefix put in front,
    /// normalised (the Python <c>_resolve_key</c>).
    /// </summary>
    /// <exception cref="MissingPlaceholderException">A placeholder has no value.</exception>
    /// <exception cref="InvalidPlaceholderValueException">A value is empty or would leave its path segment.</exception>
    public string ResolveKey(string template, IReadOnlyDictionary<string, string>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        var relative = KeyTemplate.HasPlaceholders(template)
            ? KeyTemplate.Parse(template).Resolve(variables, Options.DefaultVariables)
            : KeyPath.Normalize(template);
        return basePrefix.Length == 0 ? relative : relative.Length == 0 ? basePrefix : string.Concat(basePrefix, "/", relative);
    }

    /// <summary>
    /// A view of this store under <paramref name="prefixTemplate"/> with some variables fixed,
    /// e.g. <c>Scope("training/{job_id}/samples", new() { ["job_id"] = "123" })</c>.
    /// </summary>
    public ScopedStore Scope(string prefixTemplate, IReadOnlyDictionary<string, string>? variables = null) =>
        new(this, prefixTemplate, variables);

    /// <summary>Disposes the client if the store created it; nothing else holds resources.</summary>
    public void Dispose()
    {
        if (ownsClient)
        {
            storage.Client.Dispose();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    // A prefix keeps its trailing '/', which separates "a/1/" from "a/10/".
    private string ResolvePrefix(string prefix)
    {
        var resolved = ResolveKey(prefix);
        return prefix.EndsWith('/') && resolved.Length > 0 ? resolved + "/" : resolved;
    }
}
