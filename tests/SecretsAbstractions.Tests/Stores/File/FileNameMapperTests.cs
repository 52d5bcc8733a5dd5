using SecretsAbstractions.Internal;

namespace SecretsAbstractions.Tests.Stores;

public class FileNameMapperTests
{
    private static readonly char Separator = Path.DirectorySeparatorChar;

    [Theory]
    [InlineData("password")]
    [InlineData("db/password")]
    [InlineData(".env")]
    [InlineData("a/.b/c.d")]
    [InlineData("spaces are fine/ünïcödé")]
    public void Maps_segments_to_folders_and_back(string name)
    {
        string path = FileNameMapper.Instance.ToNativeName(name);

        Assert.Equal(name.Replace('/', Separator), path);
        Assert.Equal(name, FileNameMapper.Instance.ToLogicalName(path));
    }

    [Theory]
    [InlineData("..data")]
    [InlineData("a/..2024_01_01_00_00_00.000000000/b")]
    [InlineData("..tmp-abc")]
    [InlineData("..")]
    [InlineData("a/../b")]
    public void Segments_starting_with_dot_dot_are_reserved(string name)
    {
        var error = Assert.Throws<SecretStoreException>(() => FileNameMapper.Instance.ToNativeName(name));
        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
        Assert.Null(FileNameMapper.Instance.ToLogicalName(name.Replace('/', Separator)));
    }

    [Fact]
    public void A_segment_may_be_as_long_as_a_file_name_and_no_longer()
    {
        string longest = new('a', 255);
        Assert.Equal(longest, FileNameMapper.Instance.ToNativeName(longest));

        string tooLong = OperatingSystem.IsWindows() ? new string('a', 256) : new string('€', 86); // 258 bytes
        var error = Assert.Throws<SecretStoreException>(() => FileNameMapper.Instance.ToNativeName("ok/" + tooLong));
        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
        Assert.Contains("segment 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_invalid_on_Windows_are_refused_there()
    {
        Assert.SkipUnless(OperatingSystem.IsWindows(), "Windows file name rules.");
        foreach (string name in new[] { "a:b", "CON", "db/nul.txt", "trailing.", "trailing ", "a*b", "a\\b" })
        {
            Assert.Throws<SecretStoreException>(() => FileNameMapper.Instance.ToNativeName(name));
        }
    }

    [Fact]
    public void Backslashes_and_colons_are_ordinary_characters_on_Unix()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file name rules.");
        Assert.Equal("a\\b:c", FileNameMapper.Instance.ToNativeName("a\\b:c"));
    }
}
