using S3Exchange.Testing;

namespace S3Exchange.Generators.Tests.EndToEnd;

/// <summary>Tests that talk to the fixture's real S3 server share one server.</summary>
[CollectionDefinition("S3")]
public sealed class S3Collection : ICollectionFixture<S3ServerFixture>
{
}
