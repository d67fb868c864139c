using S3Exchange.Generators.Parsing;

namespace S3Exchange.Generators.Tests.Infrastructure;

/// <summary>
/// An &lt;S3ExchangeNamespace&gt; item as build/S3Exchange.targets hands it to the compiler:
/// an additional file under obj/ whose metadata carries the item's name and attributes. A null
/// metadata value is written as empty, as MSBuild writes a missing metadata; values are encoded
/// as the targets encode them for the .editorconfig.
/// </summary>
internal sealed record MsBuildItem(string Name, string? Template, string? Namespace = null, string? StoreVariables = null)
{
    public string Path => $"/project/obj/Debug/net10.0/s3exchange/{MsBuildMetadata.Encode(Name)}.s3namespace";

    public IReadOnlyDictionary<string, string> Metadata => new Dictionary<string, string>
    {
        ["build_metadata.AdditionalFiles.S3ExchangeItemName"] = MsBuildMetadata.Encode(Name),
        ["build_metadata.AdditionalFiles.S3ExchangeTemplate"] = MsBuildMetadata.Encode(Template ?? string.Empty),
        ["build_metadata.AdditionalFiles.S3ExchangeTypeNamespace"] = MsBuildMetadata.Encode(Namespace ?? string.Empty),
        ["build_metadata.AdditionalFiles.S3ExchangeStoreVariables"] = MsBuildMetadata.Encode(StoreVariables ?? string.Empty),
    };
}
