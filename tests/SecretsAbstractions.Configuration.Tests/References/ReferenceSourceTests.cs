using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecretsAbstractions.Configuration;

namespace SecretsAbstractions.Configuration.Tests.References;

public sealed class ReferenceSourceTests : ReferenceTest
{
    [Fact]
    public async Task References_in_environment_variables_are_resolved()
    {
        await SetAsync("db/password", "from-env-ref");
        string prefix = "SA_REFTEST_" + Guid.NewGuid().ToString("N")[..8] + "_";
        Environment.SetEnvironmentVariable(prefix + "Db__Password", "${secret:secret://vault/db/password}");
        try
        {
            var config = Build(builder => builder.AddEnvironmentVariables(prefix));

            Assert.Equal("from-env-ref", config["Db:Password"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "Db__Password", null);
        }
    }

    [Fact]
    public async Task References_on_the_command_line_are_resolved()
    {
        await SetAsync("api", "from-args");

        var config = Build(builder => builder.AddCommandLine(["--Api:Key=${secret:secret://vault/api}", "--Plain=1"]));

        Assert.Equal("from-args", config["Api:Key"]);
        Assert.Equal("1", config["Plain"]);
    }

    [Fact]
    public async Task A_later_source_overrides_an_earlier_one_before_resolution()
    {
        await SetAsync("a", "A");
        await SetAsync("b", "B");

        var config = Build(builder => builder
            .AddInMemoryCollection(Pairs(("Key", "${secret:secret://vault/a}"), ("Kept", "${secret:secret://vault/a}")))
            .AddCommandLine(["--Key=${secret:secret://vault/b}"]));

        Assert.Equal("B", config["Key"]);
        Assert.Equal("A", config["Kept"]);
    }

    [Fact]
    public async Task Sources_added_after_AddSecretReferences_are_not_resolved()
    {
        await SetAsync("a", "A");
        var builder = new ConfigurationBuilder()
            .AddInMemoryCollection(Pairs(("Before", "${secret:secret://vault/a}")))
            .AddSecretReferences(new Dictionary<string, ISecretStore> { ["vault"] = Backend })
            .AddInMemoryCollection(Pairs(("After", "${secret:secret://vault/a}")));
        using var config = (ConfigurationRoot)builder.Build();

        Assert.Equal("A", config["Before"]);
        Assert.Equal("${secret:secret://vault/a}", config["After"]);
    }

    [Fact]
    public void The_earlier_sources_are_built_once_inside_the_reference_source()
    {
        int builds = 0;
        var builder = new ConfigurationBuilder();
        builder.Add(new CountingSource(() => builds++));
        builder.AddSecretReferences(new Dictionary<string, ISecretStore>());

        Assert.Single(builder.Sources);
        using var config = (ConfigurationRoot)builder.Build();
        Assert.Equal(1, builds);
    }

    [Fact]
    public async Task A_ConfigurationManager_as_hosts_use_resolves_the_sources_added_before()
    {
        await SetAsync("a", "A");
        using var manager = new ConfigurationManager();
        manager.AddInMemoryCollection(Pairs(("Key", "${secret:secret://vault/a}")));
        manager.AddCommandLine(["--Other=${secret:secret://vault/a}!"]);

        manager.AddSecretReferences(new Dictionary<string, ISecretStore> { ["vault"] = Backend });

        Assert.Single(((IConfigurationBuilder)manager).Sources);
        Assert.Equal("A", manager["Key"]);
        Assert.Equal("A!", manager["Other"]);
    }

    [Fact]
    public void Calling_AddSecretReferences_twice_is_refused()
    {
        var builder = new ConfigurationBuilder().AddSecretReferences(new Dictionary<string, ISecretStore>());

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddSecretReferences(new Dictionary<string, ISecretStore>()));
        Assert.Contains("once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stores_declared_in_the_SecretStores_section_are_used_with_their_decorators()
    {
        string folder = Directory.CreateTempSubdirectory("sa-refs-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "db"));
            File.WriteAllText(Path.Combine(folder, "db", "password"), "from-file");
            var decorated = new List<string>();
            var builder = new ConfigurationBuilder()
                .AddInMemoryCollection(Pairs(
                    ("SecretStores:files:Type", "File"),
                    ("SecretStores:files:Options:Path", folder),
                    ("Db:Password", "${secret:secret://files/db/password}")))
#pragma warning disable IL2026, IL3050 // Reflection binding of the store options: fine in tests.
                .AddSecretReferences(options => options.ConfigureStore = (name, store) => store.Use(inner =>
                {
                    decorated.Add(name);
                    return new RecordingSecretStore(inner);
                }));
#pragma warning restore IL2026, IL3050
            using var config = (ConfigurationRoot)builder.Build();

            Assert.Equal("from-file", config["Db:Password"]);
            Assert.Equal(["files"], decorated);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Stores_registered_through_ConfigureServices_are_found_next_to_declared_ones()
    {
        await SetAsync("api", "from-keyed");
        var builder = new ConfigurationBuilder()
            .AddInMemoryCollection(Pairs(("SecretStores:empty:Type", "InMemory"), ("Api:Key", "${secret:secret://mem/api}")))
#pragma warning disable IL2026, IL3050
            .AddSecretReferences(options => options.ConfigureServices = services => services.AddKeyedSecretStore("mem", Backend));
#pragma warning restore IL2026, IL3050
        using var config = (ConfigurationRoot)builder.Build();

        Assert.Equal("from-keyed", config["Api:Key"]);
    }

    [Fact]
    public void An_invalid_store_declaration_fails_the_references_to_that_store_with_its_configuration_path()
    {
        var builder = new ConfigurationBuilder()
            .AddInMemoryCollection(Pairs(("SecretStores:bad:Type", "Nope"), ("Key", "${secret:secret://bad/x}")))
#pragma warning disable IL2026, IL3050
            .AddSecretReferences();
#pragma warning restore IL2026, IL3050

        var error = Assert.Throws<SecretReferenceResolutionException>(() => builder.Build());

        var failure = Assert.Single(error.Errors);
        Assert.Equal("Key", failure.ConfigurationKey);
        Assert.Contains("SecretStores:bad", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_loaded_by_AddSecretStore_are_secret_values_and_never_scanned()
    {
        await SetAsync("app/Raw", "${secret:secret://vault/other} $${secret:kept}");
        await SetAsync("other", Canary);
        await SetAsync("api", "resolved");

        var config = Build(builder => builder
            .AddSecretStore(Backend, o => o.Prefix = "app/")
            .AddInMemoryCollection(Pairs(("Api", "${secret:secret://vault/api}"))));

        Assert.Equal("${secret:secret://vault/other} $${secret:kept}", config["Raw"]);
        Assert.Equal("resolved", config["Api"]);
        Assert.DoesNotContain("other", Recording.RequestedNames);
        Assert.Same(
            Assert.Single(ProviderOf(config).InnerConfiguration!.Providers.OfType<SecretStoreConfigurationProvider>()),
            ProviderOf(config).InnerProviders[0]);
    }

    [Theory]
    [InlineData("ReloadInterval")]
    [InlineData("ReloadJitter")]
    [InlineData("MaxConcurrency")]
    [InlineData("LoadTimeout")]
    [InlineData("BinaryMode")]
    public void Invalid_options_are_refused_when_added_with_a_message_naming_the_option(string option)
    {
        Action<SecretReferenceOptions> configure = option switch
        {
            "ReloadInterval" => o => o.ReloadInterval = TimeSpan.Zero,
            "ReloadJitter" => o => (o.ReloadInterval, o.ReloadJitter) = (TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)),
            "MaxConcurrency" => o => o.MaxConcurrency = 0,
            "LoadTimeout" => o => o.LoadTimeout = TimeSpan.FromSeconds(-5),
            _ => o => o.BinaryMode = (SecretReferenceBinaryMode)7,
        };

        var error = Assert.Throws<OptionsValidationException>(() =>
            new ConfigurationBuilder().AddSecretReferences(new Dictionary<string, ISecretStore>(), configure));

        Assert.Contains("SecretReferenceOptions." + option, error.Message, StringComparison.Ordinal);
    }

    private sealed class CountingSource(Action onBuild) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder)
        {
            onBuild();
            return new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationProvider(new() { InitialData = Pairs(("K", "V")) });
        }
    }
}
