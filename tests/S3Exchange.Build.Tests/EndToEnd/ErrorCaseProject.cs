using S3Exchange.Build.Tests.Infrastructure;

namespace S3Exchange.Build.Tests.EndToEnd;

/// <summary>
/// One bad input for the package's targets, as a project file of its own: it imports
/// <c>S3Exchange.Build.props</c> and <c>.targets</c> from the repo, loads the tasks from their
/// build output and runs <see cref="Target"/>. A publish case needs no SDK build: its
/// <c>ComputeResolvedFilesToPublishList</c> (what the SDK's publish pipeline provides, and the
/// package's targets depend on) hands the task the files of <see cref="PublishDir"/> as
/// <c>ResolvedFileToPublish</c> items, the way the SDK does. Every case's errors carry its
/// project file's name in the build log (<c>[…/name.proj]</c>).
/// </summary>
/// <param name="Name">The project's name (its file is <c>name.proj</c>); also its <c>{project}</c>.</param>
/// <param name="Target"><c>S3ExchangePublish</c> or <c>S3ExchangeDownload</c>.</param>
/// <param name="Store">A store under the case's own base prefix, to check what the run left there.</param>
/// <param name="Properties">More MSBuild properties (XML), e.g. a bad value.</param>
/// <param name="PublishDir">The folder (below the cases' root) whose files are published.</param>
/// <param name="ExtraItems">More <c>ResolvedFileToPublish</c> items (XML), e.g. one for a missing file.</param>
internal sealed record ErrorCaseProject(string Name, string Target, S3ExchangeStore Store, string Properties = "", string PublishDir = "publish", string ExtraItems = "")
{
    /// <summary>The download folder of a download case.</summary>
    public string DownloadDir(string root) => Path.Combine(root, "downloads", Name);

    /// <summary>Writes the project file to <paramref name="root"/> and returns its path.</summary>
    public string Write(string root)
    {
        var publishDir = Path.Combine(root, PublishDir);
        var items = Directory.Exists(publishDir)
            ? string.Concat(Directory.EnumerateFileSystemEntries(publishDir).Order(StringComparer.Ordinal).Select(path =>
                $"""<ResolvedFileToPublish Include="$(PublishDir){Path.GetFileName(path)}" RelativePath="{Path.GetFileName(path)}" />"""))
            : string.Empty;
        var path = Path.Combine(root, Name + ".proj");
        File.WriteAllText(path, $"""
            <Project DefaultTargets="{Target}">
              <Import Project="{DotnetCommand.BuildFolder}S3Exchange.Build.props" />
              <PropertyGroup>
                <Version>2.0.0</Version>
                <S3ExchangePublish>true</S3ExchangePublish>
                <S3ExchangeTasksAssembly>{DotnetCommand.TasksFolder}S3Exchange.Build.Tasks.dll</S3ExchangeTasksAssembly>
                <S3ExchangeBasePrefix>{Store.Options.BasePrefix}</S3ExchangeBasePrefix>
                <S3ExchangeDownloadDir>{DownloadDir(root)}</S3ExchangeDownloadDir>
                <PublishDir>{PublishDir}/</PublishDir>
                {Properties}
              </PropertyGroup>
              <Target Name="ComputeResolvedFilesToPublishList">
                <ItemGroup>
                  {items}
                  {ExtraItems}
                </ItemGroup>
              </Target>
              <Import Project="{DotnetCommand.BuildFolder}S3Exchange.Build.targets" />
            </Project>
            """);
        return path;
    }
}
