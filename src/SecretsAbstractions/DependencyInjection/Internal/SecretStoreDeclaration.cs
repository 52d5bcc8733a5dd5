using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecretsAbstractions.Internal;

/// <summary>One child of the <c>SecretStores</c> section, read as named options (named by the store) so that
/// <c>ValidateOnStart</c> checks it when the host starts and resolving the store throws the same error.</summary>
internal sealed class SecretStoreDeclaration
{
    public string? StoreName { get; private set; }

    public SecretStoreType? Type { get; private set; }

    public object? Options { get; private set; }

    public IConfigurationSection? OptionsSection { get; private set; }

    /// <summary>Failures found while reading the section; the type's validator runs only when there are none.</summary>
    public List<string> Failures { get; } = [];

    [RequiresUnreferencedCode(OptionsSectionBinder.ReflectionBindingMessage)]
    [RequiresDynamicCode(OptionsSectionBinder.ReflectionBindingMessage)]
    public void Load(string storeName, IConfigurationSection storeSection, SecretStoreTypeRegistry registry)
    {
        StoreName = storeName;
        Type = null;
        Options = null;
        OptionsSection = null;
        Failures.Clear();

        foreach (var child in storeSection.GetChildren())
        {
            if (!IsStoreKey(child.Key))
            {
                Failures.Add(SecretStoreConfigurationErrors.UnknownStoreKey(storeName, child.Path));
            }
        }

        var typeSection = storeSection.GetSection(SecretStoreConfigurationKeys.Type);
        if (string.IsNullOrWhiteSpace(typeSection.Value))
        {
            Failures.Add(SecretStoreConfigurationErrors.MissingType(storeName, typeSection.Path, registry.TypeNames));
            return;
        }

        var type = registry.Find(typeSection.Value);
        if (type is null)
        {
            Failures.Add(SecretStoreConfigurationErrors.UnknownType(storeName, typeSection.Path, typeSection.Value, registry.TypeNames));
            return;
        }

        Type = type;
        OptionsSection = storeSection.GetSection(SecretStoreConfigurationKeys.Options);
        Options = type.BindOptions(storeName, OptionsSection, Failures);
    }

    /// <summary>Creates the declared store; throws <see cref="OptionsValidationException"/> when the declaration is invalid.</summary>
    public static ISecretStore CreateStore(IServiceProvider services, string storeName)
    {
        var declaration = services.GetRequiredService<IOptionsMonitor<SecretStoreDeclaration>>().Get(storeName);
        return declaration is { Type: { } type, Options: { } options }
            ? type.CreateStore(services, storeName, options)
            : throw new InvalidOperationException($"Secret store '{storeName}' is not declared in configuration.");
    }

    private static bool IsStoreKey(string key) =>
        string.Equals(key, SecretStoreConfigurationKeys.Type, StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, SecretStoreConfigurationKeys.Options, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Reports the failures of a <see cref="SecretStoreDeclaration"/>, then runs its type's validator.</summary>
internal sealed class SecretStoreDeclarationValidator : IValidateOptions<SecretStoreDeclaration>
{
    public ValidateOptionsResult Validate(string? name, SecretStoreDeclaration options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.StoreName is not { } storeName)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>(options.Failures);
        if (failures.Count == 0 && options is { Type: { } type, Options: { } bound, OptionsSection: { } section })
        {
            type.Validate(storeName, bound, section, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
