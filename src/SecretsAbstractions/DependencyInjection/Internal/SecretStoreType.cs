using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SecretsAbstractions.Internal;

/// <summary>A store type that the <c>SecretStores</c> section can name: it binds the store's options,
/// validates them and creates the store.</summary>
internal abstract class SecretStoreType
{
    protected SecretStoreType(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The name used in <c>SecretStores:&lt;store&gt;:Type</c>; compared case-insensitively.</summary>
    public string Name { get; }

    /// <summary>Binds the options; returns <see langword="null"/> and adds failures when they do not bind.</summary>
    [RequiresUnreferencedCode(OptionsSectionBinder.ReflectionBindingMessage)]
    [RequiresDynamicCode(OptionsSectionBinder.ReflectionBindingMessage)]
    public abstract object? BindOptions(string storeName, IConfigurationSection optionsSection, List<string> failures);

    /// <summary>Runs the type's validator, adding failures that name the configuration path.</summary>
    public abstract void Validate(string storeName, object options, IConfigurationSection optionsSection, List<string> failures);

    /// <summary>Creates the store from bound and validated options.</summary>
    public abstract ISecretStore CreateStore(IServiceProvider services, string storeName, object options);
}

/// <inheritdoc/>
internal sealed class SecretStoreType<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions> : SecretStoreType
    where TOptions : class, new()
{
    private static readonly OptionsSectionBinder Binder = new(typeof(TOptions));

    private readonly Func<IServiceProvider, string, TOptions, ISecretStore> _storeFactory;
    private readonly IValidateOptions<TOptions>? _validator;

    public SecretStoreType(string name, Func<IServiceProvider, string, TOptions, ISecretStore> storeFactory, IValidateOptions<TOptions>? validator)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(storeFactory);
        _storeFactory = storeFactory;
        _validator = validator;
    }

    [RequiresUnreferencedCode(OptionsSectionBinder.ReflectionBindingMessage)]
    [RequiresDynamicCode(OptionsSectionBinder.ReflectionBindingMessage)]
    public override object? BindOptions(string storeName, IConfigurationSection optionsSection, List<string> failures)
    {
        var options = new TOptions();
        if (!Binder.TryBind(options, optionsSection, storeName, Name, failures))
        {
            return null;
        }

        Binder.ApplyDefaultStoreName(options, storeName);
        return options;
    }

    public override void Validate(string storeName, object options, IConfigurationSection optionsSection, List<string> failures)
    {
        var result = _validator?.Validate(storeName, (TOptions)options);
        if (result is not { Failed: true })
        {
            return;
        }

        foreach (string failure in result.Failures ?? [result.FailureMessage])
        {
            string? key = Binder.FindOptionKeyIn(failure);
            string path = key is null ? optionsSection.Path : ConfigurationPath.Combine(optionsSection.Path, key);
            failures.Add(SecretStoreConfigurationErrors.Invalid(storeName, path, Name, failure));
        }
    }

    public override ISecretStore CreateStore(IServiceProvider services, string storeName, object options) =>
        _storeFactory(services, storeName, (TOptions)options)
        ?? throw new InvalidOperationException($"The factory of secret store type '{Name}' returned null for store '{storeName}'.");
}
