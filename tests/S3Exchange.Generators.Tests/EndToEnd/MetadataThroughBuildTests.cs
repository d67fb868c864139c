using S3Exchange.Testing;

namespace S3Exchange.Generators.Tests.EndToEnd;

/// <summary>
/// A real <c>dotnet build</c> of a small project with an &lt;S3ExchangeNamespace&gt; item whose
/// template holds a '#': the compiler reads item metadata from a generated .editorconfig that
/// cuts a value at '#' or ';', so only the targets' encoding gets the whole template to the
/// generator. Cut at the '#', the template would be the valid "tags/a" and the build would
/// pass; whole, the generator refuses the '#' (S3X0007) at its position. (';' arrives whole in
/// this test project's own build: ItemDeclaredSamples' StoreVariables "service_name;region".)
/// </summary>
public sealed class MetadataThroughBuildTests
{
    [Fact]
    public async Task A_hash_in_an_item_template_reaches_the_generator_through_the_editorconfig_and_is_refused_where_it_stands()
    {
        var root = Directory.CreateTempSubdirectory("s3x-metadata-").FullName;
        try
        {
            var repository = RepositoryFolder.Root;
            var generator = Path.Combine(AppContext.BaseDirectory, "S3Exchange.Generators.dll");
            File.WriteAllText(Path.Combine(root, "Probe.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <Import Project="{repository}/src/Runtime/build/S3Exchange.props" />
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <RootNamespace>Probe</RootNamespace>
                  </PropertyGroup>
                  <ItemGroup>
                    <Analyzer Include="{generator}" />
                    <S3ExchangeNamespace Include="Tagged" Template="tags/a#b/{"{"}id{"}"}" Namespace="Probe" />
                  </ItemGroup>
                  <Import Project="{repository}/src/Runtime/build/S3Exchange.targets" />
                </Project>
                """);
            File.WriteAllText(Path.Combine(root, "Empty.cs"), "namespace Probe;\n");

            var (exitCode, output) = await ChildProcess.RunAsync("dotnet", ["build", "-nologo", "-nr:false", "-tl:false", "-v:q"], null, TimeSpan.FromMinutes(5), root);

            Assert.True(exitCode != 0, output);
            Assert.Contains("error S3X0007", output);
            Assert.Contains("'#' at position 6", output);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
