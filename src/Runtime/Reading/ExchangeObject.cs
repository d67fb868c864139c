namespace S3Exchange;

/// <summary>
/// One object yielded while reading a manifest: its entry and its content. For a shard member
/// the content is a window on the archive stream and is only readable until the enumeration
/// moves on; read it (or copy it) before asking for the next object.
/// </summary>
public sealed class ExchangeObject : IAsyncDisposable, IDisposable
{
    internal ExchangeObject(FileEntry entry, Stream content)
    {
        Entry = entry;
        Content = content;
    }

    /// <summary>The object's entry; for a shard member it carries the virtual key, archive key and member path.</summary>
    public FileEntry Entry { get; }

    /// <summary>The object's bytes.</summary>
    public Stream Content { get; }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Content.DisposeAsync();

    /// <inheritdoc/>
    public void Dispose() => Content.Dispose();
}
