// Publish benchmark: the same folder (5,000 files of 4-64 KiB plus 5 of 20 MiB) uploaded to the
// same S3 server by the S3Exchange.Build publish path (scan + SHA-256, plan, shards and loose
// objects in parallel, manifest) and by 'aws s3 cp --recursive' (awscli v1). Uses the server in
// S3EXCHANGE_TEST_ENDPOINT, or starts moto_server. Run: dotnet run -c Release --project bench/S3Exchange.Bench.Publish
using System.Globalization;
using S3Exchange;
using S3Exchange.Bench.Publish;
using S3Exchange.Testing;

var server = new S3ServerFixture();
await server.InitializeAsync();
var folder = Path.Combine(Path.GetTempPath(), "s3xb-bench-" + Guid.NewGuid().ToString("N")[..8]);
try
{
    var (count, bytes) = BenchmarkFolder.Create(folder, smallFiles: 5000, largeFiles: 5);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Folder: {count} files, {bytes / 1048576.0:0.0} MiB; server {server.Endpoint}"));

    var gzip = await TasksPublish.RunAsync(server, folder, ShardCompression.Gzip);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"S3Exchange.Build publish, gzip shards (default): {gzip.TotalSeconds,7:0.00} s"));
    var tasks = await TasksPublish.RunAsync(server, folder, ShardCompression.None);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"S3Exchange.Build publish, plain tar shards:     {tasks.TotalSeconds,7:0.00} s"));

    var awscli = AwsCliCopy.Run(server, folder);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"aws s3 cp --recursive:                         {awscli.TotalSeconds,7:0.00} s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Speed-up: {awscli / gzip:0.0}x with gzip shards, {awscli / tasks:0.0}x with plain tar shards (target >= 10x)"));
}
finally
{
    Directory.Delete(folder, recursive: true);
    await server.DisposeAsync();
}
