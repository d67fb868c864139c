using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace S3Exchange.Generators.Tests.Infrastructure;

/// <summary>
/// An additional file as the compiler sees an S3ExchangeNamespace item: a path with no
/// content. Reading it fails the test, since the generator must use only its metadata.
/// </summary>
internal sealed class InMemoryAdditionalText(string path) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText? GetText(CancellationToken cancellationToken = default)
        => throw new Xunit.Sdk.XunitException($"The generator read the content of '{Path}'; it must only read its metadata.");
}
