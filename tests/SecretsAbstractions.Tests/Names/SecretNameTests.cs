namespace SecretsAbstractions.Tests.Names;

public class SecretNameTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("app/db/password")]
    [InlineData("with space/and%percent?#&=")]
    [InlineData("café/🔑")]
    [InlineData("...")]
    [InlineData(".hidden/x.")]
    public void Valid_names(string name) => Assert.True(SecretName.IsValid(name));

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("../x", "segment 1 is '..' (at position 0)")]
    [InlineData("a//b", "segment 2 is empty (at position 2)")]
    [InlineData("a/./b", "segment 2 is '.' (at position 2)")]
    [InlineData("/a", "segment 1 is empty (at position 0)")]
    [InlineData("a/", "segment 2 is empty (at position 2)")]
    [InlineData("a\nb", "control or format character U+000A at position 1")]
    [InlineData("a\u200Bb", "control or format character U+200B at position 1")]
    [InlineData("a\U000E0001", "control or format character U+E0001 at position 1")]
    public void Invalid_names_explain_why(string name, string reason)
    {
        Assert.Contains(reason, SecretName.GetError(name), StringComparison.Ordinal);
        var error = Assert.Throws<SecretStoreException>(() => SecretName.Validate(name));
        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
    }

    // Attribute arguments cannot hold unpaired surrogates (metadata stores them as UTF-8), hence a Fact.
    [Fact]
    public void Names_with_unpaired_surrogates_are_invalid()
    {
        Assert.Contains("unpaired surrogate at position 1", SecretName.GetError("a\uD800"), StringComparison.Ordinal);
        Assert.Contains("unpaired surrogate at position 0", SecretName.GetError("\uDC00a"), StringComparison.Ordinal);
        Assert.Contains("unpaired surrogate at position 1", SecretName.GetError("a\uD800b"), StringComparison.Ordinal);
        Assert.True(SecretName.IsValid("a\uD83D\uDD11"));
    }

    [Fact]
    public void A_null_name_is_invalid()
    {
        Assert.False(SecretName.IsValid(null));
        Assert.Equal(SecretStoreErrorCode.InvalidName, Assert.Throws<SecretStoreException>(() => SecretName.Validate(null)).ErrorCode);
    }

    [Fact]
    public void The_error_message_escapes_the_name()
    {
        var error = Assert.Throws<SecretStoreException>(() => SecretName.Validate("a\r\nFAKE LOG LINE"));
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
        Assert.Contains("a\\u000D\\u000AFAKE LOG LINE", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "(null)")]
    [InlineData("app/db", "app/db")]
    [InlineData("a\tb", "a\\u0009b")]
    [InlineData("it's", "it\\u0027s")]
    [InlineData("back\\slash", "back\\u005Cslash")]
    [InlineData("nbsp\u00A0", "nbsp\\u00A0")]
    public void ForDisplay_escapes_what_could_forge_a_log_line(string? name, string expected) =>
        Assert.Equal(expected, SecretName.ForDisplay(name));

    [Fact]
    public void ForDisplay_shortens_long_names()
    {
        string display = SecretName.ForDisplay(new string('a', 500));
        Assert.Equal(new string('a', 80) + "...", display);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("app/")]
    [InlineData("app/d")]
    [InlineData("app")]
    public void Prefixes_that_can_start_a_valid_name_are_accepted(string? prefix) => SecretName.ValidatePrefix(prefix);

    [Theory]
    [InlineData("/app")]
    [InlineData("app//")]
    [InlineData("../")]
    [InlineData("app/\n")]
    public void Prefixes_that_cannot_start_a_valid_name_are_refused(string prefix)
    {
        var error = Assert.Throws<SecretStoreException>(() => SecretName.ValidatePrefix(prefix, "store"));
        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
        Assert.Equal(SecretStoreOperations.ListSecrets, error.Operation);
    }
}
