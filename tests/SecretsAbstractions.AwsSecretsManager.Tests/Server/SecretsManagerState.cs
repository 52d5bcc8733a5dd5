using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SecretsAbstractions.AwsSecretsManager.Tests.Server;

/// <summary>An error the service answers with: HTTP status, error type and message.</summary>
public sealed class ServiceException(string type, string message, int status = 400) : Exception(message)
{
    public string Type { get; } = type;

    public int Status { get; } = status;
}

/// <summary>The secrets of the test server, with Secrets Manager's semantics: ARNs with a random six-character
/// suffix, versions and staging labels (AWSCURRENT moves on each put, AWSPREVIOUS follows), idempotent client
/// request tokens, scheduled deletion and restore, paged listings and batch reads.</summary>
public sealed class SecretsManagerState(string region, string accountId, TimeProvider timeProvider)
{
    public const string Current = "AWSCURRENT";
    public const string Previous = "AWSPREVIOUS";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredSecret> _secrets = new(StringComparer.Ordinal);

    /// <summary>Secrets whose batch reads fail with this error type (for partial batch failure tests).</summary>
    public Dictionary<string, string> BatchFailures { get; } = new(StringComparer.Ordinal);

    public JsonObject Handle(string operation, JsonObject input)
    {
        lock (_lock)
        {
            return operation switch
            {
                "GetSecretValue" => GetSecretValue(input),
                "BatchGetSecretValue" => BatchGetSecretValue(input),
                "ListSecrets" => ListSecrets(input),
                "DescribeSecret" => Describe(input),
                "CreateSecret" => CreateSecret(input),
                "PutSecretValue" => PutSecretValue(input),
                "DeleteSecret" => DeleteSecret(input),
                "RestoreSecret" => RestoreSecret(input),
                _ => throw new ServiceException("UnknownOperationException", string.Empty),
            };
        }
    }

    private static double Epoch(DateTimeOffset time) => Math.Round((time - DateTimeOffset.UnixEpoch).TotalSeconds, 3);

    private static string? Str(JsonObject input, string name) => input[name]?.GetValue<string>();

    private StoredSecret Find(JsonObject input, bool allowDeleted = false)
    {
        string id = Str(input, "SecretId") ?? throw new ServiceException("InvalidParameterException", "SecretId is required.");
        if (id.Length is 0 or > 2048)
        {
            throw new ServiceException("ValidationException", "1 validation error detected: Value at 'secretId' failed to satisfy constraint: Member must have length between 1 and 2048");
        }

        var secret = _secrets.TryGetValue(id, out var byName) ? byName
            : _secrets.Values.FirstOrDefault(s => s.Arn == id || (id.StartsWith("arn:", StringComparison.Ordinal) && s.Arn.Length == id.Length + 7 && s.Arn.StartsWith(id + "-", StringComparison.Ordinal)));
        if (secret is null)
        {
            throw new ServiceException("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }

        if (secret.DeletedDate is not null && !allowDeleted)
        {
            throw new ServiceException("InvalidRequestException", "You can't perform this operation on the secret because it was marked for deletion.");
        }

        return secret;
    }

    private JsonObject GetSecretValue(JsonObject input) => ValueOf(Find(input), Str(input, "VersionId"), Str(input, "VersionStage"));

    private static JsonObject ValueOf(StoredSecret secret, string? versionId, string? stage)
    {
        StoredVersion? version;
        if (versionId is not null)
        {
            if (versionId.Length is < 32 or > 64)
            {
                throw new ServiceException("ValidationException", "1 validation error detected: Value at 'versionId' failed to satisfy constraint: Member must have length between 32 and 64");
            }

            version = secret.Versions.FirstOrDefault(v => v.Id == versionId);
            if (version is null || (stage is not null && !version.Stages.Contains(stage)))
            {
                throw new ServiceException("ResourceNotFoundException", $"Secrets Manager can't find the specified secret value for VersionId: {versionId}");
            }
        }
        else
        {
            stage ??= Current;
            version = secret.Versions.FirstOrDefault(v => v.Stages.Contains(stage))
                ?? throw new ServiceException("ResourceNotFoundException", $"Secrets Manager can't find the specified secret value for staging label: {stage}");
        }

        var output = new JsonObject
        {
            ["ARN"] = secret.Arn,
            ["Name"] = secret.Name,
            ["VersionId"] = version.Id,
            ["VersionStages"] = new JsonArray([.. version.Stages.Select(s => (JsonNode)JsonValue.Create(s))]),
            ["CreatedDate"] = Epoch(version.Created),
        };
        if (version.Binary is not null)
        {
            output["SecretBinary"] = Convert.ToBase64String(version.Binary);
        }
        else
        {
            output["SecretString"] = version.Text;
        }

        return output;
    }

    private JsonObject BatchGetSecretValue(JsonObject input)
    {
        var ids = input["SecretIdList"]?.AsArray().Select(n => n!.GetValue<string>()).ToList();
        if (ids is null)
        {
            throw new ServiceException("InvalidParameterException", "You must provide either SecretIdList or Filters.");
        }

        if (ids.Count is 0 or > 20)
        {
            throw new ServiceException("ValidationException", "1 validation error detected: Value at 'secretIdList' failed to satisfy constraint: Member must have length between 1 and 20");
        }

        if (input["MaxResults"] is not null)
        {
            throw new ServiceException("InvalidParameterException", "You can't use MaxResults with SecretIdList.");
        }

        var values = new JsonArray();
        var errors = new JsonArray();
        foreach (string id in ids.Distinct(StringComparer.Ordinal))
        {
            try
            {
                if (BatchFailures.TryGetValue(id, out string? failure))
                {
                    throw new ServiceException(failure, "Access to KMS is not allowed");
                }

                values.Add(ValueOf(Find(new JsonObject { ["SecretId"] = id }), null, null));
            }
            catch (ServiceException error)
            {
                errors.Add(new JsonObject { ["SecretId"] = id, ["ErrorCode"] = error.Type, ["Message"] = error.Message });
            }
        }

        return new JsonObject { ["SecretValues"] = values, ["Errors"] = errors };
    }

    private JsonObject ListSecrets(JsonObject input)
    {
        int max = input["MaxResults"]?.GetValue<int>() ?? 100;
        if (max is < 1 or > 100)
        {
            throw new ServiceException("ValidationException", "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100");
        }

        bool includeDeleted = input["IncludePlannedDeletion"]?.GetValue<bool>() ?? false;
        var prefixes = new List<string>();
        foreach (var filter in input["Filters"]?.AsArray() ?? [])
        {
            if (filter!["Key"]!.GetValue<string>() != "name")
            {
                throw new ServiceException("InvalidParameterException", "The test server supports only the name filter.");
            }

            prefixes.AddRange(filter["Values"]!.AsArray().Select(v => v!.GetValue<string>()));
        }

        var all = _secrets.Values
            .Where(s => includeDeleted || s.DeletedDate is null)
            .Where(s => prefixes.Count == 0 || prefixes.Any(p => s.Name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        int offset = 0;
        if (Str(input, "NextToken") is { } token)
        {
            try
            {
                offset = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw new ServiceException("InvalidNextTokenException", "The NextToken value is invalid.");
            }
        }

        var page = all.Skip(offset).Take(max).ToList();
        var list = new JsonArray();
        foreach (var secret in page)
        {
            list.Add(Summary(secret));
        }

        var output = new JsonObject { ["SecretList"] = list };
        if (offset + page.Count < all.Count)
        {
            output["NextToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + page.Count).ToString(CultureInfo.InvariantCulture)));
        }

        return output;
    }

    private static JsonObject Summary(StoredSecret secret)
    {
        var stages = new JsonObject();
        foreach (var version in secret.Versions.Where(v => v.Stages.Count > 0))
        {
            stages[version.Id] = new JsonArray([.. version.Stages.Select(s => (JsonNode)JsonValue.Create(s))]);
        }

        return new JsonObject
        {
            ["ARN"] = secret.Arn,
            ["Name"] = secret.Name,
            ["CreatedDate"] = Epoch(secret.Created),
            ["LastChangedDate"] = Epoch(secret.LastChanged),
            ["Tags"] = new JsonArray([.. secret.Tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]),
            ["SecretVersionsToStages"] = stages,
        };
    }

    private JsonObject Describe(JsonObject input)
    {
        var secret = Find(input, allowDeleted: true);
        var output = Summary(secret);
        output["VersionIdsToStages"] = output["SecretVersionsToStages"]!.DeepClone();
        output.Remove("SecretVersionsToStages");
        if (secret.DeletedDate is { } deleted)
        {
            output["DeletedDate"] = Epoch(deleted);
        }

        return output;
    }

    private JsonObject CreateSecret(JsonObject input)
    {
        string name = Str(input, "Name") ?? throw new ServiceException("InvalidParameterException", "Name is required.");
        if (name.Length is 0 or > 512 || !name.All(c => char.IsAsciiLetterOrDigit(c) || "/_+=.@-".Contains(c, StringComparison.Ordinal)))
        {
            throw new ServiceException("ValidationException", "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!");
        }

        string token = Token(input);
        if (_secrets.TryGetValue(name, out var existing))
        {
            if (existing.DeletedDate is not null)
            {
                throw new ServiceException("InvalidRequestException", "You can't create this secret because a secret with this name is already scheduled for deletion.");
            }

            var same = existing.Versions.FirstOrDefault(v => v.Id == token);
            if (same is not null && SameValue(same, input))
            {
                return new JsonObject { ["ARN"] = existing.Arn, ["Name"] = name, ["VersionId"] = token };
            }

            throw new ServiceException("ResourceExistsException", $"The operation failed because the secret {name} already exists.");
        }

        var now = timeProvider.GetUtcNow();
        string suffix = string.Concat(Enumerable.Range(0, 6).Select(_ => (char)('a' + RandomNumberGenerator.GetInt32(26))));
        var secret = new StoredSecret(name, $"arn:aws:secretsmanager:{region}:{accountId}:secret:{name}-{suffix}", now);
        foreach (var tag in input["Tags"]?.AsArray() ?? [])
        {
            secret.Tags[tag!["Key"]!.GetValue<string>()] = tag["Value"]!.GetValue<string>();
        }

        if (input["SecretString"] is not null || input["SecretBinary"] is not null)
        {
            AddVersion(secret, token, input, now);
        }

        _secrets[name] = secret;
        return new JsonObject { ["ARN"] = secret.Arn, ["Name"] = name, ["VersionId"] = token };
    }

    private JsonObject PutSecretValue(JsonObject input)
    {
        var secret = Find(input);
        string token = Token(input);
        var existing = secret.Versions.FirstOrDefault(v => v.Id == token);
        if (existing is not null)
        {
            return SameValue(existing, input)
                ? new JsonObject { ["ARN"] = secret.Arn, ["Name"] = secret.Name, ["VersionId"] = token, ["VersionStages"] = new JsonArray([.. existing.Stages.Select(s => (JsonNode)JsonValue.Create(s))]) }
                : throw new ServiceException("ResourceExistsException", "You can't modify an existing version, you can only create a new version.");
        }

        var version = AddVersion(secret, token, input, timeProvider.GetUtcNow());
        return new JsonObject { ["ARN"] = secret.Arn, ["Name"] = secret.Name, ["VersionId"] = version.Id, ["VersionStages"] = new JsonArray([.. version.Stages.Select(s => (JsonNode)JsonValue.Create(s))]) };
    }

    private JsonObject DeleteSecret(JsonObject input)
    {
        bool force = input["ForceDeleteWithoutRecovery"]?.GetValue<bool>() ?? false;
        long? window = input["RecoveryWindowInDays"]?.GetValue<long>();
        if (force && window is not null)
        {
            throw new ServiceException("InvalidParameterException", "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
        }

        if (window is < 7 or > 30)
        {
            throw new ServiceException("InvalidParameterException", "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
        }

        var secret = Find(input, allowDeleted: force);
        var now = timeProvider.GetUtcNow();
        var deletionDate = force ? now : now.AddDays(window ?? 30);
        if (force)
        {
            _secrets.Remove(secret.Name);
        }
        else
        {
            secret.DeletedDate = deletionDate;
        }

        return new JsonObject { ["ARN"] = secret.Arn, ["Name"] = secret.Name, ["DeletionDate"] = Epoch(deletionDate) };
    }

    private JsonObject RestoreSecret(JsonObject input)
    {
        var secret = Find(input, allowDeleted: true);
        secret.DeletedDate = null;
        return new JsonObject { ["ARN"] = secret.Arn, ["Name"] = secret.Name };
    }

    private static string Token(JsonObject input)
    {
        string token = Str(input, "ClientRequestToken") ?? Guid.NewGuid().ToString("D");
        return token.Length is < 32 or > 64
            ? throw new ServiceException("ValidationException", "1 validation error detected: Value at 'clientRequestToken' failed to satisfy constraint: Member must have length between 32 and 64")
            : token;
    }

    private static bool SameValue(StoredVersion version, JsonObject input) =>
        Str(input, "SecretString") == version.Text
        && (Str(input, "SecretBinary") is { } binary ? version.Binary is not null && Convert.FromBase64String(binary).AsSpan().SequenceEqual(version.Binary) : version.Binary is null);

    private static StoredVersion AddVersion(StoredSecret secret, string token, JsonObject input, DateTimeOffset now)
    {
        string? text = Str(input, "SecretString");
        byte[]? binary = Str(input, "SecretBinary") is { } b ? Convert.FromBase64String(b) : null;
        if ((text is null) == (binary is null))
        {
            throw new ServiceException("InvalidParameterException", "You must provide either SecretString or SecretBinary, but not both.");
        }

        if ((text?.Length ?? binary!.Length) is 0 or > 65536)
        {
            throw new ServiceException("ValidationException", "The secret value must be from 1 to 65536 bytes.");
        }

        foreach (var old in secret.Versions)
        {
            old.Stages.Remove(Previous);
            if (old.Stages.Remove(Current))
            {
                old.Stages.Add(Previous);
            }
        }

        var version = new StoredVersion(token, text, binary, now);
        version.Stages.Add(Current);
        secret.Versions.Add(version);
        secret.LastChanged = now;
        return version;
    }

    private sealed class StoredSecret(string name, string arn, DateTimeOffset created)
    {
        public string Name { get; } = name;

        public string Arn { get; } = arn;

        public DateTimeOffset Created { get; } = created;

        public DateTimeOffset LastChanged { get; set; } = created;

        public DateTimeOffset? DeletedDate { get; set; }

        public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

        public List<StoredVersion> Versions { get; } = [];
    }

    private sealed class StoredVersion(string id, string? text, byte[]? binary, DateTimeOffset created)
    {
        public string Id { get; } = id;

        public string? Text { get; } = text;

        public byte[]? Binary { get; } = binary;

        public DateTimeOffset Created { get; } = created;

        public List<string> Stages { get; } = [];
    }
}
