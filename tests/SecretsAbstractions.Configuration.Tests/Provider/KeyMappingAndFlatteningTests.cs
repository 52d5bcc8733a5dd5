using System.Text;
using Microsoft.Extensions.Configuration;
using SecretsAbstractions.Configuration;

namespace SecretsAbstractions.Configuration.Tests.Provider;

public sealed class KeyMappingAndFlatteningTests
{
    [Fact]
    public void Slashes_and_double_dashes_become_colons_and_the_prefix_is_removed()
    {
        using var h = new ProviderHarness();
        h.Set("app/Db/Password", "p1");
        h.Set("app/Api--Key", "k1");
        h.Set("app/Deep/Nested--Name/Leaf", "leaf");
        h.Set("other/Ignored", "no");

        var root = h.Build(o => o.Prefix = "app/");

        Assert.Equal("p1", root["Db:Password"]);
        Assert.Equal("k1", root["api:key"]);
        Assert.Equal("leaf", root["Deep:Nested:Name:Leaf"]);
        Assert.Null(root["other:Ignored"]);
        Assert.Null(root["Ignored"]);
        Assert.Equal(3, h.Provider.Status.SecretCount);
        Assert.Equal("app/", Assert.Single(h.Recording.Calls, c => c.Operation == SecretStoreOperations.ListSecrets).Prefix);
    }

    [Theory]
    [InlineData("db/password", "db:password")]
    [InlineData("Db--Password", "Db:Password")]
    [InlineData("a/b--c", "a:b:c")]
    [InlineData("/lead", "lead")]
    [InlineData("--", null)]
    [InlineData("", null)]
    public void The_default_mapper_is_documented_and_reversible(string name, string? key)
    {
        Assert.Equal(key, SecretConfigurationKeys.FromSecretName(name));
        if (key is not null)
        {
            Assert.Equal(key.Replace(':', '/'), SecretConfigurationKeys.ToSecretName(key));
        }
    }

    [Fact]
    public void A_custom_key_mapper_maps_and_leaves_secrets_out_before_they_are_read()
    {
        using var h = new ProviderHarness();
        h.Set("app/keep", "1");
        h.Set("app/skip", "2");

        var root = h.Build(o =>
        {
            o.Prefix = "app/";
            o.KeyMapper = name => name == "skip" ? null : "Custom:" + name.ToUpperInvariant();
        });

        Assert.Equal("1", root["Custom:KEEP"]);
        Assert.Single(root.AsEnumerable(), kv => kv.Value is not null);
        Assert.DoesNotContain("app/skip", h.Recording.RequestedNames);
    }

    [Fact]
    public void A_json_object_secret_is_flattened_exactly_as_the_json_configuration_provider_does()
    {
        const string Document = """
            {
              "user": "admin",
              "password": "s3cret",
              "port": 5432,
              "ratio": 1.50,
              "ssl": true,
              "legacy": false,
              "nothing": null,
              "hosts": [ "a", "b", { "name": "c", "tags": [] } ],
              "empty": {},
              "nested": { "Deep": { "value": "x" } },
            }
            """;
        using var h = new ProviderHarness();
        h.Set("db", Document);

        var fromSecrets = h.Build().AsEnumerable().Where(kv => kv.Key.StartsWith("db", StringComparison.Ordinal)).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var fromJson = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("{ \"db\": " + Document + " }")))
            .Build()
            .AsEnumerable()
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(fromJson, fromSecrets);
        Assert.Equal("True", h.Root!["db:ssl"]);
        Assert.Equal("1.50", h.Root["db:ratio"]);
        Assert.Null(h.Root["db:nothing"]);
        Assert.Null(h.Root["db:empty"]);
        Assert.Equal(string.Empty, h.Root["db:hosts:2:tags"]);
        Assert.Equal("c", h.Root["db:hosts:2:name"]);
    }

    [Fact]
    public void Flattening_can_be_turned_off()
    {
        using var h = new ProviderHarness();
        h.Set("db", """{"user":"u"}""");

        var root = h.Build(o => o.FlattenJsonObjects = false);

        Assert.Equal("""{"user":"u"}""", root["db"]);
        Assert.Null(root["db:user"]);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"a":1,"A":2}""")]
    [InlineData("""{"a":1}  trailing""")]
    public void A_json_looking_value_that_does_not_parse_is_loaded_as_plain_text_with_a_warning_naming_the_key(string value)
    {
        using var h = new ProviderHarness();
        h.Set("app/conn", value);

        var root = h.Build(o => o.Prefix = "app/");

        Assert.Equal(value, root["conn"]);
        var warning = Assert.Single(h.Warnings("UnparsedJson"));
        Assert.Contains("'conn'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'app/conn'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_that_are_not_json_objects_are_loaded_as_they_are()
    {
        using var h = new ProviderHarness();
        h.Set("list", """["a","b"]""");
        h.Set("number", "42");
        h.Set("text", "  {spaces before a brace are still JSON-looking");
        await h.Memory.SetSecretAsync("binary", SecretValue.FromBytes([1, 2, 3, 250]), cancellationToken: TestContext.Current.CancellationToken);

        var root = h.Build();

        Assert.Equal("""["a","b"]""", root["list"]);
        Assert.Equal("42", root["number"]);
        Assert.Equal("  {spaces before a brace are still JSON-looking", root["text"]);
        Assert.Equal(Convert.ToBase64String(new byte[] { 1, 2, 3, 250 }), root["binary"]);
        Assert.Single(h.Warnings("UnparsedJson"));
    }

    [Fact]
    public void An_options_class_binds_to_the_keys()
    {
        using var h = new ProviderHarness();
        h.Set("myapp/Database--ConnectionString", "Server=db");
        h.Set("myapp/Database/Retries", "3");

        var options = h.Build(o => o.Prefix = "myapp/").GetSection("Database").Get<DatabaseOptions>();

        Assert.NotNull(options);
        Assert.Equal("Server=db", options.ConnectionString);
        Assert.Equal(3, options.Retries);
    }

    private sealed class DatabaseOptions
    {
        public string? ConnectionString { get; set; }

        public int Retries { get; set; }
    }
}
