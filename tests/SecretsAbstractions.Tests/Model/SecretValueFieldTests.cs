namespace SecretsAbstractions.Tests.Model;

public class SecretValueFieldTests
{
    [Fact]
    public void String_fields_give_their_text_and_other_fields_their_JSON_literal()
    {
        var value = SecretValue.FromString("""
            {"s":"a\"b\u00e9","n":-1.5e3,"i":42,"t":true,"f":false,"z":null,"o":{"k":[1, 2]},"a":[ "x" ]}
            """);

        Assert.True(value.TryGetFields(out var fields));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["s"] = "a\"bé",
                ["n"] = "-1.5e3",
                ["i"] = "42",
                ["t"] = "true",
                ["f"] = "false",
                ["z"] = string.Empty,
                ["o"] = """{"k":[1, 2]}""",
                ["a"] = """[ "x" ]""",
            },
            fields.ToDictionary(field => field.Key, field => field.Value.RevealString()));
    }

    [Fact]
    public void Field_names_are_case_sensitive()
    {
        var value = SecretValue.FromString("""{"Password":"a","password":"b"}""");

        Assert.Equal("a", value.GetField("Password")?.RevealString());
        Assert.Equal("b", value.GetField("password")?.RevealString());
        Assert.Null(value.GetField("PASSWORD"));
    }

    [Fact]
    public void Leading_white_space_is_allowed() =>
        Assert.Equal("1", SecretValue.FromString(" \r\n\t{\"a\":1} ").GetField("a")?.RevealString());

    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("[1,2]")]
    [InlineData("\"{\\\"a\\\":1}\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{")]
    [InlineData("{\"a\":1")]
    [InlineData("{\"a\":1} trailing")]
    [InlineData("{'a':1}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":1,\"\\u0061\":2}")]
    [InlineData("{\"a\":\"\\uD800\"}")]
    [InlineData("{\"\\uDC00\":1}")]
    public void Values_that_are_not_a_JSON_object_with_unique_names_have_no_fields(string text)
    {
        var value = SecretValue.FromString(text);

        Assert.False(value.TryGetFields(out var fields));
        Assert.Null(fields);
        Assert.Null(value.GetField("a"));
    }

    [Fact]
    public void A_value_with_an_unpaired_surrogate_has_no_fields_and_does_not_throw()
    {
        // Built in code: theory data would be re-encoded on its way to the test.
        var value = SecretValue.FromString("{\"a\":\"" + '\uD800' + "\"}");

        Assert.False(value.TryGetFields(out _));
    }

    [Fact]
    public void Binary_values_have_no_fields() =>
        Assert.False(SecretValue.FromBytes("{\"a\":1}"u8).TryGetFields(out _));

    [Fact]
    public void Nesting_deeper_than_the_limit_gives_no_fields()
    {
        Assert.True(SecretValue.FromString("{\"a\":" + new string('[', 63) + new string(']', 63) + "}").TryGetFields(out _));
        Assert.False(SecretValue.FromString("{\"a\":" + new string('[', 64) + new string(']', 64) + "}").TryGetFields(out _));
    }

    [Fact]
    public void The_fields_are_parsed_once()
    {
        var value = SecretValue.FromString("""{"a":"b"}""");

        Assert.True(value.TryGetFields(out var first));
        Assert.True(value.TryGetFields(out var second));
        Assert.Same(first, second);
    }

    [Fact]
    public void GetField_refuses_null() =>
        Assert.Throws<ArgumentNullException>(() => SecretValue.FromString("{}").GetField(null!));
}
