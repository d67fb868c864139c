namespace S3Exchange.Tests.Keys;

public sealed class MemberPathTests
{
    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("a\\b")]
    [InlineData("C:x")]
    [InlineData("")]
    [InlineData("a//b")]
    [InlineData("./a")]
    [InlineData("a\u0001b")]
    public void Paths_that_could_escape_are_refused(string path)
    {
        var ex = Assert.Throws<InvalidMemberPathException>(() => MemberPath.Validate(path));
        Assert.Equal(path, ex.Path);
    }

    [Fact]
    public void ResolveBelow_keeps_paths_inside_the_root()
    {
        var root = Path.Combine(Path.GetTempPath(), "s3x-root");
        Assert.Equal(Path.Combine(root, "a", "b.txt"), MemberPath.ResolveBelow(root, "a/b.txt"));
        Assert.Throws<InvalidMemberPathException>(() => MemberPath.ResolveBelow(root, "../s3x-root-sibling/x"));
    }
}
