using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecretsAbstractions.Internal;

namespace SecretsAbstractions;

/// <summary>
/// A store over local files: a folder with one file per secret (Kubernetes and Docker mounted secrets,
/// <c>/run/secrets</c>), or one JSON file whose nested objects are the name hierarchy. Read-only unless
/// <see cref="FileSecretStoreOptions.AllowWrites"/> is set. Keeps no versions. Thread-safe.
/// </summary>
/// <remarks>
/// <para><b>Folder format.</b> The secret <c>db/password</c> is the file <c>db/password</c> under the root.
/// A file whose bytes are valid UTF-8 is a text value (a leading byte order mark is dropped), any other
/// file a binary value; a binary value whose bytes happen to be valid UTF-8 therefore reads back as text.
/// <see cref="SecretProperties.UpdatedOn"/> is the file's last write time. Entries whose names start with
/// <c>..</c> are not secrets: they are Kubernetes internals (<c>..data</c>, <c>..2024_01_01_...</c>) and the
/// store's temporary files. Names must be valid file names on the current OS, and no segment may start with
/// <c>..</c>; other names fail with <see cref="SecretStoreErrorCode.InvalidName"/> before any I/O. On
/// case-insensitive file systems (Windows, macOS by default) names that differ only in case are one file.</para>
/// <para><b>JSON format.</b> <c>{"db":{"password":"..."}}</c> holds the secret <c>db/password</c>. A string
/// leaf is a text value; a number, <c>true</c> or <c>false</c> is its JSON literal; an array is its JSON
/// text; <c>null</c> leaves are not secrets. Comments and trailing commas are accepted, repeated keys are
/// not. The file is parsed on every read; <see cref="SecretProperties.UpdatedOn"/> is the file's last write
/// time. A file that does not parse fails with <see cref="SecretStoreErrorCode.Unavailable"/> (transient, so
/// that a caching layer keeps serving the last good values while the file is fixed), with a message naming
/// the file and the position, never its content. Values are text only.</para>
/// <para><b>Nothing outside the root.</b> Every path is resolved to its real path, following all symbolic
/// links, and must stay inside the real path of the root; links inside the root (the Kubernetes layout) work.
/// A secret whose path leads outside fails with <see cref="SecretStoreErrorCode.AccessDenied"/> and a
/// warning in the log that names the secret, never its content; listings leave it out, with the same warning.
/// A missing root (or JSON file) holds no secrets.</para>
/// <para><b>Writes</b> (when allowed) replace files atomically: a temporary file is written in the same
/// folder, flushed to disk and renamed over the target, so that a failed or cancelled write leaves the
/// previous value. New files are readable by their owner only on Unix; replaced files keep their
/// permissions; a write through a symbolic link replaces the file the link leads to. The written file's last
/// write time is the time of the <see cref="TimeProvider"/>. Setting creates missing folders (or objects);
/// setting <c>a/b</c> where <c>a</c> is a secret, or <c>a</c> where <c>a</c> holds secrets, fails with
/// <see cref="SecretStoreErrorCode.Conflict"/>. Deleting removes the file (or JSON leaf) and leaves folders.
/// Writes through one store instance are serialized; in the JSON format each write rewrites the whole file
/// (dropping its comments), and writes from other processes or other instances are not coordinated.</para>
/// </remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The write lock is a SemaphoreSlim whose wait handle is never created, so it holds nothing to release.")]
public sealed class FileSecretStore : ISecretStore, ISecretWriter
{
    private const string ProviderName = "File";

    private readonly IFileSecretLayout _layout;
    private readonly bool _allowWrites;
    private readonly TimeProvider _timeProvider;
    private readonly SecretStoreMetadata _metadata;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <summary>Creates a store over the folder or JSON file <see cref="FileSecretStoreOptions.Path"/>.</summary>
    /// <param name="options">The options; <see cref="FileSecretStoreOptions.Path"/> is required. They are read once, here.</param>
    /// <param name="timeProvider">The clock that stamps written files; the system clock by default.</param>
    /// <param name="logger">Where refused symbolic links are reported; nothing is logged by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public FileSecretStore(FileSecretStoreOptions options, TimeProvider? timeProvider = null, ILogger<FileSecretStore>? logger = null)
    {
        OptionsValidation.ThrowIfInvalid(FileSecretStoreOptionsValidator.Instance, options);
        string path = Path.GetFullPath(options.Path);
        string storeName = string.IsNullOrEmpty(options.StoreName) ? ProviderName : options.StoreName;
        var context = new FileStoreContext(storeName, (ILogger?)logger ?? NullLogger.Instance);
        _layout = options.Format == FileSecretStoreFormat.Json
            ? new JsonSecretLayout(path, context)
            : new DirectorySecretLayout(path, options.TrimTrailingNewLine, context);
        _allowWrites = options.AllowWrites;
        _timeProvider = timeProvider ?? TimeProvider.System;
        var capabilities = _layout.Capabilities | (_allowWrites ? SecretStoreCapabilities.Write : SecretStoreCapabilities.None);
        _metadata = new SecretStoreMetadata(ProviderName, storeName, path, capabilities);
    }

    private string StoreName => _metadata.StoreName;

    /// <inheritdoc/>
    public ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        string nativeName = _layout.Mapper.ToNativeName(name, StoreName, SecretStoreOperations.GetSecret);
        if (!version.IsLatest)
        {
            throw Error(SecretStoreErrorCode.NotSupported, "The file store keeps no versions or stages; only the latest value can be read.", SecretStoreOperations.GetSecret, name);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return _layout.GetAsync(name, nativeName, cancellationToken);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        SecretName.ValidatePrefix(prefix, StoreName);
        cancellationToken.ThrowIfCancellationRequested();
        await foreach (var properties in _layout.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            yield return properties;
        }
    }

    /// <inheritdoc/>
    /// <remarks>The store keeps no versions: the returned properties have no version id, and
    /// <paramref name="options"/> is ignored, since files cannot record it.</remarks>
    public async ValueTask<SecretProperties> SetSecretAsync(string name, SecretValue value, SecretWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        const string Operation = SecretStoreOperations.SetSecret;
        string nativeName = _layout.Mapper.ToNativeName(name, StoreName, Operation);
        ArgumentNullException.ThrowIfNull(value);
        ThrowIfReadOnly(Operation, name);
        if (value.IsBinary && !_layout.Capabilities.HasFlag(SecretStoreCapabilities.Binary))
        {
            throw Error(SecretStoreErrorCode.NotSupported, "The JSON format holds text values only.", Operation, name);
        }

        if (!SecretFileCodec.IsEncodable(value))
        {
            throw Error(SecretStoreErrorCode.InvalidRequest, "The value is not valid Unicode text (it has an unpaired surrogate), so it cannot be stored as UTF-8.", Operation, name);
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _layout.SetAsync(name, nativeName, value, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> DeleteSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        const string Operation = SecretStoreOperations.DeleteSecret;
        string nativeName = _layout.Mapper.ToNativeName(name, StoreName, Operation);
        ThrowIfReadOnly(Operation, name);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _layout.DeleteAsync(name, nativeName, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    /// <remarks>Offers <see cref="SecretStoreMetadata"/>, the store itself, and <see cref="ISecretWriter"/> only
    /// when <see cref="FileSecretStoreOptions.AllowWrites"/> is set.</remarks>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        SecretStoreServices.GetStandardService(this, _metadata, serviceType, serviceKey);

    private void ThrowIfReadOnly(string operation, string name)
    {
        if (!_allowWrites)
        {
            throw Error(SecretStoreErrorCode.NotSupported, "The store is read-only; set FileSecretStoreOptions.AllowWrites to write.", operation, name);
        }
    }

    private SecretStoreException Error(SecretStoreErrorCode code, string reason, string operation, string name) =>
        new(code, reason)
        {
            StoreName = StoreName,
            Operation = operation,
            SecretName = name,
        };
}
