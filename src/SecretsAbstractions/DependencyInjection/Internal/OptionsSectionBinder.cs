using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace SecretsAbstractions.Internal;

/// <summary>Binds a store's <c>Options</c> section to its options class strictly (unknown keys are
/// errors) and turns binder failures into messages that name the configuration path but not the value.</summary>
internal sealed class OptionsSectionBinder
{
    /// <summary>Why binding is not trim- or AOT-safe; the public entry points that bind carry the same warning.</summary>
    public const string ReflectionBindingMessage =
        "Binds each store's options with the reflection-based configuration binder; the options classes and their properties must be preserved.";

    private static readonly Action<BinderOptions> StrictBinding = binder => binder.ErrorOnUnknownConfiguration = true;

    private readonly Type _optionsType;
    private readonly Dictionary<string, PropertyInfo> _propertiesByKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _keysByPropertyName = new(StringComparer.Ordinal);
    private readonly PropertyInfo? _storeNameProperty;

    public OptionsSectionBinder([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type optionsType)
    {
        _optionsType = optionsType;

        // The properties the configuration binder binds: public, readable, not indexers.
        foreach (var property in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0)
            {
                string key = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
                _propertiesByKey[key] = property;
                _keysByPropertyName[property.Name] = key;
            }
        }

        OptionKeys = [.. _propertiesByKey.Keys.Order(StringComparer.OrdinalIgnoreCase)];
        _storeNameProperty = optionsType.GetProperty(nameof(SecretStoreMetadata.StoreName), BindingFlags.Public | BindingFlags.Instance) is
            { SetMethod.IsPublic: true } storeNameProperty && storeNameProperty.PropertyType == typeof(string)
            ? storeNameProperty
            : null;
    }

    public IReadOnlyList<string> OptionKeys { get; }

    /// <summary>Binds <paramref name="section"/> into <paramref name="options"/>; on failure adds one message per
    /// offending key to <paramref name="failures"/> and returns <see langword="false"/>.</summary>
    [RequiresUnreferencedCode(ReflectionBindingMessage)]
    [RequiresDynamicCode(ReflectionBindingMessage)]
    public bool TryBind(object options, IConfigurationSection section, string storeName, string typeName, List<string> failures)
    {
        if (!string.IsNullOrEmpty(section.Value))
        {
            failures.Add(SecretStoreConfigurationErrors.OptionsNotASection(storeName, section.Path, typeName));
            return false;
        }

        int failureCount = failures.Count;
        foreach (var child in section.GetChildren())
        {
            if (!_propertiesByKey.ContainsKey(child.Key))
            {
                failures.Add(SecretStoreConfigurationErrors.UnknownOption(storeName, child.Path, typeName, _optionsType, OptionKeys));
            }
        }

        if (failures.Count > failureCount)
        {
            return false;
        }

        try
        {
            section.Bind(options, StrictBinding);
            return true;
        }
        catch (InvalidOperationException)
        {
            AddBindingFailures(section, storeName, typeName, failures);
            return false;
        }
    }

    /// <summary>Sets the options' <c>StoreName</c>, when the options class has one, unless configuration set it.</summary>
    public void ApplyDefaultStoreName(object options, string storeName)
    {
        if (_storeNameProperty is not null && string.IsNullOrEmpty((string?)_storeNameProperty.GetValue(options)))
        {
            _storeNameProperty.SetValue(options, storeName);
        }
    }

    /// <summary>Finds the configuration key of the option a validation failure is about: the property named
    /// by <c>ValidateOptionsResultBuilder</c>'s "Property X:" prefix, or by the failure's first word.</summary>
    public string? FindOptionKeyIn(string failure)
    {
        const string PropertyPrefix = "Property ";
        var text = failure.AsSpan().TrimStart();
        if (text.StartsWith(PropertyPrefix, StringComparison.Ordinal))
        {
            text = text[PropertyPrefix.Length..];
        }

        int end = 0;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return end > 0 && _keysByPropertyName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text[..end], out var key) ? key : null;
    }

    // The binder's own messages quote the offending value, so the failing key is found by binding each
    // option on its own, and the message is written here without the value.
    [RequiresUnreferencedCode(ReflectionBindingMessage)]
    [RequiresDynamicCode(ReflectionBindingMessage)]
    private void AddBindingFailures(IConfigurationSection section, string storeName, string typeName, List<string> failures)
    {
        int failureCount = failures.Count;
        foreach (var child in section.GetChildren())
        {
            var propertyType = _propertiesByKey[child.Key].PropertyType;
            try
            {
                child.Get(propertyType, StrictBinding);
            }
            catch (InvalidOperationException)
            {
                failures.Add(child.Value is null
                    ? SecretStoreConfigurationErrors.SectionDoesNotBind(storeName, child.Path, typeName, propertyType)
                    : SecretStoreConfigurationErrors.ValueDoesNotConvert(storeName, child.Path, typeName, propertyType));
            }
        }

        if (failures.Count == failureCount)
        {
            failures.Add(SecretStoreConfigurationErrors.SectionDoesNotBind(storeName, section.Path, typeName, _optionsType));
        }
    }
}
