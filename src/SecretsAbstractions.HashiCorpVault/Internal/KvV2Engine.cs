using System.Globalization;
using System.Text.Json;

namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>KV version 2: <c>data/</c> for values (a deleted or destroyed version reads as not found; a version whose
/// deletion is scheduled for later reads until then),
/// <c>metadata/</c> for listing and for deleting a secret with all its versions.</summary>
internal sealed class KvV2Engine(VaultConnection connection, string mount) : KvEngine(connection, mount)
{
    public override SecretStoreCapabilities Capabilities => SecretStoreCapabilities.Write | SecretStoreCapabilities.Versions;

    public override async Task<Secret?> ReadAsync(string name, SecretVersion version, VaultCallContext context, CancellationToken cancellationToken)
    {
        string? query = null;
        if (version.Kind == SecretVersionKind.Id)
        {
            query = "version=" + ParseVersion(version.Value!, context).ToString(CultureInfo.InvariantCulture);
        }

        var request = new VaultRequest(HttpMethod.Get, DataPath("data", name), Root) { Query = query };
        var response = await Connection.SendAsync(request, context, cancellationToken).ConfigureAwait(false);
        if (response.IsNothingThere)
        {
            return null;
        }

        if (!response.IsSuccess)
        {
            throw VaultErrors.FromResponse(response, context);
        }

        var read = response.Envelope?.Data is { ValueKind: JsonValueKind.Object } data ? data.Deserialize(VaultJsonContext.Default.KvV2ReadData) : null;
        if (read?.Metadata is not { } metadata)
        {
            throw Unexpected(context, "a KV v2 read");
        }

        // Vault answers data only for a readable version (a 404 with the metadata otherwise); the same rule as the
        // probe's still applies, so that a read and a probe never disagree about a version whose deletion time has
        // passed by the store's clock but not yet by Vault's.
        if (read.Data is not { ValueKind: JsonValueKind.Object } values || !IsReadable(metadata.DeletionTime, metadata.Destroyed))
        {
            return null;
        }

        return new Secret(Properties(name, metadata), SecretValue.FromString(VaultValueCodec.ReadDataMap(values)));
    }

    public override async Task<SecretProperties> WriteAsync(string name, string text, long? checkAndSet, VaultCallContext context, CancellationToken cancellationToken)
    {
        byte[] body = Serialize(writer =>
        {
            writer.WriteStartObject();
            if (checkAndSet is { } cas)
            {
                writer.WriteStartObject("options");
                writer.WriteNumber("cas", cas);
                writer.WriteEndObject();
            }

            writer.WritePropertyName("data");
            VaultValueCodec.WriteDataMap(writer, text);
            writer.WriteEndObject();
        });
        var response = await Connection.SendAsync(new VaultRequest(HttpMethod.Post, DataPath("data", name), Root) { Body = body }, context, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw VaultErrors.FromResponse(response, context);
        }

        var metadata = response.Envelope?.Data is { ValueKind: JsonValueKind.Object } data ? data.Deserialize(VaultJsonContext.Default.KvVersionMetadata) : null;
        return metadata is { Version: > 0 } ? Properties(name, metadata) : throw Unexpected(context, "a KV v2 write");
    }

    public override Task<bool> DeleteAsync(string name, VaultCallContext context, CancellationToken cancellationToken) =>
        DeleteIfPresentAsync(DataPath("metadata", name), context, cancellationToken);

    public async Task<SecretProperties> PatchAsync(string name, string mergePatch, long? checkAndSet, VaultCallContext context, CancellationToken cancellationToken)
    {
        JsonDocument patch;
        try
        {
            patch = JsonDocument.Parse(mergePatch);
        }
        catch (JsonException)
        {
            // The parser's message may quote the patch, which holds secret values.
            throw context.Error(SecretStoreErrorCode.InvalidRequest, "The merge patch is not valid JSON.");
        }

        byte[] body;
        using (patch)
        {
            if (patch.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw context.Error(SecretStoreErrorCode.InvalidRequest, "A merge patch is a JSON object.");
            }

            body = Serialize(writer =>
            {
                writer.WriteStartObject();
                if (checkAndSet is { } cas)
                {
                    writer.WriteStartObject("options");
                    writer.WriteNumber("cas", cas);
                    writer.WriteEndObject();
                }

                writer.WritePropertyName("data");
                patch.RootElement.WriteTo(writer);
                writer.WriteEndObject();
            });
        }

        var request = new VaultRequest(HttpMethod.Patch, DataPath("data", name), Root) { Body = body, ContentType = "application/merge-patch+json" };
        var response = await Connection.SendAsync(request, context, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw VaultErrors.FromResponse(response, context);
        }

        var metadata = response.Envelope?.Data is { ValueKind: JsonValueKind.Object } data ? data.Deserialize(VaultJsonContext.Default.KvVersionMetadata) : null;
        return metadata is { Version: > 0 } ? Properties(name, metadata) : throw Unexpected(context, "a KV v2 patch");
    }

    public async Task DeleteLatestAsync(string name, VaultCallContext context, CancellationToken cancellationToken)
    {
        var response = await Connection.SendAsync(new VaultRequest(HttpMethod.Delete, DataPath("data", name), Root), context, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw VaultErrors.FromResponse(response, context);
        }
    }

    /// <summary>Soft-deletes, undeletes or destroys versions; <paramref name="action"/> is the path segment.</summary>
    public async Task ChangeVersionsAsync(string name, string action, IReadOnlyCollection<long> versions, VaultCallContext context, CancellationToken cancellationToken)
    {
        byte[] body = Serialize(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("versions");
            foreach (long version in versions)
            {
                writer.WriteNumberValue(version);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        var method = action == "destroy" ? HttpMethod.Put : HttpMethod.Post;
        var response = await Connection.SendAsync(new VaultRequest(method, DataPath(action, name), Root) { Body = body }, context, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw VaultErrors.FromResponse(response, context);
        }
    }

    public async Task<VaultSecretMetadata?> ReadMetadataAsync(string name, VaultCallContext context, CancellationToken cancellationToken)
    {
        var response = await Connection.SendAsync(new VaultRequest(HttpMethod.Get, DataPath("metadata", name), Root), context, cancellationToken).ConfigureAwait(false);
        if (response.IsNothingThere)
        {
            return null;
        }

        if (!response.IsSuccess)
        {
            throw VaultErrors.FromResponse(response, context);
        }

        var metadata = response.Envelope?.Data is { ValueKind: JsonValueKind.Object } data ? data.Deserialize(VaultJsonContext.Default.KvMetadataData) : null;
        if (metadata is null)
        {
            throw Unexpected(context, "a KV v2 metadata read");
        }

        var versions = (metadata.Versions ?? [])
            .Select(pair => new VaultSecretVersionInfo(
                long.TryParse(pair.Key, NumberStyles.None, CultureInfo.InvariantCulture, out long number) ? number : 0,
                ParseTime(pair.Value.CreatedTime),
                ParseTime(pair.Value.DeletionTime),
                pair.Value.Destroyed))
            .Where(v => v.Version > 0)
            .OrderBy(v => v.Version)
            .ToList();
        return new VaultSecretMetadata(
            name,
            metadata.CurrentVersion,
            metadata.OldestVersion,
            ParseTime(metadata.CreatedTime),
            ParseTime(metadata.UpdatedTime),
            metadata.MaxVersions,
            metadata.CasRequired,
            metadata.CustomMetadata ?? new Dictionary<string, string>(0),
            versions);
    }

    /// <summary>The properties <see cref="ReadAsync"/> would give the latest version, from the metadata alone
    /// (<c>GET metadata/</c>): <see langword="null"/> when the secret does not exist or its current version cannot
    /// be read (deleted or destroyed).</summary>
    public async Task<SecretProperties?> ReadLatestPropertiesAsync(string name, VaultCallContext context, CancellationToken cancellationToken)
    {
        var response = await Connection.SendAsync(new VaultRequest(HttpMethod.Get, DataPath("metadata", name), Root), context, cancellationToken).ConfigureAwait(false);
        if (response.IsNothingThere)
        {
            return null;
        }

        if (!response.IsSuccess)
        {
            throw VaultErrors.FromResponse(response, context);
        }

        var metadata = (response.Envelope?.Data is { ValueKind: JsonValueKind.Object } data ? data.Deserialize(VaultJsonContext.Default.KvMetadataData) : null)
            ?? throw Unexpected(context, "a KV v2 metadata read");
        string current = metadata.CurrentVersion.ToString(CultureInfo.InvariantCulture);
        if (metadata.CurrentVersion < 1 || metadata.Versions?.GetValueOrDefault(current) is not { } version || !IsReadable(version.DeletionTime, version.Destroyed))
        {
            return null;
        }

        return Properties(name, new KvVersionMetadata
        {
            Version = metadata.CurrentVersion,
            CreatedTime = version.CreatedTime,
            CustomMetadata = metadata.CustomMetadata,
        });
    }

    public async Task WriteCustomMetadataAsync(string name, IReadOnlyDictionary<string, string> customMetadata, VaultCallContext context, CancellationToken cancellationToken)
    {
        byte[] body = Serialize(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("custom_metadata");
            foreach (var (key, value) in customMetadata)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        var response = await Connection.SendAsync(new VaultRequest(HttpMethod.Post, DataPath("metadata", name), Root) { Body = body }, context, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw VaultErrors.FromResponse(response, context);
        }
    }

    protected override string ListPath(string escapedFolder) => Mount + "/metadata/" + escapedFolder;

    private string DataPath(string kind, string name) => Mount + "/" + kind + "/" + VaultPath.Escape(name);

    private static long ParseVersion(string value, VaultCallContext context) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long number) && number > 0
            ? number
            : throw context.Error(SecretStoreErrorCode.InvalidRequest, "A KV v2 version id is a positive whole number.");

    /// <summary>One rule for reads and the change probe: a destroyed version, or one whose <c>deletion_time</c> is at or
    /// before now (soft-deleted), reads as not found. A deletion time in the future is a scheduled deletion
    /// (<c>delete_version_after</c> on the mount or the secret): Vault serves the version until then, and so do we.
    /// An empty deletion time means not deleted; one that does not parse counts as deleted, as every non-empty one did
    /// before scheduled deletions were understood.</summary>
    private bool IsReadable(string? deletionTime, bool destroyed)
    {
        if (destroyed)
        {
            return false;
        }

        if (string.IsNullOrEmpty(deletionTime))
        {
            return true;
        }

        return ParseTime(deletionTime) is { } deletion && deletion > Connection.TimeProvider.GetUtcNow();
    }

    private static SecretProperties Properties(string name, KvVersionMetadata metadata) => new(name)
    {
        Version = metadata.Version.ToString(CultureInfo.InvariantCulture),
        CreatedOn = ParseTime(metadata.CreatedTime),
        UpdatedOn = ParseTime(metadata.CreatedTime),
        Tags = metadata.CustomMetadata ?? (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(0),
    };
}
