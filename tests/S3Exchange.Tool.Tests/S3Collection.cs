using S3Exchange.Testing;

namespace S3Exchange.Tool.Tests;

/// <summary>One S3 server and one installed tool for every test of the assembly.</summary>
[CollectionDefinition("S3")]
public sealed class S3Collection : ICollectionFixture<S3ServerFixture>, ICollectionFixture<InstalledTool>
{
}
