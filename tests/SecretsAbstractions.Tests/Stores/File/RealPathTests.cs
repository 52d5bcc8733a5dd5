using SecretsAbstractions.Internal;

namespace SecretsAbstractions.Tests.Stores;

public sealed class RealPathTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Follows_links_component_by_component_and_applies_dot_dot_to_real_folders()
    {
        // root/a -> x/y and x/y/up -> ../../z: 'a/up' is root/z, though 'a/..' read as text would be root.
        _temp.WriteText("x/y/keep", "1");
        _temp.WriteText("z/file", "2");
        _temp.Link("a", "x/y");
        _temp.Link("x/y/up", "../../z");
        string realRoot = RealPath.Resolve(_temp.Path)!;

        Assert.Equal(Path.Join(realRoot, "z", "file"), RealPath.Resolve(_temp.Combine("a/up/file")));
        Assert.Equal(Path.Join(realRoot, "x", "y", "keep"), RealPath.Resolve(_temp.Combine("a/keep")));
    }

    [Fact]
    public void A_missing_path_or_a_link_to_nothing_resolves_to_null()
    {
        _temp.WriteText("file", "1");
        _temp.Link("dangling", "nowhere");

        Assert.Null(RealPath.Resolve(_temp.Combine("missing/file")));
        Assert.Null(RealPath.Resolve(_temp.Combine("file/below")));
        Assert.Null(RealPath.Resolve(_temp.Combine("dangling")));
    }

    [Fact]
    public void Links_that_loop_fail()
    {
        _temp.Link("one", "two");
        _temp.Link("two", "one");

        Assert.Throws<IOException>(() => RealPath.Resolve(_temp.Combine("one")));
    }

    [Theory]
    [InlineData("/srv/root/a", "/srv/root", true)]
    [InlineData("/srv/root/a/b", "/srv/root", true)]
    [InlineData("/srv/root", "/srv/root", false)]
    [InlineData("/srv/rootx/a", "/srv/root", false)]
    [InlineData("/srv/a", "/srv/root", false)]
    [InlineData("/a", "/", true)]
    [InlineData("/", "/", false)]
    public void Inside_means_strictly_below_the_root(string path, string root, bool inside)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix paths.");
        Assert.Equal(inside, RealPath.IsInside(path, root));
    }
}
