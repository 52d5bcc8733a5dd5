using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>Vault's response envelope; members Vault may add are ignored.</summary>
internal sealed class VaultEnvelope
{
    [JsonPropertyName("data")]
    public JsonElement? Data { get; set; }

    [JsonPropertyName("auth")]
    public VaultAuthInfo? Auth { get; set; }

    [JsonPropertyName("errors")]
    public List<string>? Errors { get; set; }

    [JsonPropertyName("warnings")]
    public List<string>? Warnings { get; set; }
}

/// <summary>The <c>auth</c> member of a login or renewal response.</summary>
internal sealed class VaultAuthInfo
{
    [JsonPropertyName("client_token")]
    public string? ClientToken { get; set; }

    [JsonPropertyName("lease_duration")]
    public long LeaseDuration { get; set; }

    [JsonPropertyName("renewable")]
    public bool Renewable { get; set; }
}

/// <summary>The <c>data</c> of <c>auth/token/lookup-self</c>.</summary>
internal sealed class VaultTokenLookup
{
    [JsonPropertyName("ttl")]
    public long Ttl { get; set; }

    [JsonPropertyName("creation_ttl")]
    public long CreationTtl { get; set; }

    [JsonPropertyName("renewable")]
    public bool Renewable { get; set; }
}

/// <summary>The <c>metadata</c> of a KV v2 version, as a read or write returns it.</summary>
internal sealed class KvVersionMetadata
{
    [JsonPropertyName("version")]
    public long Version { get; set; }

    [JsonPropertyName("created_time")]
    public string? CreatedTime { get; set; }

    [JsonPropertyName("deletion_time")]
    public string? DeletionTime { get; set; }

    [JsonPropertyName("destroyed")]
    public bool Destroyed { get; set; }

    [JsonPropertyName("custom_metadata")]
    public Dictionary<string, string>? CustomMetadata { get; set; }
}

/// <summary>The <c>data</c> of a KV v2 metadata read.</summary>
internal sealed class KvMetadataData
{
    [JsonPropertyName("current_version")]
    public long CurrentVersion { get; set; }

    [JsonPropertyName("oldest_version")]
    public long OldestVersion { get; set; }

    [JsonPropertyName("created_time")]
    public string? CreatedTime { get; set; }

    [JsonPropertyName("updated_time")]
    public string? UpdatedTime { get; set; }

    [JsonPropertyName("max_versions")]
    public int MaxVersions { get; set; }

    [JsonPropertyName("cas_required")]
    public bool CasRequired { get; set; }

    [JsonPropertyName("custom_metadata")]
    public Dictionary<string, string>? CustomMetadata { get; set; }

    [JsonPropertyName("versions")]
    public Dictionary<string, KvVersionMetadata>? Versions { get; set; }
}

/// <summary>The <c>data</c> of a KV v2 read.</summary>
internal sealed class KvV2ReadData
{
    [JsonPropertyName("data")]
    public JsonElement? Data { get; set; }

    [JsonPropertyName("metadata")]
    public KvVersionMetadata? Metadata { get; set; }
}

/// <summary>The <c>data</c> of a LIST.</summary>
internal sealed class VaultListData
{
    [JsonPropertyName("keys")]
    public List<string>? Keys { get; set; }
}

/// <summary>The <c>data</c> of <c>sys/internal/ui/mounts/&lt;path&gt;</c>.</summary>
internal sealed class VaultMountInfo
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("path")]
    public string? Path { get; set; }

    [JsonPropertyName("options")]
    public Dictionary<string, string?>? Options { get; set; }
}

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(VaultEnvelope))]
[JsonSerializable(typeof(VaultTokenLookup))]
[JsonSerializable(typeof(KvV2ReadData))]
[JsonSerializable(typeof(KvVersionMetadata))]
[JsonSerializable(typeof(KvMetadataData))]
[JsonSerializable(typeof(VaultListData))]
[JsonSerializable(typeof(VaultMountInfo))]
internal sealed partial class VaultJsonContext : JsonSerializerContext;
