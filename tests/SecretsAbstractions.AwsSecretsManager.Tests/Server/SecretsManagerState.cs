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

    /// <summary>The most secrets one BatchGetSecretValue call reads (SecretIdList length and MaxResults).</summary>
    public const int MaxBatchResults = 20;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredSecret> _secrets = new(StringComparer.Ordinal);

    /// <summary>Secrets whose batch reads fail with this error type (for partial batch failure tests).</summary>
    public Dictionary<string, string> BatchFailures { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, a BatchGetSecretValue reply to a SecretIdList holds at most this many secrets (values and
    /// errors) and a NextToken for the rest, as the service may page any reply.</summary>
    public int? BatchPageSize { get; set; }

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
        var idList = input["SecretIdList"];
        var filters = SecretFilters.Parse(input["Filters"]);
        int? maxResults = input["MaxResults"]?.GetValue<int>();
        if (maxResults is < 1 or > MaxBatchResults)
        {
            throw Validation($"Value '{maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and {MaxBatchResults}");
        }

        if (idList is not null && filters is not null)
        {
            throw new ServiceException("InvalidParameterException", "You can't use both SecretIdList and Filters in the same request. Choose one.");
        }

        if (idList is null && filters is null)
        {
            throw new ServiceException("InvalidParameterException", "You must provide either SecretIdList or Filters.");
        }

        return filters is not null
            ? BatchGetByFilters(input, filters, maxResults ?? MaxBatchResults)
            : maxResults is not null
                ? throw new ServiceException("InvalidParameterException", "You can't use MaxResults with SecretIdList. To use MaxResults, use Filters.")
                : BatchGetByIds(input, idList!);
    }

    // The reply to a SecretIdList holds one value or one error per distinct id; the service may page it (the model's
    // NextToken), which BatchPageSize imitates. The next call must repeat the same SecretIdList with the token.
    private JsonObject BatchGetByIds(JsonObject input, JsonNode idList)
    {
        var ids = idList is JsonArray array ? array.Select(n => n?.GetValue<string>() ?? string.Empty).ToList() : throw new ServiceException("SerializationException", "Start of list found where not expected");
        if (ids.Count is 0 or > MaxBatchResults)
        {
            throw Validation($"Value at 'secretIdList' failed to satisfy constraint: Member must have length between 1 and {MaxBatchResults}");
        }

        if (ids.FirstOrDefault(id => id.Length is 0 or > 2048) is { } badId)
        {
            throw Validation($"Value '{badId}' at 'secretIdList.{ids.IndexOf(badId) + 1}.member' failed to satisfy constraint: Member must have length between 1 and 2048");
        }

        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        string fingerprint = Fingerprint("ids", string.Join('\n', ids));
        int offset = ReadPageToken(input, fingerprint);
        int pageSize = BatchPageSize ?? distinct.Count;
        var values = new JsonArray();
        var errors = new JsonArray();
        foreach (string id in distinct.Skip(offset).Take(pageSize))
        {
            try
            {
                values.Add(BatchValue(Find(new JsonObject { ["SecretId"] = id }), id));
            }
            catch (ServiceException error)
            {
                errors.Add(new JsonObject { ["SecretId"] = id, ["ErrorCode"] = error.Type, ["Message"] = error.Message });
            }
        }

        var output = new JsonObject { ["SecretValues"] = values, ["Errors"] = errors };
        if (offset + pageSize < distinct.Count)
        {
            output["NextToken"] = PageToken(offset + pageSize, fingerprint);
        }

        return output;
    }

    // With Filters the service walks the account MaxResults secrets at a time and returns the values of those that
    // match, so a page can be empty and still carry a NextToken.
    private JsonObject BatchGetByFilters(JsonObject input, SecretFilters filters, int pageSize)
    {
        string fingerprint = Fingerprint("filters", input["Filters"]!.ToJsonString());
        var all = _secrets.Values.Where(s => s.DeletedDate is null).OrderBy(s => s.Created).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        int offset = ReadPageToken(input, fingerprint);
        var values = new JsonArray();
        var errors = new JsonArray();
        foreach (var secret in all.Skip(offset).Take(pageSize).Where(s => filters.Matches(s.Filterable(region))))
        {
            try
            {
                values.Add(BatchValue(secret, secret.Name));
            }
            catch (ServiceException error)
            {
                errors.Add(new JsonObject { ["SecretId"] = secret.Name, ["ErrorCode"] = error.Type, ["Message"] = error.Message });
            }
        }

        var output = new JsonObject { ["SecretValues"] = values, ["Errors"] = errors };
        if (offset + pageSize < all.Count)
        {
            output["NextToken"] = PageToken(offset + pageSize, fingerprint);
        }

        return output;
    }

    private JsonObject BatchValue(StoredSecret secret, string requestedId)
    {
        if (BatchFailures.TryGetValue(requestedId, out string? failure) || BatchFailures.TryGetValue(secret.Name, out failure))
        {
            throw new ServiceException(failure, "Access to KMS is not allowed");
        }

        return ValueOf(secret, null, null);
    }

    private JsonObject ListSecrets(JsonObject input)
    {
        int max = input["MaxResults"]?.GetValue<int>() ?? 100;
        if (max is < 1 or > 100)
        {
            throw Validation("Value at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100");
        }

        string? sortOrder = Str(input, "SortOrder");
        if (sortOrder is not (null or "asc" or "desc"))
        {
            throw Validation($"Value '{sortOrder}' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [asc, desc]");
        }

        var filters = SecretFilters.Parse(input["Filters"]);
        bool includeDeleted = input["IncludePlannedDeletion"]?.GetValue<bool>() ?? false;
        var matching = _secrets.Values
            .Where(s => includeDeleted || s.DeletedDate is null)
            .Where(s => filters is null || filters.Matches(s.Filterable(region)));

        // Secrets are listed by CreatedDate (the model); the name breaks ties so that pages are stable.
        var all = (sortOrder == "desc"
            ? matching.OrderByDescending(s => s.Created).ThenByDescending(s => s.Name, StringComparer.Ordinal)
            : matching.OrderBy(s => s.Created).ThenBy(s => s.Name, StringComparer.Ordinal)).ToList();
        string fingerprint = Fingerprint("list", $"{input["Filters"]?.ToJsonString()}|{sortOrder}|{includeDeleted}");
        int offset = ReadPageToken(input, fingerprint);
        var page = all.Skip(offset).Take(max).ToList();
        var list = new JsonArray();
        foreach (var secret in page)
        {
            list.Add(Summary(secret));
        }

        var output = new JsonObject { ["SecretList"] = list };
        if (offset + page.Count < all.Count)
        {
            output["NextToken"] = PageToken(offset + page.Count, fingerprint);
        }

        return output;
    }

    private static ServiceException Validation(string detail) => new("ValidationException", "1 validation error detected: " + detail);

    // A NextToken is opaque to clients; here it holds the offset and a fingerprint of the query it continues, so that
    // a token sent with another query is refused as the service refuses it.
    private static string PageToken(int offset, string fingerprint) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{offset}:{fingerprint}")));

    private static int ReadPageToken(JsonObject input, string fingerprint)
    {
        if (Str(input, "NextToken") is not { } token)
        {
            return 0;
        }

        if (token.Length is 0 or > 4096)
        {
            throw Validation("Value at 'nextToken' failed to satisfy constraint: Member must have length between 1 and 4096");
        }

        try
        {
            string[] parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            if (parts.Length == 2 && parts[1] == fingerprint && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
        }

        throw new ServiceException("InvalidNextTokenException", "The NextToken value is invalid.");
    }

    private static string Fingerprint(string kind, string query) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\n" + query)))[..16];

    private static JsonObject Summary(StoredSecret secret)
    {
        var stages = new JsonObject();
        foreach (var version in secret.Versions.Where(v => v.Stages.Count > 0))
        {
            stages[version.Id] = new JsonArray([.. version.Stages.Select(s => (JsonNode)JsonValue.Create(s))]);
        }

        var summary = new JsonObject
        {
            ["ARN"] = secret.Arn,
            ["Name"] = secret.Name,
            ["CreatedDate"] = Epoch(secret.Created),
            ["LastChangedDate"] = Epoch(secret.LastChanged),
            ["Tags"] = new JsonArray([.. secret.Tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]),
            ["SecretVersionsToStages"] = stages,
        };
        if (secret.Description is not null)
        {
            summary["Description"] = secret.Description;
        }

        return summary;
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
        secret.Description = Str(input, "Description");
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

        public string? Description { get; set; }

        public FilterableSecret Filterable(string primaryRegion) => new(Name, Description, Tags, primaryRegion, OwningService: null);

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
