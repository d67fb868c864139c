using System.CommandLine;
using S3Exchange.Tool.Cli;
using S3Exchange.Tool.Commands;

var connection = new ConnectionOptions();
var root = new RootCommand("s3x: S3Exchange manifests from the command line. Settings: the flags, then the first variable set of S3_ENDPOINT_URL, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL (else http://127.0.0.1:3900; 'aws' for AWS itself); S3_REGION, AWS_REGION, AWS_DEFAULT_REGION (else garage); S3_BUCKET (else default), each from the environment, else ./.env; credentials only from S3_AWS_ACCESS_KEY_ID / S3_AWS_SECRET_ACCESS_KEY or the AWS credential chain (AWS_ACCESS_KEY_ID, AWS_PROFILE...).\n\nExit codes: 0 success, 1 failure, 2 unusable setting, 3 not found, 4 content or path mismatch, 130 cancelled.");
foreach (var option in connection.All)
{
    root.Options.Add(option);
}

root.Subcommands.Add(LsCommand.Create(connection));
root.Subcommands.Add(CatCommand.Create(connection));
root.Subcommands.Add(FetchCommand.Create(connection));
root.Subcommands.Add(PublishCommand.Create(connection));
root.Subcommands.Add(VerifyCommand.Create(connection));
root.Subcommands.Add(GetCommand.Create(connection));
root.Subcommands.Add(PutCommand.Create(connection));
root.Subcommands.Add(CompactCommand.Create(connection));
root.Subcommands.Add(RmCommand.Create(connection));
// Ctrl-C (SIGINT) or SIGTERM cancels the command's token; the wait lets a cancelled upload abort
// its multipart upload and end with exit code 130 instead of the process being cut off (default 2 s).
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) };
return await root.Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
