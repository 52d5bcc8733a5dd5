using SecretsAbstractions.Configuration;

namespace SecretsAbstractions.Configuration.Tests.References;

public sealed class ReferenceSyntaxTests : ReferenceTest
{
    [Fact]
    public async Task A_whole_value_reference_is_replaced_by_the_secret()
    {
        await SetAsync("app/api-key", "k-123");

        var config = Build(Pairs(("Api:Key", "${secret:secret://vault/app/api-key}")));

        Assert.Equal("k-123", config["Api:Key"]);
    }

    [Fact]
    public async Task Several_references_in_one_value_are_each_replaced_and_the_text_around_them_kept()
    {
        await SetAsync("db", """{"user":"app","password":"p@ss;word"}""");
        await SetAsync("host", "db.internal");

        var config = Build(Pairs(("ConnectionStrings:Db",
            "Server=${secret:secret://vault/host};User=${secret:secret://vault/db#user};Password=${secret:secret://vault/db#password};")));

        Assert.Equal("Server=db.internal;User=app;Password=p@ss;word;", config["ConnectionStrings:Db"]);
    }

    [Fact]
    public async Task Versions_and_fields_follow_the_reference_grammar()
    {
        await SetAsync("db", """{"password":"first"}""");
        await SetAsync("db", """{"password":"second"}""");
        await SetAsync("caf\u00e9/my key", "accented");

        var config = Build(Pairs(
            ("Old", "${secret:secret://vault/db?version=1#password}"),
            ("New", "${secret:secret://vault/db#password}"),
            ("Encoded", "${secret:secret://vault/caf%C3%A9/my%20key}")));

        Assert.Equal("first", config["Old"]);
        Assert.Equal("second", config["New"]);
        Assert.Equal("accented", config["Encoded"]);
    }

    [Theory]
    [InlineData("$${secret:secret://vault/a}", "${secret:secret://vault/a}")]
    [InlineData("x=$${secret:y}", "x=${secret:y}")]
    [InlineData("$$${secret:secret://vault/a}", "$${secret:secret://vault/a}")]
    [InlineData("$${secret:secret://vault/a} and ${secret:secret://vault/a}", "${secret:secret://vault/a} and A")]
    public async Task Dollar_dollar_brace_secret_is_a_literal_reference_text(string value, string expected)
    {
        await SetAsync("a", "A");

        var config = Build(Pairs(("Key", value)));

        Assert.Equal(expected, config["Key"]);
    }

    [Theory]
    [InlineData("price: $5, $$10, ${HOME}, {x}")]
    [InlineData("$${HOME}")]
    [InlineData("${Secret:secret://vault/a}")]
    [InlineData("secret://vault/a")]
    [InlineData("")]
    public void Text_without_a_secret_token_is_left_as_it_is(string value)
    {
        var config = Build(Pairs(("Key", value)));

        Assert.Equal(value, config["Key"]);
        Assert.Equal(0, Recording.TotalCallCount);
    }

    [Fact]
    public async Task A_secret_value_that_holds_a_reference_is_not_resolved_again()
    {
        await SetAsync("inner", Canary);
        await SetAsync("outer", "before ${secret:secret://vault/inner} after $${secret:x}");

        var config = Build(Pairs(("Key", "${secret:secret://vault/outer}")));

        Assert.Equal("before ${secret:secret://vault/inner} after $${secret:x}", config["Key"]);
        Assert.DoesNotContain("inner", Recording.RequestedNames);
    }

    [Fact]
    public async Task A_closing_brace_in_a_name_is_written_percent_encoded()
    {
        await SetAsync("a}b", "braced");

        var config = Build(Pairs(("Key", "${secret:secret://vault/a%7Db}")));

        Assert.Equal("braced", config["Key"]);
    }

    [Fact]
    public async Task A_binary_secret_is_refused_by_default_with_a_message_naming_the_key()
    {
        await Backend.SetSecretAsync("cert", SecretValue.FromBytes([0xFF, 0x00, 0xFE]), cancellationToken: Ct);

        var error = Assert.Throws<SecretReferenceResolutionException>(() => Build(Pairs(("Tls:Cert", "${secret:secret://vault/cert}"))));

        var failure = Assert.Single(error.Errors);
        Assert.Equal("Tls:Cert", failure.ConfigurationKey);
        Assert.Contains("binary", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("Tls:Cert", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_binary_secret_is_base64_when_asked()
    {
        await Backend.SetSecretAsync("cert", SecretValue.FromBytes([0xFF, 0x00, 0xFE]), cancellationToken: Ct);

        var config = Build(Pairs(("Tls:Cert", "${secret:secret://vault/cert}")), o => o.BinaryMode = SecretReferenceBinaryMode.Base64);

        Assert.Equal("/wD+", config["Tls:Cert"]);
    }

    [Fact]
    public async Task Each_distinct_secret_is_read_once_per_load()
    {
        await SetAsync("db", """{"user":"u","password":"p"}""");
        await SetAsync("api", "k");

        var config = Build(Pairs(
            ("A", "${secret:secret://vault/db#user}"),
            ("B", "${secret:secret://vault/db#password}/${secret:secret://vault/db#user}"),
            ("C", "${secret:secret://vault/api}"),
            ("D", "${secret:secret://vault/api}")));

        Assert.Equal("p/u", config["B"]);
        Assert.Equal(["api", "db"], Recording.RequestedNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Keys_without_references_and_the_section_tree_are_served_unchanged()
    {
        await SetAsync("a", "A");

        var config = Build(Pairs(("Plain", "text"), ("Section:Child", "${secret:secret://vault/a}"), ("Section:Other", "o"), ("Empty", null)));

        Assert.Equal("text", config["Plain"]);
        Assert.Equal(["Child", "Other"], config.GetSection("Section").GetChildren().Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.Equal("A", config.GetSection("section")["child"]);
        Assert.Contains(config.GetChildren(), c => c.Key == "Empty" && c.Value is null);
    }
}
