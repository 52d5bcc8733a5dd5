using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecretsAbstractions.Tests.DependencyInjection;

public class SecretStoreServiceRegistrationTests
{
    private readonly List<TestStoreOptions> _created = [];

    private SecretStoreServiceRegistration<TestStoreOptions> Registration => new(
        "Test",
        (_, options) =>
        {
            _created.Add(options);
            return new InMemorySecretStore(new InMemorySecretStoreOptions { StoreName = options.StoreName });
        },
        new TestStoreOptionsValidator(),
        (options, storeName) => options.StoreName ??= storeName);

    [Fact]
    public void A_keyed_store_takes_its_key_as_store_name_unless_the_options_set_one()
    {
        var services = new ServiceCollection();
        var registration = Registration;
        registration.AddKeyedStore(services, "primary", o => o.Endpoint = "e");
        registration.AddKeyedStore(services, "secondary", o => (o.Endpoint, o.StoreName) = ("e", "named"));
        using var provider = services.BuildServiceProvider();

        Assert.Equal("primary", provider.GetRequiredKeyedService<ISecretStore>("primary").GetMetadata().StoreName);
        Assert.Equal("named", provider.GetRequiredKeyedService<ISecretStore>("secondary").GetMetadata().StoreName);
    }

    [Fact]
    public void A_section_is_bound_strictly_and_validated_at_start_without_resolving_the_store()
    {
        var section = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Store:Endpoint"] = "e", ["Store:Colur"] = "Red" })
            .Build()
            .GetSection("Store");
        var services = new ServiceCollection();
        Registration.AddStore(services, section);
        using var provider = services.BuildServiceProvider();

        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Colur", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_created);
    }

    [Fact]
    public void Invalid_options_fail_at_start_with_the_validator_message()
    {
        var services = new ServiceCollection();
        Registration.AddStore(services, _ => { });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Endpoint must be set.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_store_type_is_registered_once_however_many_stores_are_added()
    {
        var services = new ServiceCollection();
        var registration = Registration;
        registration.AddStore(services, o => o.Endpoint = "e");
        registration.AddKeyedStore(services, "other", o => o.Endpoint = "e");
        registration.AddStoreType(services);

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SecretStores:declared:Type"] = "Test", ["SecretStores:declared:Options:Endpoint"] = "e" })
            .Build();
        services.AddSecretStores(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Equal("declared", provider.GetRequiredKeyedService<ISecretStore>("declared").GetMetadata().StoreName);
        Assert.Equal(1, services.Count(d => d.ServiceType.Name == "SecretStoreType"));
    }
}
