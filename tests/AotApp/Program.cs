// Put an object, list it in a manifest, read it back through the manifest: the store's core path
// as native code. Settings from the S3_* environment; the base prefix is the first argument.
using S3Exchange;

using var store = S3ExchangeStore.FromEnvironment(new S3ExchangeStoreOptions { BasePrefix = args[0] });
var entry = await store.PutObjectAsync("aot/hello.txt", "hello from native AOT"u8.ToArray());
await store.WriteManifestAsync("aot/manifest.jsonl", [entry], ManifestWriteMode.AppendParts);
await foreach (var item in store.ReadObjectsAsync("aot/manifest.jsonl"))
{
    using var reader = new StreamReader(item.Content);
    Console.WriteLine($"{item.Entry.Key}\t{await reader.ReadToEndAsync()}");
}
