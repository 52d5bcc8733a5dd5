namespace SecretsAbstractions.HashiCorpVault;

/// <summary>The metadata of a KV v2 secret: its versions, limits and <c>custom_metadata</c>.</summary>
/// <param name="Name">The logical name.</param>
/// <param name="CurrentVersion">The latest version number (it may be deleted or destroyed).</param>
/// <param name="OldestVersion">The oldest version still kept.</param>
/// <param name="CreatedOn">When the secret was created.</param>
/// <param name="UpdatedOn">When the secret was last written.</param>
/// <param name="MaxVersions">How many versions are kept; 0 means the mount's setting.</param>
/// <param name="CasRequired">Whether every write must use check-and-set.</param>
/// <param name="CustomMetadata">The secret's <c>custom_metadata</c>.</param>
/// <param name="Versions">The versions kept, oldest first.</param>
public sealed record VaultSecretMetadata(
    string Name,
    long CurrentVersion,
    long OldestVersion,
    DateTimeOffset? CreatedOn,
    DateTimeOffset? UpdatedOn,
    int MaxVersions,
    bool CasRequired,
    IReadOnlyDictionary<string, string> CustomMetadata,
    IReadOnlyList<VaultSecretVersionInfo> Versions);

/// <summary>One version of a KV v2 secret, as its metadata lists it.</summary>
/// <param name="Version">The version number.</param>
/// <param name="CreatedOn">When it was written.</param>
/// <param name="DeletedOn">When it was soft-deleted (it can be undeleted), or, when in the future, when it will be: a
/// deletion <c>delete_version_after</c> scheduled; the version is readable until then.</param>
/// <param name="Destroyed">Whether its data is gone for good.</param>
public sealed record VaultSecretVersionInfo(long Version, DateTimeOffset? CreatedOn, DateTimeOffset? DeletedOn, bool Destroyed);
