namespace SecretsAbstractions.Tests.References;

public class SecretReferenceParseTests
{
    [Fact]
    public void Parses_store_and_name()
    {
        var reference = SecretReference.Parse("secret://vault/app/db/password");

        Assert.Equal("vault", reference.StoreName);
        Assert.Equal("app/db/password", reference.SecretName);
        Assert.True(reference.Version.IsLatest);
        Assert.Null(reference.Field);
    }

    [Fact]
    public void Parses_a_version_id() =>
        Assert.Equal(new SecretReference("vault", "app/db", SecretVersion.FromId("3")), SecretReference.Parse("secret://vault/app/db?version=3"));

    [Fact]
    public void Parses_a_stage() =>
        Assert.Equal(
            new SecretReference("aws", "prod/api-key", SecretVersion.FromStage("AWSPREVIOUS")),
            SecretReference.Parse("secret://aws/prod/api-key?stage=AWSPREVIOUS"));

    [Fact]
    public void Parses_a_field() =>
        Assert.Equal(new SecretReference("vault", "app/db", Field: "password"), SecretReference.Parse("secret://vault/app/db#password"));

    [Fact]
    public void Parses_a_version_and_a_field() =>
        Assert.Equal(
            new SecretReference("vault", "app/db", SecretVersion.FromId("3"), "password"),
            SecretReference.Parse("secret://vault/app/db?version=3#password"));

    [Fact]
    public void Decodes_percent_encoded_segments_fields_and_versions()
    {
        var reference = SecretReference.Parse("secret://files/my%20app/p%25ss%3Fw%23rd%26x%3Dy?version=a%2Fb%7e#user%20name%23");

        Assert.Equal("my app/p%ss?w#rd&x=y", reference.SecretName);
        Assert.Equal(SecretVersion.FromId("a/b~"), reference.Version);
        Assert.Equal("user name#", reference.Field);
    }

    [Theory]
    [InlineData("secret://vault/caf%C3%A9/%F0%9F%94%91#m%C3%BC")]
    [InlineData("secret://vault/caf%c3%a9/%f0%9f%94%91#m%c3%bc")]
    [InlineData("secret://vault/café/🔑#mü")]
    public void Decodes_unicode_encoded_or_literal(string text) =>
        Assert.Equal(new SecretReference("vault", "café/🔑", Field: "mü"), SecretReference.Parse(text));

    [Fact]
    public void Accepts_every_store_name_character() =>
        Assert.Equal("My-store_1.prod", SecretReference.Parse("secret://My-store_1.prod/x").StoreName);

    [Fact]
    public void A_field_holds_any_character_but_hash_literally() =>
        Assert.Equal("x/y?z=1&w v", SecretReference.Parse("secret://s/a#x/y?z=1&w v").Field);

    [Fact]
    public void An_encoded_slash_separates_segments_like_a_slash() =>
        Assert.Equal(SecretReference.Parse("secret://s/a/b"), SecretReference.Parse("secret://s/a%2Fb"));

    [Fact]
    public void A_plus_is_a_plus_not_a_space() =>
        Assert.Equal("a+b", SecretReference.Parse("secret://s/a+b").SecretName);

    [Fact]
    public void A_name_of_MaxLength_decoded_characters_is_accepted()
    {
        string text = "secret://s/" + string.Concat(Enumerable.Repeat("%C3%A9", SecretName.MaxLength));
        Assert.Equal(new string('é', SecretName.MaxLength), SecretReference.Parse(text).SecretName);
    }

    [Theory]
    [InlineData("secret://s/a", true)]
    [InlineData("secret://", true)]
    [InlineData("secret://not a valid one", true)]
    [InlineData("Secret://s/a", false)]
    [InlineData("secret:/s/a", false)]
    [InlineData(" secret://s/a", false)]
    [InlineData("plain value", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void LooksLikeReference_checks_the_prefix_only(string? text, bool expected) =>
        Assert.Equal(expected, SecretReference.LooksLikeReference(text));

    [Fact]
    public void TryParse_returns_false_for_null_and_invalid_text()
    {
        Assert.False(SecretReference.TryParse(null, out var none));
        Assert.Null(none);
        Assert.False(SecretReference.TryParse("secret://s/a//b", out none));
        Assert.Null(none);
        Assert.True(SecretReference.TryParse("secret://s/a", out var reference));
        Assert.Equal("a", reference.SecretName);
    }

    [Fact]
    public void Parse_refuses_null() =>
        Assert.Throws<ArgumentNullException>(() => SecretReference.Parse(null!));
}
