using System.Text.Json.Nodes;

namespace S3Exchange.Tests.Transfer;

/// <summary>Where fetched files land and which request reads them, decided without a server.</summary>
public sealed class FetchPlannerTests : IDisposable
{
    private const string Manifest = "builds/App/1.0/manifest.jsonl";
    private readonly string root = Directory.CreateTempSubdirectory("s3x-plan-").FullName;

    [Fact]
    public void A_member_lands_at_its_member_path_a_loose_object_at_meta_path_else_relative_to_the_manifest_else_at_its_key()
    {
        var member = new FileEntry("builds/App/content/shards/s.tar.gz#lib/a.dll") { ArchiveKey = "builds/App/content/shards/s.tar.gz", MemberPath = "lib/a.dll" };
        var withPath = new FileEntry("builds/App/content/objects/abc/big.so") { Meta = new JsonObject { ["path"] = "native/big.so" } };
        var beside = new FileEntry("builds/App/1.0/notes/readme.txt");
        var elsewhere = new FileEntry("other/z.bin");

        var targets = FetchPlanner.ResolveTargets([(member, new ShardEntry(member.ArchiveKey!)), (withPath, null), (beside, null), (elsewhere, null)], Manifest, root);

        Assert.Equal(["lib/a.dll", "native/big.so", "notes/readme.txt", "other/z.bin"], targets.Select(t => t.RelativePath));
        Assert.All(targets, t => Assert.Equal(Path.Combine(root, t.RelativePath), t.FullPath));
    }

    [Fact]
    public void The_same_object_listed_twice_is_fetched_once()
    {
        var entry = new FileEntry("builds/App/1.0/a.txt");

        var targets = FetchPlanner.ResolveTargets([(entry, null), (new FileEntry("builds/App/1.0/a.txt"), null)], Manifest, root);

        Assert.Single(targets);
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../escape.txt")]
    public void A_path_that_would_leave_the_folder_is_refused_naming_the_entry(string path)
    {
        var entry = new FileEntry("objects/bad") { Meta = new JsonObject { ["path"] = path } };

        var ex = Assert.Throws<InvalidMemberPathException>(() => FetchPlanner.ResolveTargets([(entry, null)], Manifest, root));

        Assert.Equal("objects/bad", ex.Key);
        Assert.Equal(path, ex.Path);
    }

    [Fact]
    public void A_path_through_a_symlink_in_the_folder_is_refused()
    {
        var elsewhere = Directory.CreateTempSubdirectory("s3x-elsewhere-").FullName;
        Directory.CreateSymbolicLink(Path.Combine(root, "lib"), elsewhere);
        var entry = new FileEntry("x#lib/a.dll") { ArchiveKey = "x", MemberPath = "lib/a.dll" };

        var ex = Assert.Throws<InvalidMemberPathException>(() => FetchPlanner.ResolveTargets([(entry, new ShardEntry("x"))], Manifest, root));

        Assert.Contains("symlink", ex.Message);
        Directory.Delete(elsewhere);
    }

    [Fact]
    public void Members_of_one_archive_are_one_unit_and_a_compressed_member_listed_alone_joins_its_archive()
    {
        var shard = new ShardEntry("s.tar.gz");
        var a = new FileEntry("s.tar.gz#a") { ArchiveKey = "s.tar.gz", MemberPath = "a" };
        var b = new FileEntry("s.tar.gz#b") { ArchiveKey = "s.tar.gz", MemberPath = "b" };
        var plainAlone = new FileEntry("p.tar#c") { ArchiveKey = "p.tar", MemberPath = "c" };
        var loose = new FileEntry("loose.bin");

        var units = FetchPlanner.PlanUnits(FetchPlanner.ResolveTargets([(a, shard), (loose, null), (b, null), (plainAlone, null)], Manifest, root));

        Assert.Equal([["a", "b"], ["loose.bin"], ["c"]], units.Select(u => u.Select(t => t.RelativePath).ToArray()));
        Assert.Null(units[2][0].Shard);   // a plain-tar member alone is one ranged GET, not a pass over its archive
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
