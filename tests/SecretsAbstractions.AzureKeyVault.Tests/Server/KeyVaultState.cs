using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SecretsAbstractions.AzureKeyVault.Tests.Server;

/// <summary>The vault's secrets and the Key Vault secret operations over them, as the REST specification
/// (secrets.json) describes them: case-insensitive names, versions, soft delete, recover and purge.</summary>
internal sealed partial class KeyVaultState(TimeProvider timeProvider)
{
    public const int DefaultPageSize = 25;
    private const string RecoveryLevel = "Recoverable+Purgeable";
    private const int RecoverableDays = 90;
    private const int MaxTags = 15;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredSecret> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DeletedSecret> _deleted = new(StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex("^[0-9a-zA-Z-]{1,127}$")]
    public static partial Regex ValidName();

    public static KeyVaultResponse? CheckName(string name) =>
        ValidName().IsMatch(name) ? null : KeyVaultResponse.BadParameter($"The request URI contains an invalid name: {name}");

    public KeyVaultResponse Get(string vault, string name, string? version)
    {
        lock (_lock)
        {
            if (!_secrets.TryGetValue(name, out var secret) || secret.Find(version) is not { } found)
            {
                return KeyVaultResponse.SecretNotFound(name);
            }

            return found.Enabled ? KeyVaultResponse.Ok(Bundle(vault, secret, found, withValue: true)) : KeyVaultResponse.Disabled();
        }
    }

    public KeyVaultResponse Set(string vault, string name, JsonObject body)
    {
        if (body["value"] is not JsonValue valueNode || !valueNode.TryGetValue(out string? value))
        {
            return KeyVaultResponse.BadParameter("The parameter 'value' is required and must be a string.");
        }

        if (ReadTags(body, out var tags) is { } tagError)
        {
            return tagError;
        }

        var now = timeProvider.GetUtcNow();
        var attributes = body["attributes"] as JsonObject;
        var version = new StoredVersion(Guid.NewGuid().ToString("N"), value, now)
        {
            ContentType = (string?)body["contentType"],
            Tags = tags ?? [],
            Enabled = (bool?)attributes?["enabled"] ?? true,
            NotBefore = (long?)attributes?["nbf"],
            Expires = (long?)attributes?["exp"],
        };
        lock (_lock)
        {
            if (_deleted.ContainsKey(name))
            {
                return KeyVaultResponse.DeletedConflict(name);
            }

            if (!_secrets.TryGetValue(name, out var secret))
            {
                secret = new StoredSecret(name);
                _secrets.Add(name, secret);
            }

            secret.Versions.Add(version);
            return KeyVaultResponse.Ok(Bundle(vault, secret, version, withValue: true));
        }
    }

    public KeyVaultResponse Update(string vault, string name, string? version, JsonObject body)
    {
        if (ReadTags(body, out var tags) is { } tagError)
        {
            return tagError;
        }

        lock (_lock)
        {
            if (!_secrets.TryGetValue(name, out var secret) || secret.Find(version) is not { } found)
            {
                return KeyVaultResponse.SecretNotFound(name);
            }

            if (body.ContainsKey("contentType"))
            {
                found.ContentType = (string?)body["contentType"];
            }

            if (tags is not null)
            {
                found.Tags = tags;
            }

            if (body["attributes"] is JsonObject attributes)
            {
                found.Enabled = (bool?)attributes["enabled"] ?? found.Enabled;
                found.NotBefore = attributes.ContainsKey("nbf") ? (long?)attributes["nbf"] : found.NotBefore;
                found.Expires = attributes.ContainsKey("exp") ? (long?)attributes["exp"] : found.Expires;
            }

            found.Updated = timeProvider.GetUtcNow().ToUnixTimeSeconds();
            return KeyVaultResponse.Ok(Bundle(vault, secret, found, withValue: false));
        }
    }

    /// <summary>How many polls of a deleted secret answer 404 before the deletion completes (Key Vault deletes
    /// asynchronously; the official client polls <c>GET /deletedsecrets/{name}</c> until it answers 200).</summary>
    public int DeletionPendingPolls { get; set; }

    public KeyVaultResponse Delete(string vault, string name)
    {
        lock (_lock)
        {
            if (!_secrets.Remove(name, out var secret))
            {
                return KeyVaultResponse.SecretNotFound(name);
            }

            var deleted = new DeletedSecret(secret, timeProvider.GetUtcNow().ToUnixTimeSeconds()) { PendingPolls = DeletionPendingPolls };
            _deleted[name] = deleted;
            return KeyVaultResponse.Ok(DeletedBundle(vault, deleted, withVersion: true));
        }
    }

    public KeyVaultResponse GetDeleted(string vault, string name)
    {
        lock (_lock)
        {
            if (!_deleted.TryGetValue(name, out var deleted) || deleted.PendingPolls-- > 0)
            {
                return KeyVaultResponse.DeletedSecretNotFound(name);
            }

            return KeyVaultResponse.Ok(DeletedBundle(vault, deleted, withVersion: true));
        }
    }

    public KeyVaultResponse Purge(string name)
    {
        lock (_lock)
        {
            if (!_deleted.TryGetValue(name, out var deleted))
            {
                return KeyVaultResponse.DeletedSecretNotFound(name);
            }

            if (deleted.PendingPolls > 0)
            {
                return KeyVaultResponse.BeingDeletedConflict(name);
            }

            _deleted.Remove(name);
            return new KeyVaultResponse(204, null);
        }
    }

    public KeyVaultResponse Recover(string vault, string name)
    {
        lock (_lock)
        {
            if (!_deleted.Remove(name, out var deleted))
            {
                return KeyVaultResponse.DeletedSecretNotFound(name);
            }

            _secrets[name] = deleted.Secret;
            return KeyVaultResponse.Ok(Bundle(vault, deleted.Secret, deleted.Secret.Latest, withValue: false));
        }
    }

    public KeyVaultResponse List(string vault, string apiVersion, string? skipToken, int pageSize)
    {
        lock (_lock)
        {
            var items = _secrets.Values.Select(s => (s.Name, Item: (JsonNode)Item(vault, s, s.Latest, withVersion: false)));
            return Page(vault, "secrets", apiVersion, items, skipToken, pageSize);
        }
    }

    public KeyVaultResponse ListVersions(string vault, string name, string apiVersion, string? skipToken, int pageSize)
    {
        lock (_lock)
        {
            var versions = _secrets.TryGetValue(name, out var secret)
                ? secret.Versions.Select(v => (v.Id, Item: (JsonNode)Item(vault, secret, v, withVersion: true)))
                : [];
            return Page(vault, $"secrets/{name}/versions", apiVersion, versions, skipToken, pageSize);
        }
    }

    public KeyVaultResponse ListDeleted(string vault, string apiVersion, string? skipToken, int pageSize)
    {
        lock (_lock)
        {
            var items = _deleted.Values.Select(d => (d.Secret.Name, Item: (JsonNode)DeletedBundle(vault, d, withVersion: false)));
            return Page(vault, "deletedsecrets", apiVersion, items, skipToken, pageSize);
        }
    }

    /// <summary>The version id of the latest version of a secret.</summary>
    public string LatestVersion(string name)
    {
        lock (_lock)
        {
            return _secrets[name].Latest.Id;
        }
    }

    /// <summary>Sets the enabled flag of the latest version, as an operator would in the portal.</summary>
    public void SetEnabled(string name, bool enabled)
    {
        lock (_lock)
        {
            _secrets[name].Latest.Enabled = enabled;
        }
    }

    /// <summary>Creates a secret directly, as another tool would (any spelling Key Vault accepts).</summary>
    public void Seed(string name, string value, DateTimeOffset? notBefore = null, DateTimeOffset? expires = null)
    {
        var body = new JsonObject { ["value"] = value, ["attributes"] = new JsonObject { ["nbf"] = notBefore?.ToUnixTimeSeconds(), ["exp"] = expires?.ToUnixTimeSeconds() } };
        var response = Set("seed", name, body);
        if (response.Status != 200)
        {
            throw new InvalidOperationException($"Seeding '{name}' failed with {response.Status}.");
        }
    }

    // Pages are in name order; the skip token is the last key of the previous page, so that secrets created
    // between pages neither repeat nor shift what follows.
    private static KeyVaultResponse Page(string vault, string path, string apiVersion, IEnumerable<(string Key, JsonNode Item)> items, string? skipToken, int pageSize)
    {
        string? after = null;
        if (skipToken is not null)
        {
            try
            {
                after = Encoding.UTF8.GetString(Convert.FromBase64String(skipToken));
            }
            catch (FormatException)
            {
                return KeyVaultResponse.BadParameter("The $skiptoken is invalid.");
            }
        }

        var ordered = items.OrderBy(i => i.Key, StringComparer.OrdinalIgnoreCase)
            .Where(i => after is null || StringComparer.OrdinalIgnoreCase.Compare(i.Key, after) > 0)
            .ToList();
        var page = ordered.Take(pageSize).ToList();
        string? nextLink = null;
        if (ordered.Count > pageSize)
        {
            string token = Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Key));
            nextLink = $"https://{vault}/{path}?api-version={apiVersion}&$skiptoken={Uri.EscapeDataString(token)}&maxresults={pageSize}";
        }

        return KeyVaultResponse.Ok(new JsonObject { ["value"] = new JsonArray([.. page.Select(p => p.Item)]), ["nextLink"] = nextLink });
    }

    private static KeyVaultResponse? ReadTags(JsonObject body, out Dictionary<string, string>? tags)
    {
        tags = null;
        if (body["tags"] is not JsonObject node)
        {
            return null;
        }

        if (node.Count > MaxTags)
        {
            return KeyVaultResponse.BadParameter($"A secret can have at most {MaxTags} tags.");
        }

        tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in node)
        {
            tags[key] = (string?)value ?? string.Empty;
        }

        return null;
    }

    private static JsonObject Bundle(string vault, StoredSecret secret, StoredVersion version, bool withValue)
    {
        var bundle = new JsonObject();
        if (withValue)
        {
            bundle["value"] = version.Value;
        }

        bundle["id"] = $"https://{vault}/secrets/{secret.Name}/{version.Id}";
        AddProperties(bundle, version);
        return bundle;
    }

    private static JsonObject Item(string vault, StoredSecret secret, StoredVersion version, bool withVersion)
    {
        var item = new JsonObject { ["id"] = withVersion ? $"https://{vault}/secrets/{secret.Name}/{version.Id}" : $"https://{vault}/secrets/{secret.Name}" };
        AddProperties(item, version);
        return item;
    }

    private static JsonObject DeletedBundle(string vault, DeletedSecret deleted, bool withVersion)
    {
        var latest = deleted.Secret.Latest;
        var bundle = new JsonObject
        {
            ["recoveryId"] = $"https://{vault}/deletedsecrets/{deleted.Secret.Name}",
            ["deletedDate"] = deleted.DeletedDate,
            ["scheduledPurgeDate"] = deleted.DeletedDate + (RecoverableDays * 86400L),
            ["id"] = withVersion ? $"https://{vault}/secrets/{deleted.Secret.Name}/{latest.Id}" : $"https://{vault}/secrets/{deleted.Secret.Name}",
        };
        AddProperties(bundle, latest);
        return bundle;
    }

    private static void AddProperties(JsonObject target, StoredVersion version)
    {
        if (version.ContentType is not null)
        {
            target["contentType"] = version.ContentType;
        }

        var attributes = new JsonObject { ["enabled"] = version.Enabled };
        if (version.NotBefore is { } nbf)
        {
            attributes["nbf"] = nbf;
        }

        if (version.Expires is { } exp)
        {
            attributes["exp"] = exp;
        }

        attributes["created"] = version.Created;
        attributes["updated"] = version.Updated;
        attributes["recoveryLevel"] = RecoveryLevel;
        attributes["recoverableDays"] = RecoverableDays;
        target["attributes"] = attributes;
        if (version.Tags.Count > 0)
        {
            target["tags"] = new JsonObject([.. version.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))]);
        }
    }

    private sealed class StoredSecret(string name)
    {
        public string Name { get; } = name;

        public List<StoredVersion> Versions { get; } = [];

        public StoredVersion Latest => Versions[^1];

        public StoredVersion? Find(string? version) =>
            string.IsNullOrEmpty(version) ? Latest : Versions.Find(v => string.Equals(v.Id, version, StringComparison.OrdinalIgnoreCase));
    }

    private sealed class StoredVersion(string id, string value, DateTimeOffset created)
    {
        public string Id { get; } = id;

        public string Value { get; } = value;

        public long Created { get; } = created.ToUnixTimeSeconds();

        public long Updated { get; set; } = created.ToUnixTimeSeconds();

        public string? ContentType { get; set; }

        public Dictionary<string, string> Tags { get; set; } = [];

        public bool Enabled { get; set; } = true;

        public long? NotBefore { get; set; }

        public long? Expires { get; set; }
    }

    private sealed record DeletedSecret(StoredSecret Secret, long DeletedDate)
    {
        public int PendingPolls { get; set; }
    }
}
