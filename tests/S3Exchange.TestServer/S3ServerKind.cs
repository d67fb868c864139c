namespace S3Exchange.Testing;

/// <summary>The S3 servers whose differences from AWS the tests know.</summary>
public enum S3ServerKind
{
    /// <summary>moto_server (accepts AWS's quoted If-Match ETags).</summary>
    Moto,

    /// <summary>Ceph RGW (Debian's radosgw 16.2: If-Match matches only the bare ETag; empty ETag from CompleteMultipartUpload).</summary>
    CephRgw,

    /// <summary>Any other server (S3EXCHANGE_TEST_ENDPOINT without a known S3EXCHANGE_TEST_SERVER).</summary>
    Other,
}
