using System.Collections;
using System.Runtime.CompilerServices;
using SecretsAbstractions.Internal;

namespace SecretsAbstractions;

/// <summary>
/// A read-only store over the environment variables of the current process, read live on every call.
/// </summary>
/// <remarks>
/// <para>Names map the way the configuration's environment variables provider maps keys: the
/// <see cref="EnvironmentVariablesSecretStoreOptions.Prefix"/> (matched exactly, case-sensitive), then the
/// logical name with each <c>/</c> written as <c>__</c>. With the prefix <c>APP_</c>, the secret
/// <c>db/password</c> is the variable <c>APP_db__password</c>.</para>
/// <para>So that every listed variable reads back by its listed name, names that would make the mapping
/// ambiguous are refused with <see cref="SecretStoreErrorCode.InvalidName"/> before the environment is
/// read: a segment containing <c>__</c>, a segment other than the last ending with <c>_</c> (<c>a_/b</c>
/// and <c>a/_b</c> would both be <c>a___b</c>), and a name containing <c>=</c>. Listing skips the variables
/// whose names have no such logical name (for example <c>APP_a____b</c>, which would be <c>a//b</c>).</para>
/// <para>A variable set to the empty string (possible on Linux and macOS) is a secret whose value is empty:
/// the store reports the environment as it is. On Windows, setting a variable to the empty string removes it.</para>
/// <para>On Windows, environment variable names are case-insensitive: reading <c>db/password</c> also finds
/// <c>APP_DB__PASSWORD</c>, while listing reports names as the environment spells them and keeps only those
/// that start with the prefix exactly.</para>
/// <para>The store keeps no versions: a request for a version id or stage fails with
/// <see cref="SecretStoreErrorCode.NotSupported"/>.</para>
/// </remarks>
public sealed class EnvironmentVariablesSecretStore : ISecretStore
{
    private const string ProviderName = "Environment";

    private readonly EnvironmentVariableNameMapper _mapper;
    private readonly SecretStoreMetadata _metadata;

    /// <summary>Creates a store over the environment of the current process.</summary>
    /// <param name="options">The options; every variable, under the store name <c>Environment</c>, by default.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public EnvironmentVariablesSecretStore(EnvironmentVariablesSecretStoreOptions? options = null)
    {
        options = OptionsValidation.ThrowIfInvalid(EnvironmentVariablesSecretStoreOptionsValidator.Instance, options ?? new());
        _mapper = new EnvironmentVariableNameMapper(options.Prefix);
        _metadata = new SecretStoreMetadata(ProviderName, options.StoreName, location: null, SecretStoreCapabilities.None);
    }

    private string StoreName => _metadata.StoreName;

    /// <inheritdoc/>
    public ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        string variable = _mapper.ToNativeName(name, StoreName, SecretStoreOperations.GetSecret);
        if (!version.IsLatest)
        {
            throw new SecretStoreException(SecretStoreErrorCode.NotSupported, "Environment variables have no versions or stages; only the latest value can be read.")
            {
                StoreName = StoreName,
                Operation = SecretStoreOperations.GetSecret,
                SecretName = name,
            };
        }

        cancellationToken.ThrowIfCancellationRequested();
        string? value = Environment.GetEnvironmentVariable(variable);
        return ValueTask.FromResult(value is null ? null : new Secret(new SecretProperties(name), SecretValue.FromString(value)));
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        SecretName.ValidatePrefix(prefix, StoreName);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (variable.Key is string variableName
                && _mapper.ToLogicalName(variableName) is { } name
                && SecretName.HasPrefix(name, prefix))
            {
                yield return new SecretProperties(name);
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Offers <see cref="SecretStoreMetadata"/> and the store itself; never <see cref="ISecretWriter"/>.</remarks>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        SecretStoreServices.GetStandardService(this, _metadata, serviceType, serviceKey);
}
