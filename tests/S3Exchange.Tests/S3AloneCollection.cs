using S3Exchange.Testing;

namespace S3Exchange.Tests;

/// <summary>
/// Tests that measure the whole process (allocations counted by the GC) run in this collection:
/// alone, after the parallel collections have finished, against a server of their own (a
/// second <see cref="S3ServerFixture"/>, started when the collection runs).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class S3AloneCollection : ICollectionFixture<S3ServerFixture>
{
    public const string Name = "S3 alone";
}
