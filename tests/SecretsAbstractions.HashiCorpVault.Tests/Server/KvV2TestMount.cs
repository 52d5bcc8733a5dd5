using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecretsAbstractions.HashiCorpVault.Tests.Server;

/// <summary>KV version 2 as Vault documents it: versions, soft delete, undelete, destroy, metadata with
/// custom_metadata, check-and-set, max_versions, delete_version_after on the mount and the secret (each new version
/// gets a deletion_time that far in the future, the shorter of the two, and reads until it passes on the server's
/// clock), merge-patch, and a deleted or destroyed
/// version reading as a 404 with a normal envelope.</summary>
internal sealed class KvV2TestMount(string path) : KvTestMount(path)
{
    private const int DefaultMaxVersions = 10;

    private readonly Dictionary<string, SecretEntry> _secrets = new(StringComparer.Ordinal);

    public override int Version => 2;

    public bool CasRequired { get; set; }

    public int MaxVersions { get; set; }

    /// <summary>The mount's delete_version_after (config endpoint); zero for none.</summary>
    public TimeSpan DeleteVersionAfter { get; set; }

    public override VaultTestReply Handle(VaultTestRequest request, IReadOnlyList<string> segments, DateTimeOffset now)
    {
        if (segments.Count == 0)
        {
            return VaultTestReply.Unsupported();
        }

        string kind = segments[0];
        var rest = segments.Skip(1).ToList();
        if (kind == "config" && rest.Count == 0)
        {
            return Config(request);
        }

        if (kind == "metadata" && request.IsList)
        {
            return ListFolder(_secrets.Keys, Folder(rest));
        }

        if (!IsSecretPath(rest))
        {
            return VaultTestReply.Unsupported();
        }

        string key = string.Join('/', rest);
        _secrets.TryGetValue(key, out var entry);
        return (kind, request.Method) switch
        {
            ("data", "GET") => Read(entry, request, now),
            ("data", "POST" or "PUT") => Write(key, entry, request, now),
            ("data", "PATCH") => Patch(key, entry, request, now),
            ("data", "DELETE") => SoftDeleteLatest(entry, now),
            ("delete", "POST" or "PUT") => ForVersions(entry, request, v => v.SoftDelete(now)),
            ("undelete", "POST" or "PUT") => ForVersions(entry, request, v => v.DeletionTime = v.Destroyed ? v.DeletionTime : null),
            ("destroy", "POST" or "PUT") => ForVersions(entry, request, v => { v.Destroyed = true; v.Data = null; }),
            ("metadata", "GET") => entry is null ? VaultTestReply.NothingThere() : new VaultTestReply(200, VaultJsonNodes.Envelope(entry.MetadataNode())),
            ("metadata", "POST" or "PUT" or "PATCH") => WriteMetadata(key, entry, request, now),
            ("metadata", "DELETE") => DeleteMetadata(key),
            ("data" or "metadata" or "delete" or "undelete" or "destroy", _) => VaultTestReply.Unsupported(),
            _ => VaultTestReply.Errors(404, $"no handler for route \"{Path}/{string.Join('/', segments)}\". route entry not found."),
        };
    }

    private VaultTestReply Config(VaultTestRequest request)
    {
        if (request.Method == "GET")
        {
            return new VaultTestReply(200, VaultJsonNodes.Envelope(new JsonObject { ["cas_required"] = CasRequired, ["delete_version_after"] = VaultJsonNodes.GoDuration(DeleteVersionAfter), ["max_versions"] = MaxVersions }));
        }

        if (request.Body is { ValueKind: JsonValueKind.Object } body)
        {
            if (body.TryGetProperty("cas_required", out var cas))
            {
                CasRequired = cas.GetBoolean();
            }

            if (body.TryGetProperty("max_versions", out var max))
            {
                MaxVersions = max.GetInt32();
            }

            if (body.TryGetProperty("delete_version_after", out var duration))
            {
                if (VaultJsonNodes.ParseDuration(duration) is not { } after)
                {
                    return VaultTestReply.Errors(400, $"error parsing delete_version_after: invalid duration {duration.GetRawText()}");
                }

                DeleteVersionAfter = after;
            }
        }

        return VaultTestReply.NoContent;
    }

    private static VaultTestReply Read(SecretEntry? entry, VaultTestRequest request, DateTimeOffset now)
    {
        if (entry is null || entry.CurrentVersion == 0)
        {
            return VaultTestReply.NothingThere();
        }

        int version = entry.CurrentVersion;
        if (request.Query.TryGetValue("version", out string? text))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version))
            {
                return VaultTestReply.Errors(400, "invalid version");
            }

            version = version == 0 ? entry.CurrentVersion : version;
        }

        if (!entry.Versions.TryGetValue(version, out var stored))
        {
            return VaultTestReply.NothingThere();
        }

        bool gone = stored.IsGoneAt(now);
        var body = VaultJsonNodes.Envelope(new JsonObject
        {
            ["data"] = gone ? null : VaultJsonNodes.Sorted(stored.Data!.Value),
            ["metadata"] = entry.VersionNode(version),
        });
        return new VaultTestReply(gone ? 404 : 200, body);
    }

    private VaultTestReply Write(string key, SecretEntry? entry, VaultTestRequest request, DateTimeOffset now)
    {
        if (request.Body is not { ValueKind: JsonValueKind.Object } body || !body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return VaultTestReply.Errors(400, "no data provided");
        }

        if (CheckAndSet(entry, body, mustHaveCas: CasRequired || entry?.CasRequired == true) is { } refused)
        {
            return refused;
        }

        entry ??= _secrets[key] = new SecretEntry(now);
        return AddVersion(entry, data.Clone(), now);
    }

    private VaultTestReply Patch(string key, SecretEntry? entry, VaultTestRequest request, DateTimeOffset now)
    {
        if (!string.Equals(request.ContentType, "application/merge-patch+json", StringComparison.OrdinalIgnoreCase))
        {
            return VaultTestReply.Errors(415, "PATCH requires the content type application/merge-patch+json");
        }

        if (entry is null || !entry.Versions.TryGetValue(entry.CurrentVersion, out var latest) || latest.IsGoneAt(now))
        {
            return VaultTestReply.NothingThere();
        }

        if (request.Body is not { ValueKind: JsonValueKind.Object } body || !body.TryGetProperty("data", out var patch) || patch.ValueKind != JsonValueKind.Object)
        {
            return VaultTestReply.Errors(400, "no data provided");
        }

        if (CheckAndSet(entry, body, mustHaveCas: false) is { } refused)
        {
            return refused;
        }

        var merged = JsonNode.Parse(latest.Data!.Value.GetRawText())!;
        MergePatch(merged.AsObject(), JsonNode.Parse(patch.GetRawText())!.AsObject());
        _ = key;
        return AddVersion(entry, JsonDocument.Parse(merged.ToJsonString()).RootElement.Clone(), now);
    }

    private static void MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject patchObject && target[name] is JsonObject targetObject)
            {
                MergePatch(targetObject, patchObject);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }

    private static VaultTestReply? CheckAndSet(SecretEntry? entry, JsonElement body, bool mustHaveCas)
    {
        int? cas = body.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Object
            && options.TryGetProperty("cas", out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
        if (cas is null)
        {
            return mustHaveCas ? VaultTestReply.Errors(400, "check-and-set parameter required for this call") : null;
        }

        return cas.Value != (entry?.CurrentVersion ?? 0) ? VaultTestReply.Errors(400, "check-and-set parameter did not match the current version") : null;
    }

    private VaultTestReply AddVersion(SecretEntry entry, JsonElement data, DateTimeOffset now)
    {
        int version = entry.CurrentVersion + 1;
        entry.CurrentVersion = version;
        entry.UpdatedTime = now;
        // As Vault does, the deletion time is fixed when the version is written: created time plus the shorter non-zero
        // delete_version_after of the mount and the secret.
        var deleteAfter = new[] { DeleteVersionAfter, entry.DeleteVersionAfter }.Where(d => d > TimeSpan.Zero).DefaultIfEmpty().Min();
        entry.Versions[version] = new StoredVersion(now)
        {
            Data = data,
            DeletionTime = deleteAfter > TimeSpan.Zero ? now + deleteAfter : null,
        };
        int max = entry.MaxVersions > 0 ? entry.MaxVersions : MaxVersions > 0 ? MaxVersions : DefaultMaxVersions;
        foreach (int old in entry.Versions.Keys.Where(v => v <= version - max).ToList())
        {
            entry.Versions.Remove(old);
        }

        entry.OldestVersion = entry.Versions.Keys.Min();
        return new VaultTestReply(200, VaultJsonNodes.Envelope(entry.VersionNode(version)));
    }

    private static VaultTestReply SoftDeleteLatest(SecretEntry? entry, DateTimeOffset now)
    {
        if (entry is not null && entry.Versions.TryGetValue(entry.CurrentVersion, out var latest))
        {
            latest.SoftDelete(now);
        }

        return VaultTestReply.NoContent;
    }

    private static VaultTestReply ForVersions(SecretEntry? entry, VaultTestRequest request, Action<StoredVersion> change)
    {
        if (request.Body is not { ValueKind: JsonValueKind.Object } body || !body.TryGetProperty("versions", out var versions) || versions.ValueKind != JsonValueKind.Array || versions.GetArrayLength() == 0)
        {
            return VaultTestReply.Errors(400, "no version number provided");
        }

        foreach (var item in versions.EnumerateArray())
        {
            if (entry is not null && item.TryGetInt32(out int number) && entry.Versions.TryGetValue(number, out var version))
            {
                change(version);
            }
        }

        return VaultTestReply.NoContent;
    }

    private VaultTestReply WriteMetadata(string key, SecretEntry? entry, VaultTestRequest request, DateTimeOffset now)
    {
        if (request.Method == "PATCH" && entry is null)
        {
            return VaultTestReply.NothingThere();
        }

        TimeSpan? deleteVersionAfter = null;
        if (request.Body is { ValueKind: JsonValueKind.Object } input && input.TryGetProperty("delete_version_after", out var duration))
        {
            deleteVersionAfter = VaultJsonNodes.ParseDuration(duration);
            if (deleteVersionAfter is null)
            {
                return VaultTestReply.Errors(400, $"error parsing delete_version_after: invalid duration {duration.GetRawText()}");
            }
        }

        entry ??= _secrets[key] = new SecretEntry(now);
        if (deleteVersionAfter is { } after)
        {
            entry.DeleteVersionAfter = after;
        }

        if (request.Body is { ValueKind: JsonValueKind.Object } body)
        {
            if (body.TryGetProperty("custom_metadata", out var custom) && custom.ValueKind == JsonValueKind.Object)
            {
                entry.CustomMetadata = custom.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
            }

            if (body.TryGetProperty("max_versions", out var max))
            {
                entry.MaxVersions = max.GetInt32();
            }

            if (body.TryGetProperty("cas_required", out var cas))
            {
                entry.CasRequired = cas.GetBoolean();
            }
        }

        entry.UpdatedTime = now;
        return VaultTestReply.NoContent;
    }

    private VaultTestReply DeleteMetadata(string key)
    {
        _secrets.Remove(key);
        return VaultTestReply.NoContent;
    }

    private sealed class StoredVersion(DateTimeOffset created)
    {
        public DateTimeOffset Created { get; } = created;

        public JsonElement? Data { get; set; }

        /// <summary>When the version is (or was) deleted: a time in the future is a deletion that
        /// delete_version_after scheduled, and the version is served until then.</summary>
        public DateTimeOffset? DeletionTime { get; set; }

        public bool Destroyed { get; set; }

        public bool IsGoneAt(DateTimeOffset now) => Destroyed || DeletionTime <= now;

        /// <summary>A delete of a version already deleted changes nothing; one scheduled for later happens now.</summary>
        public void SoftDelete(DateTimeOffset now)
        {
            if (!(DeletionTime <= now))
            {
                DeletionTime = now;
            }
        }
    }

    private sealed class SecretEntry(DateTimeOffset created)
    {
        public DateTimeOffset CreatedTime { get; } = created;

        public DateTimeOffset UpdatedTime { get; set; } = created;

        public int CurrentVersion { get; set; }

        public int OldestVersion { get; set; }

        public int MaxVersions { get; set; }

        public bool CasRequired { get; set; }

        /// <summary>How long after its creation each new version is deleted; zero for never.</summary>
        public TimeSpan DeleteVersionAfter { get; set; }

        public Dictionary<string, string>? CustomMetadata { get; set; }

        public SortedDictionary<int, StoredVersion> Versions { get; } = [];

        public JsonObject VersionNode(int version)
        {
            var stored = Versions[version];
            return new JsonObject
            {
                ["created_time"] = VaultJsonNodes.Time(stored.Created),
                ["custom_metadata"] = CustomMetadata is null ? null : VaultJsonNodes.StringMap(CustomMetadata),
                ["deletion_time"] = stored.DeletionTime is { } deleted ? VaultJsonNodes.Time(deleted) : string.Empty,
                ["destroyed"] = stored.Destroyed,
                ["version"] = version,
            };
        }

        public JsonObject MetadataNode()
        {
            var versions = new JsonObject();
            foreach (var (number, stored) in Versions)
            {
                versions[number.ToString(CultureInfo.InvariantCulture)] = new JsonObject
                {
                    ["created_time"] = VaultJsonNodes.Time(stored.Created),
                    ["deletion_time"] = stored.DeletionTime is { } deleted ? VaultJsonNodes.Time(deleted) : string.Empty,
                    ["destroyed"] = stored.Destroyed,
                };
            }

            return new JsonObject
            {
                ["cas_required"] = CasRequired,
                ["created_time"] = VaultJsonNodes.Time(CreatedTime),
                ["current_version"] = CurrentVersion,
                ["custom_metadata"] = CustomMetadata is null ? null : VaultJsonNodes.StringMap(CustomMetadata),
                ["delete_version_after"] = VaultJsonNodes.GoDuration(DeleteVersionAfter),
                ["max_versions"] = MaxVersions,
                ["oldest_version"] = OldestVersion,
                ["updated_time"] = VaultJsonNodes.Time(UpdatedTime),
                ["versions"] = versions,
            };
        }
    }
}
