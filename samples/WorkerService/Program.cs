// A worker service wired the way a .NET service team would: the S3Exchange store from DI and
// appsettings.json (the endpoint and credentials from the S3_* environment, as eng/run-sample.sh
// sets them), its log through ILogger, and its traces shown by an in-process ActivityListener.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkerService;

// appsettings.json is read from beside the app, wherever it is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddS3Exchange(builder.Configuration.GetSection("S3Exchange"));
builder.Services.AddHostedService<ExchangeWorker>();

using var traces = ConsoleTraces.Start();
using var host = builder.Build();
await host.RunAsync();
