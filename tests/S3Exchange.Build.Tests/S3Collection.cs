using S3Exchange.Testing;

namespace S3Exchange.Build.Tests;

[CollectionDefinition("S3")]
public sealed class S3Collection : ICollectionFixture<S3ServerFixture>
{
}
