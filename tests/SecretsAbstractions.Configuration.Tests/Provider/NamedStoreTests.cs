using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SecretsAbstractions.Configuration.Tests.Provider;

/// <summary>A store declared in the <c>SecretStores</c> section of the sources added before the secret store source.</summary>
public sealed class NamedStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("config-named-store-").FullName;

    public NamedStoreTests()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "app", "Database"));
        File.WriteAllText(Path.Combine(_directory, "app", "Database", "Password"), "from-file");
        File.WriteAllText(Path.Combine(_directory, "app", "Api--Key"), "api-key");
    }

    private Dictionary<string, string?> Declaration => new()
    {
        ["SecretStores:files:Type"] = "File",
        ["SecretStores:files:Options:Path"] = _directory,
        ["SecretStores:files:Options:Format"] = "Directory",
    };

    [Fact]
    public void A_store_declared_by_earlier_sources_is_built_and_read()
    {
        RecordingSecretStore? recording = null;
        var root = new ConfigurationBuilder()
            .AddInMemoryCollection(Declaration)
            .AddSecretStore("files", o => o.Prefix = "app/", configureStore: b => b.Use(inner => recording = new RecordingSecretStore(inner)))
            .Build();

        Assert.Equal("from-file", root["Database:Password"]);
        Assert.Equal("api-key", root["Api:Key"]);
        Assert.Equal("files", root.Providers.OfType<SecretStoreConfigurationProvider>().Single().StoreName);
        Assert.NotNull(recording);
        Assert.Equal(1, recording.GetCallCount(SecretStoreOperations.ListSecrets));
        ((IDisposable)root).Dispose();
    }

    [Fact]
    public void With_a_configuration_manager_the_declaration_is_read_from_it()
    {
        using var manager = new ConfigurationManager();
        manager.AddInMemoryCollection(Declaration);
        manager.AddSecretStore("files", o => o.Prefix = "app/");

        Assert.Equal("from-file", manager["Database:Password"]);
        Assert.Equal(Declaration.Count, manager.AsEnumerable().Count(kv => kv.Key.StartsWith("SecretStores:files:", StringComparison.Ordinal) && kv.Value is not null));
    }

    [Fact]
    public void A_name_that_is_not_declared_fails_listing_the_declared_names()
    {
        var builder = new ConfigurationBuilder()
            .AddInMemoryCollection(Declaration)
            .AddSecretStore("vault");

        var error = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Contains("'vault'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'files'", error.Message, StringComparison.Ordinal);
        Assert.Contains("SecretStores", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declaration_added_after_the_source_is_not_seen()
    {
        var builder = new ConfigurationBuilder()
            .AddSecretStore("files")
            .AddInMemoryCollection(Declaration);

        var error = Assert.Throws<InvalidOperationException>(builder.Build);
        Assert.Contains("declares none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_declaration_fails_naming_the_configuration_path()
    {
        var declaration = Declaration;
        declaration["SecretStores:files:Options:Unknown"] = "x";
        var builder = new ConfigurationBuilder().AddInMemoryCollection(declaration).AddSecretStore("files");

        var error = Assert.Throws<OptionsValidationException>(builder.Build);
        Assert.Contains("SecretStores:files:Options:Unknown", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
