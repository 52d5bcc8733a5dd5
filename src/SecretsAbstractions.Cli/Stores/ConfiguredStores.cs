using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecretsAbstractions.AwsSecretsManager;
using SecretsAbstractions.AzureKeyVault;
using SecretsAbstractions.Cli.CommandLine;
using SecretsAbstractions.HashiCorpVault;

namespace SecretsAbstractions.Cli.Stores;

/// <summary>The stores declared in a configuration file's <c>SecretStores</c> section, through the library's own
/// schema (<c>AddSecretStores</c>) with every adapter's store type registered, each with resilience and no cache.</summary>
internal sealed class ConfiguredStores : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _file;
    private readonly IReadOnlyList<string> _declared;

    private ConfiguredStores(ServiceProvider services, string file, IReadOnlyList<string> declared)
    {
        _services = services;
        _file = file;
        _declared = declared;
    }

    public static ConfiguredStores Load(string file, SecretsCliOptions hooks)
    {
        var configuration = Read(file);
        var services = new ServiceCollection();
        if (hooks.TimeProvider is { } timeProvider)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddHashiCorpVaultSecretStoreType()
            .AddAwsSecretsManagerSecretStoreType()
            .AddAzureKeyVaultSecretStoreType();
        AddDeclaredStores(services, configuration, hooks);
        var declared = configuration.GetSection(SecretStoreConfigurationKeys.SectionName).GetChildren().Select(c => c.Key).ToList();
        return new ConfiguredStores(services.BuildServiceProvider(), file, declared);
    }

    /// <summary>The declared store <paramref name="name"/>; its declaration is bound and validated here, so a bad
    /// declaration of another store does not get in the way.</summary>
    public ISecretStore GetStore(string name, string option)
    {
        if (!_declared.Contains(name, StringComparer.Ordinal))
        {
            throw new UsageException(
                $"--{option} '{SecretName.ForDisplay(name)}' is not declared in the {SecretStoreConfigurationKeys.SectionName} section of '{_file}'; declared stores: {(_declared.Count == 0 ? "(none)" : string.Join(", ", _declared))}.");
        }

        try
        {
            return _services.GetRequiredService<ISecretStoreProvider>().GetStore(name);
        }
        catch (OptionsValidationException error)
        {
            throw new UsageException($"the store '{name}' in '{_file}' is misconfigured: {string.Join(" ", error.Failures)}", error);
        }
    }

    public void Dispose() => _services.Dispose();

    private static IConfigurationRoot Read(string file)
    {
        string path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            throw new UsageException($"the configuration file '{file}' does not exist.");
        }

        try
        {
            return new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        }
        catch (InvalidDataException error)
        {
            // The provider's message quotes the offending line, which may hold a token: only the position is kept.
            string where = error.InnerException is JsonException { LineNumber: { } line } ? $" (line {line + 1})" : string.Empty;
            throw new UsageException($"the configuration file '{file}' is not valid JSON{where}.");
        }
    }

    // The library binds each declared store's options with the reflection-based configuration binder. What that
    // binder needs at run time is kept here: the options classes of every store type the tool registers, with their
    // public properties and constructors. They hold strings, enums, numbers, booleans, TimeSpans and Uris, which the
    // binder converts without generating code; the native tests bind every one of these store types from a file.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The options types the binder reflects over are preserved by the DynamicDependency attributes.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The options hold only scalar properties and one nested class; the binder creates no generic collections for them.")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(InMemorySecretStoreOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(EnvironmentVariablesSecretStoreOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(FileSecretStoreOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(HashiCorpVaultSecretStoreOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(HashiCorpVaultAuthOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(AwsSecretsManagerSecretStoreOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(AzureKeyVaultSecretStoreOptions))]
    private static void AddDeclaredStores(ServiceCollection services, IConfiguration configuration, SecretsCliOptions hooks) =>
        services.AddSecretStores(configuration, (_, builder) => StoreFactory.WithResilience(builder, hooks));
}
