using S3Exchange.Testing;

namespace S3Exchange.DependencyInjection.Tests;

/// <summary>One S3 server for every test of the assembly.</summary>
[CollectionDefinition("S3")]
public sealed class S3Collection : ICollectionFixture<S3ServerFixture>
{
}
