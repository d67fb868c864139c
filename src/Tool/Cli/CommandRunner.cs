using System.CommandLine;

namespace S3Exchange.Tool.Cli;

/// <summary>Runs a command's work with its store, turning every failure into one stderr line and an exit code.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(ParseResult parsed, ConnectionOptions connection, Func<S3ExchangeStore, TextWriter, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        try
        {
            var store = connection.CreateStore(parsed);
            return await work(store, Console.Out, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return Failures.Report(ex, Console.Error, cancellationToken.IsCancellationRequested);
        }
    }
}
