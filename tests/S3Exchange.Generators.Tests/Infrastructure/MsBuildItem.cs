using System.Collections.Generic;

namespace S3Exchange.Generators.Tests.Infrastructure;

/// <summary>
/// An &lt;S3ExchangeNamespace&gt; item as build/S3Exchange.targets hands it to the compiler:
/// an additional file under obj/ whose metadata carries the item's name and attributes. A null
/// metadata value is written as empty, as MSBuild writes a missing metadata.
/// </summary>
internal sealed record MsBuildItem(string Name, string? Template, string? Namespace = null, string? StoreVariables = null)
{
    public string Path => $"/project/obj/Debug/net10.0/s3exchange/{Name}.s3namespace";

    public IReadOnlyDictionary<string, string> Metadata => new Dictionary<string, string>
    {
        ["build_metadata.AdditionalFiles.S3ExchangeItemName"] = Name,
        ["build_metadata.AdditionalFiles.S3ExchangeTemplate"] = Template ?? string.Empty,
        ["build_metadata.AdditionalFiles.S3ExchangeTypeNamespace"] = Namespace ?? string.Empty,
        ["build_metadata.AdditionalFiles.S3ExchangeStoreVariables"] = StoreVariables ?? string.Empty,
    };
}
