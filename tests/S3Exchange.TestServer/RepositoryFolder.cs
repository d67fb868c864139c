namespace S3Exchange.Testing;

/// <summary>The repository the tests were built from: the folder above them holding S3Exchange.Build.sln.</summary>
public static class RepositoryFolder
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var folder = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(folder, "S3Exchange.Build.sln")))
        {
            folder = Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("No S3Exchange.Build.sln above the test folder.");
        }

        return folder;
    }
}
