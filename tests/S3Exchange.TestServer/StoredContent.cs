using System.Security.Cryptography;

namespace S3Exchange.Testing;

/// <summary>What an object holds on the server, read back for an assertion.</summary>
public static class StoredContent
{
    /// <summary>The object's bytes.</summary>
    public static async Task<byte[]> BytesAsync(S3ExchangeStore store, string key)
    {
        var stored = await store.GetObjectAsync(key);
        await using (stored)
        {
            using var copy = new MemoryStream();
            await stored.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    /// <summary>The SHA-256 of the object's bytes, lowercase hex.</summary>
    public static async Task<string> Sha256Async(S3ExchangeStore store, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(await BytesAsync(store, key)));
}
