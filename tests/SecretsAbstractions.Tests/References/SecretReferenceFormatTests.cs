namespace SecretsAbstractions.Tests.References;

public class SecretReferenceFormatTests
{
    [Fact]
    public void Formats_store_and_name() =>
        Assert.Equal("secret://vault/app/db", new SecretReference("vault", "app/db").ToString());

    [Fact]
    public void Formats_version_stage_and_field()
    {
        Assert.Equal("secret://vault/app/db?version=3", new SecretReference("vault", "app/db", SecretVersion.FromId("3")).ToString());
        Assert.Equal("secret://aws/key?stage=AWSPREVIOUS", new SecretReference("aws", "key", SecretVersion.FromStage("AWSPREVIOUS")).ToString());
        Assert.Equal("secret://vault/app/db#password", new SecretReference("vault", "app/db", Field: "password").ToString());
        Assert.Equal("secret://vault/app/db?stage=v-1.2_3~#password", new SecretReference("vault", "app/db", SecretVersion.FromStage("v-1.2_3~"), "password").ToString());
    }

    [Fact]
    public void Escapes_only_what_must_be_escaped_in_a_name() =>
        Assert.Equal(
            "secret://s/my%20app/p%25ss%3Fw%23rd%26x%3Dy/+:@!$'()*,;~[]{}<>|^`\"\\",
            new SecretReference("s", "my app/p%ss?w#rd&x=y/+:@!$'()*,;~[]{}<>|^`\"\\").ToString());

    [Fact]
    public void Escapes_non_ASCII_as_UTF_8_with_upper_case_hex() =>
        Assert.Equal("secret://s/caf%C3%A9/%F0%9F%94%91#m%C3%BC", new SecretReference("s", "café/🔑", Field: "mü").ToString());

    [Fact]
    public void Escapes_spaces_controls_and_hashes_in_a_field_but_keeps_slashes() =>
        Assert.Equal("secret://s/a#x/y%20z%231%0A%7F", new SecretReference("s", "a", Field: "x/y z#1\n\u007F").ToString());

    [Fact]
    public void Escapes_everything_but_unreserved_characters_in_a_version() =>
        Assert.Equal("secret://s/a?version=a%2Fb%2B%C3%A9%3F%23", new SecretReference("s", "a", SecretVersion.FromId("a/b+é?#")).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("my store")]
    [InlineData("st/re")]
    [InlineData("caf\u00E9")]
    [InlineData("secret:")]
    public void Refuses_an_invalid_store_name(string storeName) =>
        Assert.Throws<ArgumentException>(() => new SecretReference(storeName, "a"));

    [Fact]
    public void Refuses_a_store_name_longer_than_128_characters()
    {
        Assert.Equal(128, new SecretReference(new string('s', 128), "a").StoreName.Length);
        Assert.Throws<ArgumentException>(() => new SecretReference(new string('s', 129), "a"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a//b")]
    [InlineData("../x")]
    [InlineData("a/./b")]
    [InlineData("a\nb")]
    public void Refuses_an_invalid_secret_name_with_InvalidName(string secretName)
    {
        var error = Assert.Throws<SecretStoreException>(() => new SecretReference("s", secretName));
        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
    }

    [Fact]
    public void Refuses_null_names()
    {
        Assert.Throws<ArgumentNullException>(() => new SecretReference(null!, "a"));
        Assert.Throws<ArgumentNullException>(() => new SecretReference("s", null!));
    }

    [Fact]
    public void Refuses_an_empty_field_and_text_without_a_UTF_8_form()
    {
        Assert.Throws<ArgumentException>(() => new SecretReference("s", "a", Field: ""));
        Assert.Throws<ArgumentException>(() => new SecretReference("s", "a", Field: "x\uD800"));
        Assert.Throws<ArgumentException>(() => new SecretReference("s", "a", SecretVersion.FromId("\uDC00")));
    }

    [Fact]
    public void A_with_expression_is_validated_too()
    {
        var reference = new SecretReference("s", "a");

        Assert.Equal("secret://s/a#f", (reference with { Field = "f" }).ToString());
        Assert.Throws<ArgumentException>(() => reference with { StoreName = "bad store" });
        Assert.Throws<SecretStoreException>(() => reference with { SecretName = "a//b" });
        Assert.Throws<ArgumentException>(() => reference with { Field = "" });
    }

    [Fact]
    public void Equality_is_by_value_and_ordinal()
    {
        var reference = new SecretReference("s", "a", SecretVersion.FromId("1"), "f");

        Assert.Equal(reference, new SecretReference("s", "a", SecretVersion.FromId("1"), "f"));
        Assert.Equal(reference.GetHashCode(), new SecretReference("s", "a", SecretVersion.FromId("1"), "f").GetHashCode());
        Assert.NotEqual(reference, new SecretReference("S", "a", SecretVersion.FromId("1"), "f"));
        Assert.NotEqual(reference, new SecretReference("s", "A", SecretVersion.FromId("1"), "f"));
        Assert.NotEqual(reference, new SecretReference("s", "a", SecretVersion.FromStage("1"), "f"));
        Assert.NotEqual(reference, new SecretReference("s", "a", SecretVersion.FromId("1")));
    }

    [Fact]
    public void The_scheme_constant_is_secret() => Assert.Equal("secret", SecretReference.Scheme);
}
