using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SecretsAbstractions.HashiCorpVault.Internal;

namespace SecretsAbstractions.HashiCorpVault;

/// <summary>
/// A store over one KV mount of HashiCorp Vault (KV v1 or v2), on its own HTTP client. Thread-safe; dispose it to
/// release its connections.
/// </summary>
/// <remarks>
/// <para><b>Names.</b> A logical name is the KV path under the mount, as it is (case-sensitive). Each segment is
/// URL-escaped in the request, so no name can leave <c>/v1/&lt;mount&gt;/</c>; segments that percent-decode to
/// <c>.</c>, <c>..</c> or a separator, and backslashes, fail with <see cref="SecretStoreErrorCode.InvalidName"/>
/// before any I/O, like every core rule.</para>
/// <para><b>Values.</b> A secret's value is its data map as a JSON object, so its fields are the data map's keys.
/// So that any text round-trips: a data map that is exactly one string field <c>value</c> reads as that text, and
/// a text that is not already a data map in canonical form (compact JSON, fields sorted by ordinal name at every
/// depth) is written as <c>{"value": text}</c>. Other data maps read as their canonical JSON text. Vault holds JSON,
/// not bytes: binary values are not supported (<see cref="SecretStoreErrorCode.NotSupported"/>); store them as
/// base64 text if needed.</para>
/// <para><b>KV v2</b> offers <see cref="SecretStoreCapabilities.Versions"/>: version ids are Vault's version numbers;
/// a deleted or destroyed version reads as not found, and a version whose <c>deletion_time</c> is still in the future
/// (<c>delete_version_after</c>) reads normally until that time, by the store's clock. <see cref="ISecretWriter.DeleteSecretAsync"/> deletes the
/// metadata and every version (<c>vault kv metadata delete</c>). <see cref="SetSecretIfVersionAsync"/> writes with
/// check-and-set. <c>custom_metadata</c> is read as <see cref="SecretProperties.Tags"/>, and written from <see cref="SecretWriteOptions.Tags"/>. <b>KV v1</b> keeps one
/// value per path. With <see cref="VaultKvVersion.Auto"/> the version is detected on first use (or by
/// <see cref="InitializeAsync"/>); until then the metadata reports only <see cref="SecretStoreCapabilities.Write"/>.
/// A KV v2 store offers <see cref="ISecretChangeProbe"/> (the metadata endpoint), so that <c>UseCaching</c> renews
/// an unchanged secret without reading its value again.</para>
/// <para><b>Security.</b> Every request carries <c>X-Vault-Request: true</c>; the token travels only in
/// <c>X-Vault-Token</c>, never in a URL, log or exception. See <see cref="HashiCorpVaultSecretStoreOptions"/> for TLS
/// and <see cref="HashiCorpVaultAuthOptions"/> for authentication and token renewal.</para>
/// </remarks>
public sealed class HashiCorpVaultSecretStore : ISecretStore, ISecretWriter, IDisposable
{
    internal const string ProviderName = "HashiCorpVault";

    private readonly HashiCorpVaultSecretStoreOptions _options;
    private readonly VaultConnection _connection;
    private readonly VaultTokenManager _tokens;
    private readonly VaultHttpClient _http;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _detection = new(1, 1);
    private readonly string _storeName;
    private readonly string _location;
    private readonly HashiCorpVaultKvV2 _kvV2;
    private volatile KvEngine? _engine;
    private volatile SecretStoreMetadata _metadata;

    /// <summary>Creates a store.</summary>
    /// <param name="options">The options; unset values follow the <c>VAULT_*</c> environment variables. Read once, here.</param>
    /// <param name="timeProvider">The clock for timeouts and token renewal; the system clock by default.</param>
    /// <param name="loggerFactory">Where the store logs (never tokens or values); nothing is logged by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public HashiCorpVaultSecretStore(HashiCorpVaultSecretStoreOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(options, VaultEnvironment.Process, handler: null, timeProvider, loggerFactory)
    {
    }

    internal HashiCorpVaultSecretStore(HashiCorpVaultSecretStoreOptions options, VaultEnvironment environment, HttpMessageHandler? handler, TimeProvider? timeProvider, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var resolved = environment.Resolve(options);
        var failures = HashiCorpVaultSecretStoreOptionsValidator.ValidateResolved(resolved);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(HashiCorpVaultSecretStoreOptions), failures);
        }

        _options = resolved;
        _storeName = string.IsNullOrEmpty(resolved.StoreName) ? ProviderName : resolved.StoreName;
        _logger = (ILogger?)loggerFactory?.CreateLogger<HashiCorpVaultSecretStore>() ?? NullLogger.Instance;
        var time = timeProvider ?? TimeProvider.System;
        var address = new Uri(resolved.Address!, UriKind.Absolute);
        _location = address.GetLeftPart(UriPartial.Authority) + "/v1/" + VaultPath.Escape(resolved.Mount);
        if (resolved.SkipTlsVerify && address.Scheme == Uri.UriSchemeHttps)
        {
            VaultLog.TlsVerificationDisabled(_logger, _storeName, address.GetLeftPart(UriPartial.Authority));
        }

        if (address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback)
        {
            VaultLog.InsecureHttp(_logger, _storeName, address.GetLeftPart(UriPartial.Authority));
        }

        _http = new VaultHttpClient(address, resolved.Namespace, resolved.RequestTimeout, handler ?? CreateHandler(resolved), time, _logger, _storeName);
        _tokens = new VaultTokenManager(_http, resolved.Auth, time, _logger, _storeName);
        _connection = new VaultConnection(_http, _tokens, time, _logger, _storeName);
        _engine = resolved.KvVersion switch
        {
            VaultKvVersion.V1 => new KvV1Engine(_connection, resolved.Mount),
            VaultKvVersion.V2 => new KvV2Engine(_connection, resolved.Mount),
            _ => null,
        };
        _metadata = CreateMetadata(_engine?.Capabilities ?? SecretStoreCapabilities.Write);
        _kvV2 = new HashiCorpVaultKvV2(this);
    }

    /// <summary>How many HTTP requests the store has sent to Vault, logins and renewals included.</summary>
    public long RequestCount => _http.RequestCount;

    /// <summary>How many times the store has logged in (login-based auth methods).</summary>
    public long LoginCount => _tokens.LoginCount;

    /// <summary>How many times the store has renewed its token.</summary>
    public long RenewalCount => _tokens.RenewCount;

    /// <summary>The token renewal or login the background timer started last.</summary>
    internal Task BackgroundTokenRefresh => _tokens.BackgroundRefresh;

    private string StoreName => _storeName;

    /// <summary>Authenticates and, with <see cref="VaultKvVersion.Auto"/>, detects the mount's KV version now rather
    /// than on first use, so that startup fails early and the metadata reports the exact capabilities.</summary>
    /// <param name="cancellationToken">Cancels the initialization.</param>
    /// <exception cref="SecretStoreException">Vault could not be reached, the login failed, or the mount is not KV.</exception>
    public async ValueTask InitializeAsync(CancellationToken cancellationToken = default)
    {
        var context = new VaultCallContext(StoreName, "Initialize", null);
        await GetEngineAsync(context, cancellationToken).ConfigureAwait(false);
        await _tokens.GetTokenAsync(context, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        const string Operation = SecretStoreOperations.GetSecret;
        VaultNameMapper.Instance.ToNativeName(name, StoreName, Operation);
        var context = new VaultCallContext(StoreName, Operation, name);
        if (version.Kind == SecretVersionKind.Stage)
        {
            throw context.Error(SecretStoreErrorCode.NotSupported, "Vault has no version stages; read the latest version or a version number.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var engine = await GetEngineAsync(context, cancellationToken).ConfigureAwait(false);
        return await engine.ReadAsync(name, version, context, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Reads run in parallel, at most <see cref="HashiCorpVaultSecretStoreOptions.MaxConcurrency"/> at a time.</remarks>
    public ValueTask<IReadOnlyList<SecretResult>> GetSecretsAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken = default) =>
        SecretBatch.GetInParallelAsync(this, requests, _options.MaxConcurrency, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Lists folders recursively with <c>LIST</c>, visiting only folders that can hold names under the prefix.
    /// Listed properties carry names only; read a secret for its version and metadata.</remarks>
    public async IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const string Operation = SecretStoreOperations.ListSecrets;
        SecretName.ValidatePrefix(prefix, StoreName);
        prefix ??= string.Empty;
        string startFolder = prefix[..(prefix.LastIndexOf('/') + 1)];
        if (startFolder.Length > 0)
        {
            foreach (string segment in startFolder.TrimEnd('/').Split('/'))
            {
                if (VaultPath.GetSegmentError(segment) is { } reason)
                {
                    throw SecretName.Invalid(prefix, "a segment cannot be a Vault path segment: " + reason, StoreName, Operation);
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var context = new VaultCallContext(StoreName, Operation, null);
        var engine = await GetEngineAsync(context, cancellationToken).ConfigureAwait(false);
        var folders = new Queue<string>();
        folders.Enqueue(startFolder);
        while (folders.TryDequeue(out string? folder))
        {
            foreach (string key in await engine.ListFolderAsync(folder, context, cancellationToken).ConfigureAwait(false))
            {
                string path = folder + key;
                if (key.EndsWith('/'))
                {
                    if (path.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(path, StringComparison.Ordinal))
                    {
                        folders.Enqueue(path);
                    }
                }
                else if (path.StartsWith(prefix, StringComparison.Ordinal) && VaultNameMapper.Instance.ToLogicalName(path) is { } name)
                {
                    yield return new SecretProperties(name);
                }
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>Writes the value as described in the class remarks. On KV v2, <see cref="SecretWriteOptions.Tags"/>
    /// (when given) replace the secret's <c>custom_metadata</c> after the write, which is a second request: Vault has
    /// no atomic write of both. The other options are ignored: Vault records no content type or validity.</remarks>
    public async ValueTask<SecretProperties> SetSecretAsync(string name, SecretValue value, SecretWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var written = await WriteAsync(name, value, checkAndSet: null, cancellationToken).ConfigureAwait(false);
        if (options?.Tags is not { Count: > 0 } tags || _engine is not KvV2Engine engine)
        {
            return written;
        }

        var context = new VaultCallContext(StoreName, SecretStoreOperations.SetSecret, name);
        await engine.WriteCustomMetadataAsync(name, tags, context, cancellationToken).ConfigureAwait(false);
        return written with { Tags = tags };
    }

    /// <summary>Writes a new version only if the secret's current version is <paramref name="expectedVersion"/>
    /// (KV v2 check-and-set); <c>0</c> writes only if the secret does not exist.</summary>
    /// <param name="name">The logical name.</param>
    /// <param name="value">The new value.</param>
    /// <param name="expectedVersion">The version the secret must be at; <c>0</c> for a secret that must not exist.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The properties of the new version.</returns>
    /// <exception cref="SecretStoreException">The current version differs (<see cref="SecretStoreErrorCode.Conflict"/>),
    /// the mount is KV v1 (<see cref="SecretStoreErrorCode.NotSupported"/>), or the write failed.</exception>
    public ValueTask<SecretProperties> SetSecretIfVersionAsync(string name, SecretValue value, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        return WriteAsync(name, value, expectedVersion, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>KV v2: deletes the metadata and every version for good. KV v1: deletes the value.</remarks>
    public async ValueTask<bool> DeleteSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        const string Operation = SecretStoreOperations.DeleteSecret;
        VaultNameMapper.Instance.ToNativeName(name, StoreName, Operation);
        cancellationToken.ThrowIfCancellationRequested();
        var context = new VaultCallContext(StoreName, Operation, name);
        var engine = await GetEngineAsync(context, cancellationToken).ConfigureAwait(false);
        return await engine.DeleteAsync(name, context, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Offers <see cref="SecretStoreMetadata"/>, <see cref="ISecretWriter"/>, the store itself,
    /// <see cref="HashiCorpVaultKvV2"/> unless the mount is KV v1, and <see cref="ISecretChangeProbe"/> (the metadata
    /// endpoint, through <see cref="HashiCorpVaultKvV2"/>) only once the mount is known to be KV v2: configured as
    /// <see cref="VaultKvVersion.V2"/>, or detected by <see cref="InitializeAsync"/> or the first call. A KV v1 mount
    /// has no metadata, so it offers no probe, and a store that has not detected its mount yet offers none so far.</remarks>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(SecretStoreMetadata) ? _metadata
            : serviceType == typeof(HashiCorpVaultKvV2) ? (_engine is KvV1Engine ? null : _kvV2)
            : serviceType == typeof(ISecretChangeProbe) ? (_engine is KvV2Engine ? _kvV2 : null)
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    internal async ValueTask<(KvV2Engine Engine, VaultCallContext Context)> GetKvV2Async(string name, string operation, CancellationToken cancellationToken)
    {
        VaultNameMapper.Instance.ToNativeName(name, StoreName, operation);
        cancellationToken.ThrowIfCancellationRequested();
        var context = new VaultCallContext(StoreName, operation, name);
        return await GetEngineAsync(context, cancellationToken).ConfigureAwait(false) is KvV2Engine engine
            ? (engine, context)
            : throw context.Error(SecretStoreErrorCode.NotSupported, "This operation needs a KV v2 mount.");
    }

    /// <summary>Releases the store's connections.</summary>
    public void Dispose()
    {
        _http.Dispose();
        _tokens.Dispose();
        _detection.Dispose();
    }

    private async ValueTask<SecretProperties> WriteAsync(string name, SecretValue value, long? checkAndSet, CancellationToken cancellationToken)
    {
        const string Operation = SecretStoreOperations.SetSecret;
        VaultNameMapper.Instance.ToNativeName(name, StoreName, Operation);
        ArgumentNullException.ThrowIfNull(value);
        var context = new VaultCallContext(StoreName, Operation, name);
        if (value.IsBinary)
        {
            throw context.Error(SecretStoreErrorCode.NotSupported, "Vault holds JSON data, not bytes; store binary values as base64 text.");
        }

        string text = value.RevealString();
        if (!IsValidUnicode(text))
        {
            throw context.Error(SecretStoreErrorCode.InvalidRequest, "The value is not valid Unicode text (it has an unpaired surrogate), so it cannot be sent as JSON.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var engine = await GetEngineAsync(context, cancellationToken).ConfigureAwait(false);
        return await engine.WriteAsync(name, text, checkAndSet, context, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<KvEngine> GetEngineAsync(VaultCallContext context, CancellationToken cancellationToken)
    {
        if (_engine is { } engine)
        {
            return engine;
        }

        await _detection.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_engine is { } detected)
            {
                return detected;
            }

            var version = await KvMountDetector.DetectAsync(_connection, _options.Mount, context, cancellationToken).ConfigureAwait(false);
            VaultLog.MountDetected(_logger, StoreName, _options.Mount, (int)version);
            KvEngine created = version == VaultKvVersion.V2 ? new KvV2Engine(_connection, _options.Mount) : new KvV1Engine(_connection, _options.Mount);
            _metadata = CreateMetadata(created.Capabilities);
            _engine = created;
            return created;
        }
        finally
        {
            _detection.Release();
        }
    }

    private static SocketsHttpHandler CreateHandler(HashiCorpVaultSecretStoreOptions options)
    {
        try
        {
            return VaultHandlerFactory.Create(options);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or CryptographicException or InvalidOperationException)
        {
            // The exception text may name the file but never holds its content; the type is enough to act on.
            throw new OptionsValidationException(
                Options.DefaultName,
                typeof(HashiCorpVaultSecretStoreOptions),
                [$"{nameof(HashiCorpVaultSecretStoreOptions.CaCertificateFile)}, {nameof(HashiCorpVaultSecretStoreOptions.CaCertificatePem)} or {nameof(HashiCorpVaultSecretStoreOptions.ClientCertificateFile)} could not be loaded ({error.GetType().Name}): check that the files exist, are readable and hold PEM certificates and keys."]);
        }
    }

    private SecretStoreMetadata CreateMetadata(SecretStoreCapabilities capabilities) => new(ProviderName, _storeName, _location, capabilities);

    private static bool IsValidUnicode(string text) => !HasLoneSurrogate(text);

    private static bool HasLoneSurrogate(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
