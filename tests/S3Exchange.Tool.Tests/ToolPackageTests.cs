using System.Diagnostics;
using S3Exchange.Testing;

namespace S3Exchange.Tool.Tests;

/// <summary>The package's two ways in besides <c>dotnet tool install</c>: <c>dotnet tool exec</c>, and its net8.0 build on .NET 8.</summary>
[Collection("S3")]
public sealed class ToolPackageTests(S3ServerFixture server, InstalledTool tool)
{
    [Fact]
    public async Task Dotnet_tool_exec_runs_the_packed_tool_without_installing_it()
    {
        var store = server.CreateStore();
        var environment = ServerEnvironment.Of(server);
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";

        var result = await tool.RunProgramAsync(
            "dotnet",
            ["tool", "exec", $"S3Exchange.Tool@{tool.Version}", "--add-source", tool.Feed, "--", "ls", "nothing/manifest.jsonl", "--base-prefix", store.Options.BasePrefix!],
            environment,
            TimeSpan.FromMinutes(3));

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains($"s3x: ", result.Error);
        Assert.Contains(store.ResolveKey("nothing/manifest.jsonl"), result.Error);
    }

    // No .NET 8 runtime is installed beside the SDK 10 here, so the net8.0 build is published
    // self-contained with the .NET 8 runtime pack: the same assemblies, on the .NET 8 runtime.
    // Built under its own artifacts path, so it never rewrites the outputs other tests pack.
    [Fact]
    public async Task The_net8_build_runs_on_the_dotnet_8_runtime_against_the_server()
    {
        var store = server.CreateStore();
        using var output = new TempFolder();
        var app = Path.Combine(output.Root, "app");
        await InstalledTool.DotnetAsync("publish", InstalledTool.Project, "-f", "net8.0", "-r", "linux-x64", "--self-contained", "-p:RuntimeFrameworkVersion=8.0.34", "--artifacts-path", Path.Combine(output.Root, "build"), "-o", app, "-nologo", "-v:q");
        using var source = new TempFolder();
        var file = source.Write("notes.txt", 100, 1);

        var put = await tool.RunProgramAsync(Path.Combine(app, "s3x"), ["put", file, "net8/notes.txt", "--base-prefix", store.Options.BasePrefix!], ServerEnvironment.Of(server), TimeSpan.FromMinutes(1));

        Assert.True(put.ExitCode == 0, put.ToString());
        Assert.Equal(File.ReadAllBytes(file), await StoredContent.BytesAsync(store, "net8/notes.txt"));
        Assert.StartsWith("8.0.", FileVersionInfo.GetVersionInfo(Path.Combine(app, "System.Private.CoreLib.dll")).ProductVersion, StringComparison.Ordinal);
    }
}
