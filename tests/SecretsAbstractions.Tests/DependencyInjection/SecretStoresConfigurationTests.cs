using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace SecretsAbstractions.Tests.DependencyInjection;

public class SecretStoresConfigurationTests
{
    private const string Canary = "canary-9f1c";

    private readonly TestStoreType _testType = new();

    [Fact]
    public void A_declared_store_is_keyed_by_its_name_and_reports_it()
    {
        using var provider = Build(new() { ["SecretStores:mem:Type"] = "InMemory" });

        var store = provider.GetRequiredKeyedService<ISecretStore>("mem");

        Assert.IsType<InMemorySecretStore>(store);
        Assert.Equal("mem", store.GetMetadata().StoreName);
        Assert.Equal("InMemory", store.GetMetadata().ProviderName);
        Assert.Same(store, provider.GetRequiredKeyedService<ISecretStore>("mem"));
    }

    [Fact]
    public void Type_names_are_case_insensitive()
    {
        using var provider = Build(new() { ["SecretStores:mem:type"] = "inMEMORY", ["SecretStores:t:TYPE"] = "test", ["SecretStores:t:options:endpoint"] = "e" });

        Assert.IsType<InMemorySecretStore>(provider.GetRequiredKeyedService<ISecretStore>("mem"));
        Assert.IsType<DisposalTrackingStore>(provider.GetRequiredKeyedService<ISecretStore>("t"));
    }

    [Fact]
    public void A_StoreName_option_wins_over_the_key()
    {
        using var provider = Build(new() { ["SecretStores:mem:Type"] = "InMemory", ["SecretStores:mem:Options:StoreName"] = "development" });

        Assert.Equal("development", provider.GetRequiredKeyedService<ISecretStore>("mem").GetMetadata().StoreName);
    }

    [Fact]
    public void Options_are_bound_to_the_type_options_and_the_store_name_filled_in()
    {
        using var provider = Build(new()
        {
            ["SecretStores:t:Type"] = "Test",
            ["SecretStores:t:Options:Endpoint"] = "https://127.0.0.1:8200",
            ["SecretStores:t:Options:Colour"] = "green",
            ["SecretStores:t:Options:Count"] = "3",
            ["SecretStores:t:Options:Nested:Flag"] = "true",
        });

        provider.GetRequiredKeyedService<ISecretStore>("t");

        var (storeName, options) = Assert.Single(_testType.Created);
        Assert.Equal("t", storeName);
        Assert.Equal("t", options.StoreName);
        Assert.Equal("https://127.0.0.1:8200", options.Endpoint);
        Assert.Equal(TestColour.Green, options.Colour);
        Assert.Equal(3, options.Count);
        Assert.True(options.Nested.Flag);
    }

    [Fact]
    public void Store_types_may_be_added_after_AddSecretStores()
    {
        var services = new ServiceCollection();
        services.AddSecretStores(Configuration(new() { ["SecretStores:t:Type"] = "Test", ["SecretStores:t:Options:Endpoint"] = "e" }));
        _testType.AddTo(services);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<DisposalTrackingStore>(provider.GetRequiredKeyedService<ISecretStore>("t"));
    }

    [Fact]
    public void A_store_type_added_later_replaces_a_built_in_one()
    {
        var replacement = new InMemorySecretStore();
        var services = new ServiceCollection();
        services.AddSecretStoreType<InMemorySecretStoreOptions>("inmemory", (_, _, _) => replacement);
        services.AddSecretStores(Configuration(new() { ["SecretStores:mem:Type"] = "InMemory" }));
        using var provider = services.BuildServiceProvider();

        Assert.Same(replacement, provider.GetRequiredKeyedService<ISecretStore>("mem"));
    }

    [Fact]
    public async Task ConfigureStore_adds_decorators_to_each_declared_store()
    {
        var reads = new List<string>();
        var services = new ServiceCollection();
        services.AddSecretStores(
            Configuration(new() { ["SecretStores:a:Type"] = "InMemory", ["SecretStores:b:Type"] = "InMemory" }),
            (name, builder) => builder.Use(inner => new LabelRecordingStore(inner, name, reads)));
        using var provider = services.BuildServiceProvider();

        var b = Assert.IsType<LabelRecordingStore>(provider.GetRequiredKeyedService<ISecretStore>("b"));
        await b.GetSecretAsync("x", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("b", b.InnerStoreName);
        Assert.Equal(["b"], reads);
    }

    [Fact]
    public async Task Declared_in_memory_stores_use_the_TimeProvider_from_services()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using var provider = Build(new() { ["SecretStores:mem:Type"] = "InMemory" }, services => services.AddSingleton<TimeProvider>(time));

        var properties = await provider.GetRequiredKeyedService<ISecretStore>("mem").SetSecretAsync("a", "v", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(time.GetUtcNow(), properties.CreatedOn);
    }

    [Fact]
    public void A_section_path_selects_another_section()
    {
        var services = new ServiceCollection();
        services.AddSecretStores(Configuration(new() { ["App:Stores:mem:Type"] = "InMemory", ["SecretStores:other:Type"] = "InMemory" }), "App:Stores");
        using var provider = services.BuildServiceProvider();

        Assert.Equal(["mem"], provider.GetRequiredService<ISecretStoreProvider>().StoreNames);
    }

    [Fact]
    public void A_missing_section_declares_no_store()
    {
        var services = new ServiceCollection();
        services.AddSecretStores(Configuration(new() { ["Other:mem:Type"] = "InMemory" }));

        Assert.DoesNotContain(services, descriptor => descriptor.ServiceType == typeof(ISecretStore));
    }

    [Fact]
    public void Declared_stores_are_disposed_with_the_container()
    {
        var provider = Build(new() { ["SecretStores:t:Type"] = "Test", ["SecretStores:t:Options:Endpoint"] = "e" });
        provider.GetRequiredKeyedService<ISecretStore>("t");

        provider.Dispose();

        Assert.Equal(1, Assert.Single(_testType.Stores).DisposeCount);
    }

    [Fact]
    public void Startup_validation_passes_without_creating_valid_stores()
    {
        using var provider = Build(new() { ["SecretStores:t:Type"] = "Test", ["SecretStores:t:Options:Endpoint"] = "e" });

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Empty(_testType.Created);
    }

    [Fact]
    public void Startup_validation_fails_without_resolving_the_store()
    {
        using var provider = Build(new() { ["SecretStores:t:Type"] = "Test" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal("t", error.OptionsName);
        Assert.Contains("'SecretStores:t:Options:Endpoint'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_testType.Created);
    }

    [Fact]
    public void Resolving_an_invalid_store_throws_the_startup_error()
    {
        using var provider = Build(new() { ["SecretStores:t:Type"] = "Test" });

        var atStart = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        var atResolve = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<ISecretStore>("t"));

        Assert.Equal(atStart.Message, atResolve.Message);
        Assert.Empty(_testType.Created);
    }

    [Fact]
    public void Startup_validation_reports_every_invalid_store()
    {
        using var provider = Build(new() { ["SecretStores:a:Type"] = "Nope", ["SecretStores:b:Kind"] = "InMemory", ["SecretStores:c:Type"] = "InMemory" });

        var error = Assert.Throws<AggregateException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(["a", "b"], error.InnerExceptions.Cast<OptionsValidationException>().Select(e => e.OptionsName).Order());
    }

    [Fact]
    public void A_key_other_than_Type_and_Options_is_rejected()
    {
        string message = StartupError(new() { ["SecretStores:mem:Type"] = "InMemory", ["SecretStores:mem:Option:StoreName"] = Canary });

        Assert.Equal(
            "Secret store 'mem': 'SecretStores:mem:Option' is not a store setting; a store has only 'Type' and 'Options'.",
            message);
    }

    [Fact]
    public void A_missing_Type_is_rejected_and_the_known_types_listed()
    {
        string message = StartupError(new() { ["SecretStores:mem:Options:StoreName"] = "x" });

        Assert.StartsWith("Secret store 'mem': 'SecretStores:mem:Type' is missing", message, StringComparison.Ordinal);
        Assert.Contains("InMemory", message, StringComparison.Ordinal);
        Assert.Contains("Test", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_Type_is_rejected_and_the_known_types_listed()
    {
        string message = StartupError(new() { ["SecretStores:vault:Type"] = "HashiCorpVault" });

        Assert.StartsWith("Secret store 'vault': 'SecretStores:vault:Type' names the unknown store type 'HashiCorpVault'; known store types: ", message, StringComparison.Ordinal);
        Assert.Contains("InMemory", message, StringComparison.Ordinal);
        Assert.Contains("Test", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_the_options_class_lacks_is_rejected()
    {
        string message = StartupError(new() { ["SecretStores:t:Type"] = "Test", ["SecretStores:t:Options:Endpoint"] = "e", ["SecretStores:t:Options:Token"] = Canary });

        Assert.Equal(
            "Secret store 't': 'SecretStores:t:Options:Token' is not an option of store type 'Test' (TestStoreOptions); its options are Colour, Count, Endpoint, Nested, StoreName.",
            message);
    }

    [Fact]
    public void An_unknown_nested_option_is_reported_at_its_top_level_option()
    {
        string message = StartupError(new() { ["SecretStores:t:Type"] = "Test", ["SecretStores:t:Options:Endpoint"] = "e", ["SecretStores:t:Options:Nested:Token"] = Canary });

        Assert.StartsWith("Secret store 't': 'SecretStores:t:Options:Nested' does not bind to TestNestedOptions", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Colour", "Secret store 't': the value at 'SecretStores:t:Options:Colour' does not convert to TestColour (store type 'Test'); expected one of Red, Green.")]
    [InlineData("Count", "Secret store 't': the value at 'SecretStores:t:Options:Count' does not convert to Int32 (store type 'Test').")]
    [InlineData("Nested:Flag", "Secret store 't': 'SecretStores:t:Options:Nested' does not bind to TestNestedOptions (store type 'Test'): it holds a key that type lacks or a value that does not convert.")]
    public void A_value_that_does_not_convert_is_rejected_without_echoing_it(string option, string expected)
    {
        string message = StartupError(new() { ["SecretStores:t:Type"] = "Test", ["SecretStores:t:Options:Endpoint"] = "e", [$"SecretStores:t:Options:{option}"] = Canary });

        Assert.Equal(expected, message);
    }

    [Fact]
    public void Options_given_as_a_single_value_are_rejected()
    {
        string message = StartupError(new() { ["SecretStores:t:Type"] = "Test", ["SecretStores:t:Options"] = Canary });

        Assert.Equal("Secret store 't': 'SecretStores:t:Options' must be a section of options for store type 'Test', not a single value.", message);
    }

    [Fact]
    public void Validator_failures_are_reported_at_the_option_they_name()
    {
        string message = StartupError(new() { ["SecretStores:t:Type"] = "Test", ["SecretStores:t:Options:Count"] = "-1", ["SecretStores:t:Options:Colour"] = "Green" });

        Assert.Equal(
            "Secret store 't': 'SecretStores:t:Options:Endpoint' is invalid (store type 'Test'): Endpoint must be set.; "
            + "Secret store 't': 'SecretStores:t:Options:Count' is invalid (store type 'Test'): Property Count: must not be negative.; "
            + "Secret store 't': 'SecretStores:t:Options' is invalid (store type 'Test'): A green store needs the nested flag.",
            message);
    }

    [Fact]
    public void Every_failure_of_a_store_is_reported_at_once()
    {
        string message = StartupError(new() { ["SecretStores:t:Type"] = "Test", ["SecretStores:t:Extra"] = "x", ["SecretStores:t:Options:A"] = "x", ["SecretStores:t:Options:B"] = "x" });

        Assert.Contains("'SecretStores:t:Extra'", message, StringComparison.Ordinal);
        Assert.Contains("'SecretStores:t:Options:A'", message, StringComparison.Ordinal);
        Assert.Contains("'SecretStores:t:Options:B'", message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        var services = new ServiceCollection();
        _testType.AddTo(services);
        configureServices?.Invoke(services);
        services.AddSecretStores(Configuration(settings));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>The startup validation message of the one store declared, checked to be the one resolving it throws.</summary>
    private string StartupError(Dictionary<string, string?> settings)
    {
        using var provider = Build(settings);
        var atStart = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        string storeName = Assert.Single(provider.GetRequiredService<ISecretStoreProvider>().StoreNames);
        var atResolve = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<ISecretStore>(storeName));
        Assert.Equal(atStart.Message, atResolve.Message);
        Assert.DoesNotContain(Canary, atStart.Message, StringComparison.Ordinal);
        Assert.Empty(_testType.Created);
        return atStart.Message;
    }
}
