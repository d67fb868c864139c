using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using S3Exchange.Testing;

namespace S3Exchange.DependencyInjection.Tests;

/// <summary>Stores registered with <c>AddS3Exchange</c> in a real host, from configuration, against the fixture's server.</summary>
[Collection("S3")]
public sealed class HostRegistrationTests(S3ServerFixture server)
{
    private readonly string prefix = "di-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task The_store_comes_from_the_configuration_section_and_logs_through_the_hosts_logger_factory()
    {
        var builder = NewBuilder(Section("S3Exchange", prefix));
        builder.Services.AddS3Exchange(builder.Configuration.GetSection("S3Exchange"));
        using var host = builder.Build();
        await host.StartAsync();

        var store = host.Services.GetRequiredService<S3ExchangeStore>();
        var entry = await store.PutObjectAsync("a.txt", "alpha"u8.ToArray());
        await store.WriteManifestAsync("manifest.jsonl", [entry]);

        Assert.Equal(server.Bucket, store.Bucket);
        Assert.Equal($"{prefix}/a.txt", entry.Key);
        Assert.Equal([entry.Key], await store.ListManifestFilesAsync("manifest.jsonl").Select(f => f.Key).ToListAsync());
        Assert.Same(host.Services.GetRequiredService<ILoggerFactory>(), store.Options.LoggerFactory);
        Assert.Same(store, host.Services.GetRequiredService<S3ExchangeStore>());
        await host.StopAsync();
    }

    [Fact]
    public async Task Keyed_stores_each_have_their_own_section_and_are_injected_by_key()
    {
        var builder = NewBuilder(Section("Stores:Training", prefix + "/training"), Section("Stores:Serving", prefix + "/serving"));
        builder.Services.AddKeyedS3Exchange("training", builder.Configuration.GetSection("Stores:Training"));
        builder.Services.AddKeyedS3Exchange("serving", builder.Configuration.GetSection("Stores:Serving"));
        builder.Services.AddSingleton<TwoStores>();
        using var host = builder.Build();
        await host.StartAsync();

        var both = host.Services.GetRequiredService<TwoStores>();
        var trained = await both.Training.PutObjectAsync("model.bin", new byte[] { 1 });
        var served = await both.Serving.PutObjectAsync("model.bin", new byte[] { 2 });

        Assert.Equal($"{prefix}/training/model.bin", trained.Key);
        Assert.Equal($"{prefix}/serving/model.bin", served.Key);
        Assert.Same(both.Training, host.Services.GetRequiredKeyedService<S3ExchangeStore>("training"));
        Assert.Null(host.Services.GetService<S3ExchangeStore>());
        await host.StopAsync();
    }

    [Fact]
    public async Task Invalid_options_fail_the_host_at_start_naming_each_setting_by_its_path()
    {
        var settings = Section("S3Exchange", prefix);
        settings["S3Exchange:Endpoint"] = "ftp://nowhere";
        settings["S3Exchange:MaxConcurrency"] = "0";
        settings.Remove("S3Exchange:SecretAccessKey");
        var builder = NewBuilder(settings);
        builder.Services.AddS3Exchange(builder.Configuration.GetSection("S3Exchange"));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            [
                "S3Exchange:Endpoint 'ftp://nowhere' is neither an http(s) URL nor 'aws'.",
                "S3Exchange:MaxConcurrency must be positive, not 0.",
                "S3Exchange:AccessKeyId and S3Exchange:SecretAccessKey go together; set both or neither.",
            ],
            ex.Failures);
    }

    [Fact]
    public async Task The_memory_budget_and_part_size_are_bound_from_the_section()
    {
        var settings = Section("S3Exchange", prefix);
        settings["S3Exchange:PartSizeBytes"] = "5242880";
        settings["S3Exchange:MemoryBudgetBytes"] = "10485760";
        var builder = NewBuilder(settings);
        builder.Services.AddS3Exchange(builder.Configuration.GetSection("S3Exchange"));
        using var host = builder.Build();
        await host.StartAsync();

        var store = host.Services.GetRequiredService<S3ExchangeStore>();

        Assert.Equal((5_242_880, 10_485_760L), (store.Options.PartSizeBytes, store.Options.MemoryBudgetBytes));
        await host.StopAsync();
    }

    [Theory]
    [InlineData("9", null)]
    [InlineData("10", "S3Exchange:ShardCompressionLevel is a gzip level from 0 (stored) to 9 (smallest), not 10.")]
    public async Task The_shard_compression_level_is_bound_from_the_section_and_one_past_9_fails_the_host_at_start(string level, string? expected)
    {
        var settings = Section("S3Exchange", prefix);
        settings["S3Exchange:ShardCompressionLevel"] = level;
        var builder = NewBuilder(settings);
        builder.Services.AddS3Exchange(builder.Configuration.GetSection("S3Exchange"));
        using var host = builder.Build();

        if (expected is null)
        {
            await host.StartAsync();
            Assert.Equal(9, host.Services.GetRequiredService<S3ExchangeStore>().Options.ShardCompressionLevel);
            await host.StopAsync();
        }
        else
        {
            var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
            Assert.Equal([expected], ex.Failures);
        }
    }

    [Theory]
    [InlineData(null, "8388607", "S3Exchange:MemoryBudgetBytes must be at least the part size (8388608), not 8388607.")]
    [InlineData("16777216", "8388608", "S3Exchange:MemoryBudgetBytes must be at least the part size (16777216), not 8388608.")]
    public async Task A_memory_budget_below_the_part_size_fails_the_host_at_start_naming_both(string? partSize, string budget, string expected)
    {
        var settings = Section("S3Exchange", prefix);
        settings["S3Exchange:PartSizeBytes"] = partSize;
        settings["S3Exchange:MemoryBudgetBytes"] = budget;
        var builder = NewBuilder(settings);
        builder.Services.AddS3Exchange(builder.Configuration.GetSection("S3Exchange"));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal([expected], ex.Failures);
    }

    [Fact]
    public async Task A_registered_client_is_used_and_left_open_while_a_client_the_store_built_is_disposed_with_the_host()
    {
        var withClient = NewBuilder(new Dictionary<string, string?> { ["S3Exchange:Bucket"] = server.Bucket, ["S3Exchange:BasePrefix"] = prefix });
        withClient.Services.AddSingleton<IAmazonS3>(server.Client);
        withClient.Services.AddS3Exchange(withClient.Configuration.GetSection("S3Exchange"));
        var own = NewBuilder(Section("S3Exchange", prefix));
        own.Services.AddS3Exchange(own.Configuration.GetSection("S3Exchange"));

        IAmazonS3 built;
        using (var host = withClient.Build())
        {
            var store = host.Services.GetRequiredService<S3ExchangeStore>();
            Assert.Same(server.Client, store.Client);
            Assert.True(store.Options.S3CompatibleEndpoint);
            await store.PutObjectAsync("shared.txt", "x"u8.ToArray());
        }

        using (var host = own.Build())
        {
            var store = host.Services.GetRequiredService<S3ExchangeStore>();
            built = store.Client;
            Assert.NotSame(server.Client, built);
            Assert.True(await store.ExistsAsync("shared.txt"));
        }

        Assert.NotNull(await server.Client.GetObjectMetadataAsync(server.Bucket, $"{prefix}/shared.txt"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => built.GetObjectMetadataAsync(server.Bucket, $"{prefix}/shared.txt"));
    }

    private HostApplicationBuilder NewBuilder(params Dictionary<string, string?>[] sections)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        foreach (var section in sections)
        {
            builder.Configuration.AddInMemoryCollection(section);
        }

        return builder;
    }

    // What an appsettings.json section for the fixture's server holds.
    private Dictionary<string, string?> Section(string path, string basePrefix) => new()
    {
        [$"{path}:Endpoint"] = server.Endpoint,
        [$"{path}:Region"] = server.Settings.Region,
        [$"{path}:Bucket"] = server.Bucket,
        [$"{path}:BasePrefix"] = basePrefix,
        [$"{path}:AccessKeyId"] = server.Settings.AccessKeyId,
        [$"{path}:SecretAccessKey"] = server.Settings.SecretAccessKey,
    };

    private sealed class TwoStores([FromKeyedServices("training")] S3ExchangeStore training, [FromKeyedServices("serving")] S3ExchangeStore serving)
    {
        public S3ExchangeStore Training { get; } = training;

        public S3ExchangeStore Serving { get; } = serving;
    }
}
