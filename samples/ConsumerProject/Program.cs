// Uses the generated key builders against the S3 server the S3_* variables name, then looks up
// the build of itself that 'dotnet publish' stored (through the S3Exchange.Build package).
using System.Reflection;
using System.Text;
using ConsumerProject.Keys;
using S3Exchange;

var store = S3ExchangeStore.FromEnvironment(new S3ExchangeStoreOptions { BasePrefix = "sample" });

// Attribute-declared namespace: write a greeting and read it back.
var greetings = Greetings.For(Guid.NewGuid());
await greetings.PutObjectAsync(store, "hello.txt", Encoding.UTF8.GetBytes("hello from ConsumerProject"));
using (var reader = new StreamReader(await greetings.GetObjectAsync(store, "hello.txt")))
{
    Console.WriteLine($"{greetings.Key("hello.txt")}: {await reader.ReadToEndAsync()}");
}

// Item-declared namespace: the manifest the publish wrote for this version.
var version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
var release = Releases.For("ConsumerProject", version, "any");
if (await store.ExistsAsync(release.ManifestKey))
{
    var files = 0;
    await foreach (var file in store.ListManifestFilesAsync(release.ManifestKey))
    {
        files++;
    }

    Console.WriteLine($"{release.ManifestKey}: this build, published as {files} files");
}
else
{
    Console.WriteLine($"{release.ManifestKey}: not published yet (run 'dotnet publish')");
}
