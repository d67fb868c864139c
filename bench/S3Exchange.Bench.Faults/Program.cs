using System.Diagnostics;
using S3Exchange;
using S3Exchange.Bench.Faults;
using S3Exchange.Testing;

// Workloads through a FaultProxy at several fault rates, for several SDK retry settings, each
// beside the no-fault baseline (the SDK's default standard/3, no proxy faults) measured in the
// same process against the same server. See docs/faults.md for the command and the figures.
FaultBenchSettings settings;
try
{
    settings = FaultBenchSettings.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

// A 503 answer, a request cut before the server has it whole, a response cut before the client has it whole.
Fault[] faults = [Fault.SlowDown, Fault.CutRequest(512), Fault.CutResponse(64)];

var server = new S3ServerFixture();
await server.InitializeAsync();
try
{
    Console.WriteLine($"# {(server.IsMoto ? "moto_server" : server.Endpoint)}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, runs={settings.Runs}; faults: 503 SlowDown, request cut after 512 body bytes, response cut after 64 body bytes, evenly");
    Console.WriteLine();
    Console.WriteLine("| workload | retries | faults | operations ok | median time | × baseline | faults / requests a run |");
    Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");

    FaultWorkload[] workloads = [new SmallPutsWorkload(), new ShardedPutWorkload()];
    foreach (var workload in workloads.Where(w => settings.Selected(w.Name)))
    {
        var baseline = new Cell(workload, RetrySetting.SdkDefault, 0);
        var cells = settings.Settings.SelectMany(s => settings.Rates.Select(r => new Cell(workload, s, r))).ToList();

        // A warm-up run, not counted; then runs interleave, so a slow moment of the shared
        // machine touches every cell alike.
        await RunAsync(new Cell(workload, RetrySetting.SdkDefault, 0), 0);
        for (var run = 0; run < settings.Runs; run++)
        {
            await RunAsync(baseline, run);
            foreach (var cell in cells)
            {
                await RunAsync(cell, run);
            }

            Console.Error.WriteLine($"[{workload.Name}] run {run + 1}/{settings.Runs} done");
        }

        Console.WriteLine(baseline.Row(baseline, "baseline: standard/3, no faults"));
        foreach (var cell in cells)
        {
            Console.WriteLine(cell.Row(baseline, cell.Setting.ToString()));
        }
    }
}
finally
{
    await server.DisposeAsync();
}

return 0;

// One run on a fresh proxy (a new endpoint: the SDK's retry quota is per endpoint, so no run
// inherits another's) and a fresh base prefix, deleted afterwards.
async Task RunAsync(Cell cell, int run)
{
    var direct = server.CreateStore();
    var plan = cell.Rate == 0 ? FaultPlan.None : FaultPlan.WithProbability(cell.Rate, run, faults);
    await using (var proxy = FaultProxy.Start(server.Endpoint, plan))
    {
        var proxied = proxy.Redirect(server.Settings) with { RetryMode = cell.Setting.Mode, MaxAttempts = cell.Setting.MaxAttempts };
        var store = S3ExchangeStore.Create(proxied, direct.Options);
        using (store.Client)
        {
            var clock = Stopwatch.StartNew();
            var outcome = await cell.Workload.RunAsync(store);
            cell.Add(clock.Elapsed, outcome, proxy.Counters.Injected, proxy.Counters.Requests);
        }
    }

    await direct.DeletePrefixAsync(string.Empty);
    direct.Client.Dispose();
}
