namespace S3Exchange;

/// <summary>How a shard's tar stream is compressed.</summary>
public enum ShardCompression
{
    /// <summary>Plain tar (<c>"compression":null</c>); members can be read with one ranged GET.</summary>
    None,

    /// <summary>gzip (<c>"gzip"</c>, <c>.tar.gz</c>).</summary>
    Gzip,

    /// <summary>bzip2 (<c>"bz2"</c>, <c>.tar.bz2</c>).</summary>
    Bzip2,

    /// <summary>xz (<c>"xz"</c>, <c>.tar.xz</c>): recognised, but this library has no xz codec.</summary>
    Xz,
}
