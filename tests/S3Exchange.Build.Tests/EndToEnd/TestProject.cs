using S3Exchange.Build.Tests.Infrastructure;

namespace S3Exchange.Build.Tests.EndToEnd;

/// <summary>
/// A console app in a temporary folder (outside the repo, so none of its build settings apply)
/// that imports the package's props and targets from the repo and loads the tasks from their
/// build output. Its folder, with the binary logs, is kept when a test fails.
/// </summary>
internal sealed class TestProject : IDisposable
{
    public const string Name = "E2EApp";
    public const string Greeting = "hello from the e2e app";

    public TestProject(string extraProperties = "")
    {
        Root = Path.Combine(Path.GetTempPath(), "s3xb-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        File.WriteAllText(Path.Combine(Root, Name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{DotnetCommand.BuildFolder}S3Exchange.Build.props" />
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Version>2.0.0</Version>
                <S3ExchangePublish>true</S3ExchangePublish>
                <S3ExchangeTasksAssembly>{DotnetCommand.TasksFolder}S3Exchange.Build.Tasks.dll</S3ExchangeTasksAssembly>
                {extraProperties}
              </PropertyGroup>
              <Import Project="{DotnetCommand.BuildFolder}S3Exchange.Build.targets" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(Root, "Program.cs"), $"System.Console.WriteLine(\"{Greeting}\");\n");
    }

    public string Root { get; }

    public string PublishDir => Path.Combine(Root, "bin", "Release", "net10.0", "publish");

    public bool Keep { get; set; }

    public string Binlog(string name) => Path.Combine(Root, name + ".binlog");

    public void Dispose()
    {
        if (!Keep)
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
