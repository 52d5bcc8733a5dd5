using System.Diagnostics.CodeAnalysis;
using SecretsAbstractions;
using SecretsAbstractions.Configuration;
using SecretsAbstractions.Configuration.Internal;

namespace Microsoft.Extensions.Configuration;

/// <summary>
/// Resolves <c>${secret:&lt;reference&gt;}</c> in the values of every configuration source: appsettings.json,
/// environment variables, the command line, secret stores, or any other.
/// </summary>
/// <remarks>
/// <para>Call <c>AddSecretReferences</c> once, after the other sources: it takes the sources added so far into one
/// source (they are built by it, once) and serves their keys with each reference replaced by the secret's value.
/// Sources added after it are not resolved.</para>
/// <para>Syntax, in any value:</para>
/// <list type="bullet">
/// <item><description><c>${secret:</c> (case-sensitive) starts a reference and the next <c>}</c> ends it; the text between
/// is a <see cref="SecretReference"/>: <c>secret://store/name[?version=..|stage=..][#field]</c>. A value may hold any
/// number of references among other text (<c>Server=db;Password=${secret:secret://vault/app/db#password};</c>) or be
/// one whole. Write a <c>}</c> in a name or field as <c>%7D</c>.</description></item>
/// <item><description><c>$${secret:</c> is the literal text <c>${secret:</c> and starts no reference (so
/// <c>$${secret:x}</c> gives <c>${secret:x}</c>, and <c>$$${secret:x}</c> gives <c>$${secret:x}</c>). Nothing else is
/// changed: other <c>$</c>, <c>${</c> and <c>}</c> are literal.</description></item>
/// <item><description>A secret's value is inserted as it is and never scanned again: a secret that holds
/// <c>${secret:...}</c> does not pull in another secret. For the same reason, values that <c>AddSecretStore</c> loads
/// from a store (a <see cref="SecretStoreConfigurationProvider"/> among the wrapped sources) are served as they are,
/// neither resolved nor unescaped.</description></item>
/// <item><description>A binary secret is refused unless <see cref="SecretReferenceOptions.BinaryMode"/> is
/// <see cref="SecretReferenceBinaryMode.Base64"/>. A field reads a JSON-object secret's field as
/// <see cref="SecretValue.GetField"/> does.</description></item>
/// </list>
/// <para>Every distinct secret (store, name and version) is read once per resolution, each store with one bulk read.
/// At the first load, an unresolvable reference (bad syntax, unknown store, missing secret or field, binary value,
/// store failure, timeout) throws <see cref="SecretReferenceResolutionException"/> listing each configuration key and
/// reference, never a value; with <see cref="SecretReferenceOptions.Optional"/> the value keeps the reference as written
/// and a warning is logged. Later resolutions never throw: a failing reference keeps its key's last good value.</para>
/// <para>References are resolved again when any wrapped source reloads, on <see cref="IConfigurationRoot.Reload"/>,
/// and every <see cref="SecretReferenceOptions.ReloadInterval"/>; configuration's change token fires only when a value
/// actually changed. Disposing the configuration root stops the timer and disposes the wrapped providers.</para>
/// </remarks>
public static class SecretReferenceConfigurationBuilderExtensions
{
    /// <summary>Resolves references in the sources added so far, against the stores declared in the
    /// <c>SecretStores</c> section (see <see cref="SecretReferenceOptions"/>) or
    /// <see cref="SecretReferenceOptions.StoreProvider"/>.</summary>
    /// <param name="builder">The configuration builder, with the other sources already added.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException"><c>AddSecretReferences</c> was already called on this builder.</exception>
    [RequiresUnreferencedCode(DeclaredSecretStores.ReflectionBindingMessage)]
    [RequiresDynamicCode(DeclaredSecretStores.ReflectionBindingMessage)]
    public static IConfigurationBuilder AddSecretReferences(this IConfigurationBuilder builder, Action<SecretReferenceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SecretReferenceOptions();
        configure?.Invoke(options);
        return builder.AddSecretReferencesCore(options);
    }

    /// <summary>Resolves references in the sources added so far, against the stores of <paramref name="stores"/>.</summary>
    /// <param name="builder">The configuration builder, with the other sources already added.</param>
    /// <param name="stores">The stores references name, such as an application's <see cref="ISecretStoreProvider"/>.</param>
    /// <param name="configure">Sets the other options.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException"><c>AddSecretReferences</c> was already called on this builder.</exception>
    public static IConfigurationBuilder AddSecretReferences(this IConfigurationBuilder builder, ISecretStoreProvider stores, Action<SecretReferenceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(stores);
        var options = new SecretReferenceOptions();
        configure?.Invoke(options);
        options.StoreProvider = stores;
        return builder.AddSecretReferencesCore(options);
    }

    /// <summary>Resolves references in the sources added so far, against the stores of <paramref name="stores"/>,
    /// keyed by the store name references use (compared ordinally).</summary>
    /// <param name="builder">The configuration builder, with the other sources already added.</param>
    /// <param name="stores">The stores by name.</param>
    /// <param name="configure">Sets the other options.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">A name is empty or a store is <see langword="null"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException"><c>AddSecretReferences</c> was already called on this builder.</exception>
    public static IConfigurationBuilder AddSecretReferences(this IConfigurationBuilder builder, IReadOnlyDictionary<string, ISecretStore> stores, Action<SecretReferenceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(stores);
        return builder.AddSecretReferences(new DictionarySecretStoreProvider(stores), configure);
    }

    private static IConfigurationBuilder AddSecretReferencesCore(this IConfigurationBuilder builder, SecretReferenceOptions options)
    {
        SecretReferenceOptionsValidator.ThrowIfInvalid(options);
        if (builder.Sources.Any(s => s is SecretReferenceConfigurationSource))
        {
            throw new InvalidOperationException(
                "AddSecretReferences was already called on this configuration builder; call it once, after every other source (resolving twice would scan secret values for references).");
        }

        var sources = builder.Sources.ToList();
        builder.Sources.Clear();
        builder.Add(new SecretReferenceConfigurationSource(sources, options.Clone()));
        return builder;
    }
}
