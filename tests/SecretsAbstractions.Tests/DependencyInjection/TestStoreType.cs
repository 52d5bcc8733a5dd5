using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecretsAbstractions.Tests.DependencyInjection;

internal enum TestColour
{
    Red,
    Green,
}

internal sealed class TestStoreOptions
{
    public string? StoreName { get; set; }

    public string? Endpoint { get; set; }

    public TestColour Colour { get; set; }

    public int Count { get; set; }

    public TestNestedOptions Nested { get; set; } = new();
}

internal sealed class TestNestedOptions
{
    public bool Flag { get; set; }
}

/// <summary>Endpoint is required (a failure led by the option's name); Count must not be negative (a
/// failure in <see cref="ValidateOptionsResultBuilder"/>'s "Property X:" form); Colour Green needs Nested:Flag
/// (a failure about no single option).</summary>
internal sealed class TestStoreOptionsValidator : IValidateOptions<TestStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, TestStoreOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        if (string.IsNullOrEmpty(options.Endpoint))
        {
            result.AddError("Endpoint must be set.");
        }

        if (options.Count < 0)
        {
            result.AddError("must not be negative.", nameof(TestStoreOptions.Count));
        }

        if (options.Colour == TestColour.Green && !options.Nested.Flag)
        {
            result.AddError("A green store needs the nested flag.");
        }

        return result.Build();
    }
}

/// <summary>Registers the <c>Test</c> store type and records the stores it creates.</summary>
internal sealed class TestStoreType
{
    public const string Name = "Test";

    public List<(string StoreName, TestStoreOptions Options)> Created { get; } = [];

    public List<DisposalTrackingStore> Stores { get; } = [];

    public IServiceCollection AddTo(IServiceCollection services) =>
        services.AddSecretStoreType<TestStoreOptions>(Name, (_, storeName, options) =>
        {
            Created.Add((storeName, options));
            var store = new DisposalTrackingStore();
            Stores.Add(store);
            return store;
        }, new TestStoreOptionsValidator());
}
