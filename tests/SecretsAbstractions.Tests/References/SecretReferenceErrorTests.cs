namespace SecretsAbstractions.Tests.References;

public class SecretReferenceErrorTests
{
    [Theory]
    [InlineData("", 0, "expected the scheme \"secret://\"")]
    [InlineData("secret", 6, "expected the scheme \"secret://\"")]
    [InlineData("Secret://s/a", 0, "expected the scheme \"secret://\"")]
    [InlineData("secret:/s/a", 8, "expected the scheme \"secret://\"")]
    [InlineData("vault/app/db", 0, "expected the scheme \"secret://\"")]
    [InlineData("secret://", 9, "expected a store name after \"secret://\"")]
    [InlineData("secret:///a", 9, "expected a store name after \"secret://\"")]
    [InlineData("secret://*/a", 9, "expected a store name (ASCII letters, digits")]
    [InlineData("secret://st*re/a", 11, "expected \"/\" after the store name")]
    [InlineData("secret://stor\u00E9/a", 13, "expected \"/\" after the store name")]
    [InlineData("secret://store", 14, "expected \"/\" and a secret name after the store name")]
    [InlineData("secret://s/", 11, "expected a secret name")]
    [InlineData("secret://s/?version=1", 11, "expected a secret name")]
    [InlineData("secret://s/#f", 11, "expected a secret name")]
    [InlineData("secret://s//a", 11, "expected a name segment: a secret name has no empty segment")]
    [InlineData("secret://s/a//b", 13, "expected a name segment: a secret name has no empty segment")]
    [InlineData("secret://s/a/", 13, "expected a name segment: a secret name has no empty segment")]
    [InlineData("secret://s/a/?version=1", 13, "expected a name segment: a secret name has no empty segment")]
    [InlineData("secret://s/a%2F%2Fb", 15, "expected a name segment: a secret name has no empty segment")]
    [InlineData("secret://s/./a", 11, "expected a name segment other than \".\" or \"..\"")]
    [InlineData("secret://s/a/..", 13, "expected a name segment other than \".\" or \"..\"")]
    [InlineData("secret://s/a/%2E%2e/b", 13, "expected a name segment other than \".\" or \"..\"")]
    [InlineData("secret://s/a%0Ab", 12, "expected a name character, not the control or format character U+000A")]
    [InlineData("secret://s/a\nb", 12, "expected a name character, not the control or format character U+000A")]
    [InlineData("secret://s/a%E2%80%8Bb", 12, "expected a name character, not the control or format character U+200B")]
    [InlineData("secret://s/a%", 12, "expected two hexadecimal digits after \"%\"")]
    [InlineData("secret://s/a%4", 12, "expected two hexadecimal digits after \"%\"")]
    [InlineData("secret://s/a%G1", 12, "expected two hexadecimal digits after \"%\"")]
    [InlineData("secret://s/a%C3%A", 15, "expected two hexadecimal digits after \"%\"")]
    [InlineData("secret://s/a%C3", 12, "expected percent-encoded bytes that are valid UTF-8 (this sequence is incomplete)")]
    [InlineData("secret://s/a%C3b", 12, "expected percent-encoded bytes that are valid UTF-8 (this sequence is incomplete)")]
    [InlineData("secret://s/a%C3%28", 12, "expected percent-encoded bytes that are valid UTF-8")]
    [InlineData("secret://s/a%80", 12, "expected percent-encoded bytes that are valid UTF-8")]
    [InlineData("secret://s/a%C0%AF", 12, "expected percent-encoded bytes that are valid UTF-8")]
    [InlineData("secret://s/a%ED%A0%80", 12, "expected percent-encoded bytes that are valid UTF-8")]
    [InlineData("secret://s/a%F4%90%80%80", 12, "expected percent-encoded bytes that are valid UTF-8")]
    [InlineData("secret://s/a?", 13, "expected \"version=\" or \"stage=\" after \"?\"")]
    [InlineData("secret://s/a?v=1", 13, "expected \"version=\" or \"stage=\" after \"?\"")]
    [InlineData("secret://s/a?Version=1", 13, "expected \"version=\" or \"stage=\" after \"?\"")]
    [InlineData("secret://s/a?version", 13, "expected \"version=\" or \"stage=\" after \"?\"")]
    [InlineData("secret://s/a?version=", 21, "expected a version id after \"version=\"")]
    [InlineData("secret://s/a?version=#f", 21, "expected a version id after \"version=\"")]
    [InlineData("secret://s/a?stage=", 19, "expected a stage after \"stage=\"")]
    [InlineData("secret://s/a?version=1&stage=x", 22, "expected \"#\" or the end of the reference: a reference has at most one parameter")]
    [InlineData("secret://s/a?version=1?stage=x", 22, "expected \"#\" or the end of the reference: a reference has at most one parameter")]
    [InlineData("secret://s/a?version=1 2", 22, "expected an ASCII letter, digit, \"-\", \".\", \"_\", \"~\" or a percent-encoded byte in the version id")]
    [InlineData("secret://s/a?stage=a/b", 20, "expected an ASCII letter, digit, \"-\", \".\", \"_\", \"~\" or a percent-encoded byte in the stage")]
    [InlineData("secret://s/a?version=%20", 21, "expected a version id without white space or control characters")]
    [InlineData("secret://s/a?stage=A%0A", 20, "expected a stage without white space or control characters")]
    [InlineData("secret://s/a?version=%ZZ", 21, "expected two hexadecimal digits after \"%\"")]
    [InlineData("secret://s/a#", 13, "expected a field name after \"#\"")]
    [InlineData("secret://s/a?version=1#", 23, "expected a field name after \"#\"")]
    [InlineData("secret://s/a#b#c", 14, "expected the end of the reference: a \"#\" in a field name is written \"%23\"")]
    [InlineData("secret://s/a#%ZZ", 13, "expected two hexadecimal digits after \"%\"")]
    [InlineData("secret://s/a#b%FF", 14, "expected percent-encoded bytes that are valid UTF-8")]
    public void Reports_what_was_expected_where(string text, int position, string expected)
    {
        var error = Assert.Throws<SecretReferenceFormatException>(() => SecretReference.Parse(text));

        Assert.Equal(position, error.Position);
        Assert.StartsWith($"Invalid secret reference at position {position}: {expected}", error.Message, StringComparison.Ordinal);
        Assert.False(SecretReference.TryParse(text, out _));
    }

    [Fact]
    public void A_store_name_longer_than_128_characters_fails_at_character_129()
    {
        var error = Assert.Throws<SecretReferenceFormatException>(() => SecretReference.Parse("secret://" + new string('s', 129) + "/a"));
        Assert.Equal(9 + 128, error.Position);
        Assert.Contains("at most 128 characters of store name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_longer_than_MaxLength_once_decoded_fails_at_the_first_character_too_many()
    {
        var literal = Assert.Throws<SecretReferenceFormatException>(() => SecretReference.Parse("secret://s/" + new string('a', SecretName.MaxLength + 1)));
        Assert.Equal(11 + SecretName.MaxLength, literal.Position);

        string encoded = "secret://s/" + string.Concat(Enumerable.Repeat("%C3%A9", SecretName.MaxLength + 1));
        var error = Assert.Throws<SecretReferenceFormatException>(() => SecretReference.Parse(encoded));
        Assert.Equal(11 + (6 * SecretName.MaxLength), error.Position);
        Assert.Contains($"a decoded name has at most {SecretName.MaxLength} characters", error.Message, StringComparison.Ordinal);
    }

    // Attribute arguments cannot hold unpaired surrogates, hence Facts.
    [Fact]
    public void An_unpaired_surrogate_fails_where_it_is()
    {
        Assert.Equal(12, Assert.Throws<SecretReferenceFormatException>(() => SecretReference.Parse("secret://s/a\uD800")).Position);
        Assert.Equal(11, Assert.Throws<SecretReferenceFormatException>(() => SecretReference.Parse("secret://s/\uDC00a")).Position);
        Assert.Equal(14, Assert.Throws<SecretReferenceFormatException>(() => SecretReference.Parse("secret://s/a#b\uDC00")).Position);
        Assert.Contains("not an unpaired surrogate", Assert.Throws<SecretReferenceFormatException>(() => SecretReference.Parse("secret://s/a#\uD800")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_quotes_the_reference_and_says_what_was_expected()
    {
        var error = Assert.Throws<SecretReferenceFormatException>(() => SecretReference.Parse("secret://s/abc?x"));

        Assert.Equal(
            "Invalid secret reference at position 15: expected \"version=\" or \"stage=\" after \"?\". Reference: 'secret://s/abc?x'.",
            error.Message);
    }

    [Fact]
    public void The_message_escapes_control_characters_in_the_reference()
    {
        var error = Assert.Throws<SecretReferenceFormatException>(() => SecretReference.Parse("secret://s/a\r\nFAKE LOG LINE"));

        Assert.DoesNotContain(error.Message, char.IsControl);
        Assert.Contains("Reference: 'secret://s/a\\u000D\\u000AFAKE LOG LINE'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_a_FormatException_with_the_standard_constructors()
    {
        Assert.IsAssignableFrom<FormatException>(new SecretReferenceFormatException());
        Assert.Equal(-1, new SecretReferenceFormatException("m").Position);
        Assert.Equal(-1, new SecretReferenceFormatException("m", new InvalidOperationException()).Position);
        Assert.Equal(7, new SecretReferenceFormatException("m", 7).Position);
    }
}
