using SecretsAbstractions.HashiCorpVault.Internal;

namespace SecretsAbstractions.HashiCorpVault;

/// <summary>
/// The KV v2 operations beyond the portable contract: patch, soft delete and undelete of versions, destroy, and
/// metadata. Obtain it with <c>store.GetService&lt;HashiCorpVaultKvV2&gt;()</c>; a store over a KV v1 mount does not
/// offer it (with <see cref="VaultKvVersion.Auto"/> before detection it is offered, and its calls fail with
/// <see cref="SecretStoreErrorCode.NotSupported"/> if the mount turns out to be KV v1). Names follow the store's
/// rules and are refused before any I/O when invalid.
/// </summary>
/// <remarks>It is also the store's <see cref="ISecretChangeProbe"/>, offered by
/// <c>store.GetService&lt;ISecretChangeProbe&gt;()</c> once the mount is known to be KV v2: a KV v1 mount has no
/// metadata to probe.</remarks>
public sealed class HashiCorpVaultKvV2 : ISecretChangeProbe
{
    private readonly HashiCorpVaultSecretStore _store;

    internal HashiCorpVaultKvV2(HashiCorpVaultSecretStore store) => _store = store;

    /// <summary>Applies a JSON merge patch (RFC 7386) to the latest version's data map, creating a new version
    /// (<c>PATCH data/</c> with <c>application/merge-patch+json</c>). The latest version must exist and be neither
    /// deleted nor destroyed.</summary>
    /// <param name="name">The logical name.</param>
    /// <param name="mergePatch">A JSON object: fields to set, <c>null</c> to remove a field.</param>
    /// <param name="expectedVersion">When given, the patch applies only if the current version is this one.</param>
    /// <param name="cancellationToken">Cancels the patch.</param>
    /// <returns>The properties of the new version.</returns>
    /// <exception cref="SecretStoreException">The secret does not exist (<see cref="SecretStoreErrorCode.NotFound"/>),
    /// the version differs (<see cref="SecretStoreErrorCode.Conflict"/>), or the patch failed.</exception>
    public ValueTask<SecretProperties> PatchAsync(string name, string mergePatch, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mergePatch);
        return Run(name, "Patch", (engine, context) => engine.PatchAsync(name, mergePatch, expectedVersion, context, cancellationToken), cancellationToken);
    }

    /// <summary>Soft-deletes versions (<c>POST delete/</c>); they read as not found until undeleted.</summary>
    /// <param name="name">The logical name.</param>
    /// <param name="versions">The version numbers.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Vault has answered.</returns>
    public ValueTask DeleteVersionsAsync(string name, IReadOnlyCollection<long> versions, CancellationToken cancellationToken = default) =>
        RunVersions(name, "delete", versions, cancellationToken);

    /// <summary>Undoes the soft deletion of versions (<c>POST undelete/</c>).</summary>
    /// <param name="name">The logical name.</param>
    /// <param name="versions">The version numbers.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Vault has answered.</returns>
    public ValueTask UndeleteVersionsAsync(string name, IReadOnlyCollection<long> versions, CancellationToken cancellationToken = default) =>
        RunVersions(name, "undelete", versions, cancellationToken);

    /// <summary>Destroys the data of versions for good (<c>PUT destroy/</c>); their metadata stays.</summary>
    /// <param name="name">The logical name.</param>
    /// <param name="versions">The version numbers.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Vault has answered.</returns>
    public ValueTask DestroyVersionsAsync(string name, IReadOnlyCollection<long> versions, CancellationToken cancellationToken = default) =>
        RunVersions(name, "destroy", versions, cancellationToken);

    /// <summary>Soft-deletes the latest version (<c>DELETE data/</c>).</summary>
    /// <param name="name">The logical name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Vault has answered.</returns>
    public async ValueTask DeleteLatestVersionAsync(string name, CancellationToken cancellationToken = default) =>
        await Run(name, "DeleteLatestVersion", async (engine, context) => { await engine.DeleteLatestAsync(name, context, cancellationToken).ConfigureAwait(false); return true; }, cancellationToken).ConfigureAwait(false);

    /// <summary>Reads the secret's metadata (<c>GET metadata/</c>).</summary>
    /// <param name="name">The logical name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The metadata, or <see langword="null"/> when the secret does not exist.</returns>
    public ValueTask<VaultSecretMetadata?> GetMetadataAsync(string name, CancellationToken cancellationToken = default) =>
        Run(name, "GetMetadata", (engine, context) => engine.ReadMetadataAsync(name, context, cancellationToken), cancellationToken);

    /// <summary>Gets the properties of the secret's latest version from its metadata (<c>GET metadata/</c>), without
    /// reading its value: the same version, times and tags as <see cref="HashiCorpVaultSecretStore.GetSecretAsync"/>
    /// reports for it (<c>current_version</c>, and that version's <c>created_time</c> as both
    /// <see cref="SecretProperties.CreatedOn"/> and <see cref="SecretProperties.UpdatedOn"/>).</summary>
    /// <param name="name">The logical name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The properties, or <see langword="null"/> when the secret does not exist or its current version is
    /// soft-deleted or destroyed (then a read returns <see langword="null"/> too).</returns>
    /// <exception cref="SecretStoreException">The name is invalid, the mount is KV v1
    /// (<see cref="SecretStoreErrorCode.NotSupported"/>), or Vault failed.</exception>
    /// <remarks>The metadata's <c>updated_time</c> is not used: it also moves when only the metadata changes (such as
    /// <c>custom_metadata</c>, which a set with tags writes after the value), while the value stays the same.</remarks>
    public ValueTask<SecretProperties?> GetLatestPropertiesAsync(string name, CancellationToken cancellationToken = default) =>
        Run(name, "GetLatestProperties", (engine, context) => engine.ReadLatestPropertiesAsync(name, context, cancellationToken), cancellationToken);

    /// <summary>Replaces the secret's <c>custom_metadata</c> (<c>POST metadata/</c>), which reads back as
    /// <see cref="SecretProperties.Tags"/>. Keys and values are not secret: they are visible to anyone who can read
    /// the metadata.</summary>
    /// <param name="name">The logical name.</param>
    /// <param name="customMetadata">The new custom metadata.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when Vault has answered.</returns>
    public async ValueTask SetCustomMetadataAsync(string name, IReadOnlyDictionary<string, string> customMetadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customMetadata);
        await Run(name, "SetCustomMetadata", async (engine, context) => { await engine.WriteCustomMetadataAsync(name, customMetadata, context, cancellationToken).ConfigureAwait(false); return true; }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask RunVersions(string name, string action, IReadOnlyCollection<long> versions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(versions);
        if (versions.Count == 0 || versions.Any(v => v < 1))
        {
            throw new ArgumentException("Give at least one version, each a positive number.", nameof(versions));
        }

        await Run(name, action, async (engine, context) => { await engine.ChangeVersionsAsync(name, action, versions, context, cancellationToken).ConfigureAwait(false); return true; }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<T> Run<T>(string name, string operation, Func<KvV2Engine, VaultCallContext, Task<T>> call, CancellationToken cancellationToken)
    {
        var (engine, context) = await _store.GetKvV2Async(name, operation, cancellationToken).ConfigureAwait(false);
        return await call(engine, context).ConfigureAwait(false);
    }
}
