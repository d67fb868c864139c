using S3Exchange.Testing;

namespace S3Exchange.Tests;

/// <summary>Tests in this collection share one S3 server.</summary>
[CollectionDefinition("S3")]
public sealed class S3Collection : ICollectionFixture<S3ServerFixture>
{
}
