extern alias AzureIdentity;

using System.Runtime.CompilerServices;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecretsAbstractions.AzureKeyVault.Internal;
using KeyVaultSecretProperties = Azure.Security.KeyVault.Secrets.SecretProperties;

namespace SecretsAbstractions.AzureKeyVault;

/// <summary>
/// A store over Azure Key Vault secrets, on the official <see cref="SecretClient"/>, which brings its
/// authentication (any <c>TokenCredential</c>, Key Vault's challenge), transport and diagnostics. Thread-safe.
/// </summary>
/// <remarks>
/// <para><b>Names</b> are mapped by <see cref="AzureKeyVaultSecretNameMapper"/>: <c>/</c> becomes <c>--</c>,
/// logical names are lower-case, and a name Key Vault cannot hold fails with
/// <see cref="SecretStoreErrorCode.InvalidName"/> before any call.</para>
/// <para><b>Reads.</b> A secret, or a version, that does not exist reads as <see langword="null"/>; a version is
/// a Key Vault version id (stages are <see cref="SecretStoreErrorCode.NotSupported"/>). A disabled secret fails
/// with <see cref="SecretStoreErrorCode.Disabled"/>. Key Vault returns expired and not-yet-valid secrets: the
/// store returns them too, with <see cref="SecretProperties.ExpiresOn"/> and <see cref="SecretProperties.NotBefore"/>
/// set, so that <see cref="SecretProperties.IsActiveAt"/> tells and a consumer such as a configuration provider can
/// skip them; such a read is also logged at debug level.
/// Bulk reads run single reads, at most <see cref="AzureKeyVaultSecretStoreOptions.MaxConcurrency"/> at a time.</para>
/// <para><b>Listings</b> page through every secret of the vault (Key Vault has no prefix filter) and keep those
/// under the prefix; disabled secrets are listed with <see cref="SecretProperties.Enabled"/> false. Listed
/// properties have no version id.</para>
/// <para><b>Writes</b> create a new version with the content type, tags, expiry, not-before and enabled flag of
/// <see cref="SecretWriteOptions"/>; values are text (a binary value is <see cref="SecretStoreErrorCode.NotSupported"/>).
/// Delete is Key Vault's soft delete, followed by a purge when <see cref="AzureKeyVaultSecretStoreOptions.PurgeOnDelete"/>
/// is set; <see cref="RecoverDeletedSecretAsync"/> and <see cref="PurgeDeletedSecretAsync"/> reach the rest, and
/// <c>GetService(typeof(SecretClient))</c> returns the native client.</para>
/// <para><b>Errors</b> are mapped in one table: 401 and credential failures <see cref="SecretStoreErrorCode.Unauthenticated"/>,
/// 403 <see cref="SecretStoreErrorCode.AccessDenied"/> (or <see cref="SecretStoreErrorCode.Disabled"/>), 409
/// <see cref="SecretStoreErrorCode.Conflict"/>, 429 <see cref="SecretStoreErrorCode.Throttled"/> with
/// <see cref="SecretStoreException.RetryAfter"/>, 5xx and network failures <see cref="SecretStoreErrorCode.Unavailable"/>.
/// <b>Retries</b>: see <see cref="AzureKeyVaultSecretStoreOptions.EnableSdkRetries"/>; by default the SDK sends
/// each request once and retrying is left to the resilience decorator.</para>
/// </remarks>
public sealed class AzureKeyVaultSecretStore : ISecretStore, ISecretWriter
{
    /// <summary>The provider name in <see cref="SecretStoreMetadata"/> and the store type name in configuration.</summary>
    public const string ProviderName = "AzureKeyVault";

    private const string RecoverOperation = "RecoverDeletedSecret";
    private const string PurgeOperation = "PurgeDeletedSecret";

    private static readonly AzureKeyVaultSecretNameMapper Mapper = AzureKeyVaultSecretNameMapper.Instance;

    private readonly SecretClient _client;
    private readonly SecretStoreMetadata _metadata;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly bool _purgeOnDelete;
    private readonly bool _sdkRetries;
    private readonly int _maxConcurrency;
    private readonly TimeSpan _pollingInterval;

    /// <summary>Creates a store.</summary>
    /// <param name="options">The options; read once, here.</param>
    /// <param name="timeProvider">The clock for polling waits and <c>Retry-After</c> dates; the system clock by default.</param>
    /// <param name="logger">Where failures are reported (without values); nothing is logged by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public AzureKeyVaultSecretStore(AzureKeyVaultSecretStoreOptions options, TimeProvider? timeProvider = null, ILogger<AzureKeyVaultSecretStore>? logger = null)
    {
        AzureKeyVaultSecretStoreOptionsValidator.ThrowIfInvalid(options);
        _client = options.Client ?? CreateClient(options);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _purgeOnDelete = options.PurgeOnDelete;
        _sdkRetries = options.EnableSdkRetries;
        _maxConcurrency = options.MaxConcurrency;
        _pollingInterval = options.OperationPollingInterval;
        string storeName = string.IsNullOrEmpty(options.StoreName) ? ProviderName : options.StoreName;
        _metadata = new SecretStoreMetadata(ProviderName, storeName, _client.VaultUri?.AbsoluteUri, SecretStoreCapabilities.Write | SecretStoreCapabilities.Versions);
    }

    /// <summary>The native client, for what the portable contract does not cover.</summary>
    public SecretClient Client => _client;

    private string StoreName => _metadata.StoreName;

    /// <inheritdoc/>
    public async ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        const string Operation = SecretStoreOperations.GetSecret;
        string nativeName = Mapper.ToNativeName(name, StoreName, Operation);
        string? versionId = ToVersionId(version, name);
        cancellationToken.ThrowIfCancellationRequested();
        KeyVaultSecret secret;
        try
        {
            secret = (await _client.GetSecretAsync(nativeName, versionId, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return null;
        }
        catch (Exception error) when (Fail(error, Operation, name, cancellationToken) is { } mapped)
        {
            throw mapped;
        }

        var properties = ToProperties(name, secret.Properties);
        if (!properties.IsActiveAt(_timeProvider.GetUtcNow()))
        {
            AzureKeyVaultSecretStoreLog.InactiveSecretRead(_logger, StoreName, name, properties.NotBefore, properties.ExpiresOn);
        }

        return new Secret(properties, SecretValue.FromString(secret.Value ?? string.Empty));
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<SecretResult>> GetSecretsAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken = default) =>
        SecretBatch.GetInParallelAsync(this, requests, _maxConcurrency, cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const string Operation = SecretStoreOperations.ListSecrets;
        SecretName.ValidatePrefix(prefix, StoreName);
        if (AzureKeyVaultSecretNameMapper.GetPrefixError(prefix) is { } reason)
        {
            throw SecretName.Invalid(prefix, reason, StoreName, Operation);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var pages = _client.GetPropertiesOfSecretsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await pages.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception error) when (Fail(error, Operation, prefix, cancellationToken) is { } mapped)
                {
                    throw mapped;
                }

                if (!more)
                {
                    yield break;
                }

                var native = pages.Current;
                string? name = Mapper.ToLogicalName(native.Name);
                if (name is null)
                {
                    AzureKeyVaultSecretStoreLog.UnmappableNameSkipped(_logger, StoreName, native.Name);
                }
                else if (SecretName.HasPrefix(name, prefix))
                {
                    // A listing item names the secret, not a version.
                    yield return ToProperties(name, native) with { Version = null };
                }
            }
        }
        finally
        {
            await pages.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Creates a new version. <see cref="SecretWriteOptions"/> are all recorded: content type, tags,
    /// expiry, not-before and the enabled flag. A binary value fails with <see cref="SecretStoreErrorCode.NotSupported"/>:
    /// Key Vault secrets are text (store bytes as base64 with a content type of your choice).</remarks>
    public async ValueTask<SecretProperties> SetSecretAsync(string name, SecretValue value, SecretWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        const string Operation = SecretStoreOperations.SetSecret;
        string nativeName = Mapper.ToNativeName(name, StoreName, Operation);
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsBinary)
        {
            throw Error(SecretStoreErrorCode.NotSupported, "Key Vault secrets hold text; store bytes as base64 text.", Operation, name);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var secret = new KeyVaultSecret(nativeName, value.RevealString());
        if (options is not null)
        {
            secret.Properties.ContentType = options.ContentType;
            secret.Properties.ExpiresOn = options.ExpiresOn;
            secret.Properties.NotBefore = options.NotBefore;
            secret.Properties.Enabled = options.Enabled;
            foreach (var (key, tag) in options.Tags ?? new Dictionary<string, string>())
            {
                secret.Properties.Tags[key] = tag;
            }
        }

        try
        {
            var written = (await _client.SetSecretAsync(secret, cancellationToken).ConfigureAwait(false)).Value;
            return ToProperties(name, written.Properties);
        }
        catch (Exception error) when (Fail(error, Operation, name, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <inheritdoc/>
    /// <remarks>Soft-deletes the secret (all its versions); with <see cref="AzureKeyVaultSecretStoreOptions.PurgeOnDelete"/>
    /// the store then waits for the deletion to complete and purges it. Without it, the name cannot be set again until
    /// the deleted secret is purged (<see cref="PurgeDeletedSecretAsync"/>) or recovered (<see cref="RecoverDeletedSecretAsync"/>).</remarks>
    public async ValueTask<bool> DeleteSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        const string Operation = SecretStoreOperations.DeleteSecret;
        string nativeName = Mapper.ToNativeName(name, StoreName, Operation);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var deletion = await _client.StartDeleteSecretAsync(nativeName, cancellationToken).ConfigureAwait(false);
            if (_purgeOnDelete)
            {
                await WaitForCompletionAsync(deletion, cancellationToken).ConfigureAwait(false);
                await _client.PurgeDeletedSecretAsync(nativeName, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return false;
        }
        catch (Exception error) when (Fail(error, Operation, name, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>Recovers a soft-deleted secret with all its versions, and waits until it is readable again.</summary>
    /// <param name="name">The logical name of the deleted secret.</param>
    /// <param name="cancellationToken">Cancels the recovery (or the wait for it).</param>
    /// <returns>The properties of the recovered latest version.</returns>
    /// <exception cref="SecretStoreException">The name is invalid, no deleted secret has it
    /// (<see cref="SecretStoreErrorCode.NotFound"/>), or the recovery failed.</exception>
    public async ValueTask<SecretProperties> RecoverDeletedSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        string nativeName = Mapper.ToNativeName(name, StoreName, RecoverOperation);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var recovery = await _client.StartRecoverDeletedSecretAsync(nativeName, cancellationToken).ConfigureAwait(false);
            await WaitForCompletionAsync(recovery, cancellationToken).ConfigureAwait(false);
            return ToProperties(name, recovery.Value);
        }
        catch (Exception error) when (Fail(error, RecoverOperation, name, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>Purges a soft-deleted secret for good, so that its name can be used again.</summary>
    /// <param name="name">The logical name of the deleted secret.</param>
    /// <param name="cancellationToken">Cancels the purge.</param>
    /// <returns><see langword="true"/> when a deleted secret was purged; <see langword="false"/> when there was none.</returns>
    /// <exception cref="SecretStoreException">The name is invalid, or the purge failed (for example
    /// <see cref="SecretStoreErrorCode.AccessDenied"/> without the purge permission, or with purge protection).</exception>
    public async ValueTask<bool> PurgeDeletedSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        string nativeName = Mapper.ToNativeName(name, StoreName, PurgeOperation);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await _client.PurgeDeletedSecretAsync(nativeName, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return false;
        }
        catch (Exception error) when (Fail(error, PurgeOperation, name, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <inheritdoc/>
    /// <remarks>Offers <see cref="SecretStoreMetadata"/>, the native <see cref="SecretClient"/>,
    /// <see cref="ISecretWriter"/> and the store itself; nothing under a service key.</remarks>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(SecretStoreMetadata) ? _metadata
            : serviceType == typeof(SecretClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    internal static SecretProperties ToProperties(string name, KeyVaultSecretProperties properties) => new(name)
    {
        Version = string.IsNullOrEmpty(properties.Version) ? null : properties.Version,
        CreatedOn = properties.CreatedOn,
        UpdatedOn = properties.UpdatedOn,
        ExpiresOn = properties.ExpiresOn,
        NotBefore = properties.NotBefore,
        Enabled = properties.Enabled ?? true,
        ContentType = properties.ContentType,
        Tags = properties.Tags.Count == 0 ? new Dictionary<string, string>(0) : new Dictionary<string, string>(properties.Tags, StringComparer.Ordinal),
    };

    private static SecretClient CreateClient(AzureKeyVaultSecretStoreOptions options)
    {
        var clientOptions = options.ClientOptions ?? new SecretClientOptions();
        if (!options.EnableSdkRetries)
        {
            clientOptions.Retry.MaxRetries = 0;
        }

        return new SecretClient(options.VaultUri!, options.Credential ?? new AzureIdentity::Azure.Identity.DefaultAzureCredential(), clientOptions);
    }

    private string? ToVersionId(SecretVersion version, string name)
    {
        switch (version.Kind)
        {
            case SecretVersionKind.Latest:
                return null;
            case SecretVersionKind.Id when version.Value!.All(char.IsAsciiLetterOrDigit):
                return version.Value;
            case SecretVersionKind.Id:
                throw Error(SecretStoreErrorCode.InvalidRequest, "A Key Vault version id has only letters and digits (32 hexadecimal digits).", SecretStoreOperations.GetSecret, name);
            default:
                throw Error(SecretStoreErrorCode.NotSupported, "Key Vault has no version stages; read the latest version or a version id.", SecretStoreOperations.GetSecret, name);
        }
    }

    private async Task WaitForCompletionAsync(Operation operation, CancellationToken cancellationToken)
    {
        while (!operation.HasCompleted)
        {
            await operation.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
            if (!operation.HasCompleted)
            {
                await Task.Delay(_pollingInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private SecretStoreException? Fail(Exception error, string operation, string? name, CancellationToken cancellationToken)
    {
        var mapped = AzureKeyVaultErrors.Map(error, new ErrorContext(StoreName, operation, name), _sdkRetries, _timeProvider, cancellationToken);
        if (mapped is null)
        {
            return null;
        }

        if (error is RequestFailedException failed)
        {
            AzureKeyVaultSecretStoreLog.RequestFailed(_logger, StoreName, operation, name ?? string.Empty, mapped.ErrorCode, failed.Status, failed.ErrorCode);
        }
        else if (AzureKeyVaultErrors.IsCredentialFailure(error))
        {
            AzureKeyVaultSecretStoreLog.CredentialFailed(_logger, StoreName, operation, error.GetType().Name);
        }

        return mapped;
    }

    private SecretStoreException Error(SecretStoreErrorCode code, string reason, string operation, string name) =>
        new(code, reason)
        {
            StoreName = StoreName,
            Operation = operation,
            SecretName = name,
        };
}
