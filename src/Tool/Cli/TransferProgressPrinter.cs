using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using S3Exchange.Reporting;

namespace S3Exchange.Tool.Cli;

/// <summary>
/// Progress of a publish or fetch on stderr: on a terminal one line rewritten in place, at most
/// ten times a second; in a log (stderr redirected, <c>--progress</c>) a line at most every
/// second. The last step is always printed. Thread-safe: the runtime reports from parallel units.
/// </summary>
internal sealed class TransferProgressPrinter : IProgress<TransferProgress>
{
    private readonly object gate = new();
    private readonly TextWriter error;
    private readonly string verb;
    private readonly string moved;
    private readonly bool terminal;
    private readonly TimeSpan interval;
    private readonly long started = Stopwatch.GetTimestamp();
    private long lastPrinted = long.MinValue;
    private int files;
    private long bytes;
    private bool lineOpen;
    private string? unprinted;

    private TransferProgressPrinter(TextWriter error, string verb, string moved, bool terminal)
    {
        this.error = error;
        this.verb = verb;
        this.moved = moved;
        this.terminal = terminal;
        interval = terminal ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1);
    }

    /// <summary>The <c>--progress</c> flag of the commands that print progress.</summary>
    public static Option<bool> CreateOption() => new("--progress") { Description = "Print progress (files, bytes, rate) on stderr even when it is not a terminal." };

    /// <summary>A printer when stderr is a terminal or <paramref name="forced"/> (--progress); null otherwise, so a script's log stays quiet.</summary>
    /// <param name="verb">The command, first on each line.</param>
    /// <param name="moved">What the bytes counted are: "sent" or "written".</param>
    /// <param name="forced">Whether --progress was given.</param>
    public static TransferProgressPrinter? Create(string verb, string moved, bool forced)
    {
        var terminal = !Console.IsErrorRedirected;
        return terminal || forced ? new TransferProgressPrinter(Console.Error, verb, moved, terminal) : null;
    }

    public void Report(TransferProgress value)
    {
        lock (gate)
        {
            files += value.Files;
            bytes += value.Bytes;
            var now = Stopwatch.GetTimestamp();
            var line = Line(value, Stopwatch.GetElapsedTime(started, now).TotalSeconds);

            // The last unit of a counted operation always shows; a download's bytes (no count)
            // end with Finish.
            var last = value.Total > 0 && value.Completed == value.Total;
            if (!last && lastPrinted != long.MinValue && Stopwatch.GetElapsedTime(lastPrinted, now) < interval)
            {
                unprinted = line;
                return;
            }

            lastPrinted = now;
            Print(line, last);
        }
    }

    /// <summary>Ends a line left open on the terminal (a failure or cancellation before the last step), so what follows starts on its own line.</summary>
    public void Finish()
    {
        lock (gate)
        {
            if (unprinted is { } line)
            {
                Print(line, last: false);
            }

            if (lineOpen)
            {
                error.WriteLine();
                lineOpen = false;
            }
        }
    }

    // "[3/8] 120 files, 35.20 MiB of 80.00 MiB sent, 12.3 MiB/s": the count and files when the
    // operation has them, the total bytes when known.
    private string Line(TransferProgress value, double seconds)
    {
        var text = new System.Text.StringBuilder("s3x ").Append(verb).Append(": ");
        if (value.Total > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{value.Completed}/{value.Total}] ");
        }

        if (files > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{files} files, ");
        }

        text.Append(Sizes.Mib(bytes));
        if (value.TotalBytes is { } total)
        {
            text.Append(" of ").Append(Sizes.Mib(total));
        }

        var rate = seconds > 0 ? bytes / 1048576.0 / seconds : 0;
        return text.Append(CultureInfo.InvariantCulture, $" {moved}, {rate:0.0} MiB/s").ToString();
    }

    private void Print(string line, bool last)
    {
        unprinted = null;
        if (terminal)
        {
            // Back to the line's start and clear it, so a shorter line leaves nothing behind.
            error.Write("\r" + line + "\u001b[K");
            lineOpen = !last;
            if (last)
            {
                error.WriteLine();
            }
        }
        else
        {
            error.WriteLine(line);
        }
    }
}
