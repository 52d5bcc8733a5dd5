using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecretsAbstractions.Tests.DependencyInjection;

public class BuiltInStoreTypesTests
{
    [Fact]
    public async Task An_Environment_store_reads_variables_under_its_prefix()
    {
        string prefix = $"DI_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable($"{prefix}db__password", "from-environment");
        try
        {
            using var provider = Build(new() { ["SecretStores:env:Type"] = "Environment", ["SecretStores:env:Options:Prefix"] = prefix });

            var store = provider.GetRequiredKeyedService<ISecretStore>("env");
            var secret = await store.GetRequiredSecretAsync("db/password", cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal("from-environment", secret.Value.RevealString());
            Assert.Equal("env", store.GetMetadata().StoreName);
            Assert.Equal("Environment", store.GetMetadata().ProviderName);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{prefix}db__password", null);
        }
    }

    [Fact]
    public void An_invalid_Environment_prefix_fails_at_start_with_its_path()
    {
        using var provider = Build(new() { ["SecretStores:env:Type"] = "Environment", ["SecretStores:env:Options:Prefix"] = "APP=canary" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            "Secret store 'env': 'SecretStores:env:Options:Prefix' is invalid (store type 'Environment'): Prefix must not contain '=' or control characters.",
            error.Message);
    }

    [Fact]
    public void The_built_in_types_are_listed_for_an_unknown_type()
    {
        using var provider = Build(new() { ["SecretStores:x:Type"] = "Zip" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.EndsWith("known store types: Environment, File, InMemory.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_File_store_reads_a_directory_of_secrets()
    {
        var root = Directory.CreateTempSubdirectory("di-file-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "db"));
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "db", "password"), "from-file", TestContext.Current.CancellationToken);
            using var provider = Build(new()
            {
                ["SecretStores:local:Type"] = "file",
                ["SecretStores:local:Options:Path"] = root.FullName,
                ["SecretStores:local:Options:Format"] = "Directory",
            });

            var store = provider.GetRequiredKeyedService<ISecretStore>("local");
            var secret = await store.GetRequiredSecretAsync("db/password", cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal("from-file", secret.Value.RevealString());
            Assert.Equal("local", store.GetMetadata().StoreName);
            Assert.Equal("File", store.GetMetadata().ProviderName);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_File_store_without_a_Path_fails_at_start_with_the_Path_path()
    {
        using var provider = Build(new() { ["SecretStores:local:Type"] = "File" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.StartsWith("Secret store 'local': 'SecretStores:local:Options:Path' is invalid (store type 'File'): Path ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_File_Format_that_does_not_convert_fails_without_echoing_the_value()
    {
        using var provider = Build(new() { ["SecretStores:local:Type"] = "File", ["SecretStores:local:Options:Path"] = "./secrets", ["SecretStores:local:Options:Format"] = "Zip" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<ISecretStore>("local"));

        Assert.Equal(
            "Secret store 'local': the value at 'SecretStores:local:Options:Format' does not convert to FileSecretStoreFormat (store type 'File'); expected one of Directory, Json.",
            error.Message);
    }

    [Fact]
    public void An_unknown_File_option_is_rejected_with_its_path()
    {
        using var provider = Build(new() { ["SecretStores:local:Type"] = "File", ["SecretStores:local:Options:Path"] = "./secrets", ["SecretStores:local:Options:ReadOnly"] = "true" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.StartsWith(
            "Secret store 'local': 'SecretStores:local:Options:ReadOnly' is not an option of store type 'File' (FileSecretStoreOptions); its options are ",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains("Format, Path,", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSecretStores(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
