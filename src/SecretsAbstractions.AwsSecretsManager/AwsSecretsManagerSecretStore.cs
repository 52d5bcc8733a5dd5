using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecretsAbstractions.AwsSecretsManager.Internal;

namespace SecretsAbstractions.AwsSecretsManager;

/// <summary>
/// A store over AWS Secrets Manager: the AWS JSON 1.1 protocol over <see cref="HttpClient"/>, signed by AWSSDK.Core's
/// SigV4 signer with its credential chain. Thread-safe; dispose it to release its HTTP client.
/// </summary>
/// <remarks>
/// <para><b>Names</b> are checked by <see cref="AwsSecretsManagerSecretNameMapper"/> before any call. A name that
/// starts with <c>arn:</c> is a secret ARN, full or partial (without the six-character suffix), sent as the
/// <c>SecretId</c> as it is; it must name this store's region. Reads, bulk reads, writes of existing secrets,
/// deletion, restore and the change probe all take ARNs; the results carry the name as it was given. Set cannot
/// create a secret from an ARN (CreateSecret takes a name): setting an ARN that names no secret fails with
/// <see cref="SecretStoreErrorCode.NotFound"/>.</para>
/// <para><b>Reads</b> (GetSecretValue): the latest version is the stage <c>AWSCURRENT</c>; a
/// <see cref="SecretVersion.FromId"/> is a VersionId, a <see cref="SecretVersion.FromStage"/> a staging label
/// (<c>AWSPREVIOUS</c>, <c>AWSPENDING</c> or your own). SecretString is text (a JSON object exposes its fields),
/// SecretBinary is bytes. A missing secret or version reads as <see langword="null"/>.</para>
/// <para><b>Bulk reads</b> of latest versions use BatchGetSecretValue, 20 names or ARNs per call, following the
/// NextToken of a paged reply; a secret that fails fails only its own result. Versioned requests are read one by one.</para>
/// <para><b>Listings</b> (ListSecrets, 100 per page, the service's <c>name</c> prefix filter) return properties
/// only: name, creation and last-change dates, and tags.</para>
/// <para><b>Writes</b>: PutSecretValue, or CreateSecret for a new name, with a fresh ClientRequestToken, so that the
/// SDK's retries cannot write twice; tags are set when the secret is created. Delete schedules deletion with the
/// configured recovery window, or forces it; <see cref="RestoreSecretAsync"/> cancels a scheduled deletion.</para>
/// <para><b>Change probe</b>: the store is an <see cref="ISecretChangeProbe"/> (DescribeSecret, no value read), so
/// that <c>UseCaching</c> renews an unchanged secret without reading it again.</para>
/// <para><b>Errors</b> are mapped by the response's error type in one table; throttling is
/// <see cref="SecretStoreErrorCode.Throttled"/> with <see cref="SecretStoreException.RetryAfter"/> when the service
/// sends one. Failures are <see cref="AwsSecretsManagerException"/>s with the request id.</para>
/// </remarks>
public sealed class AwsSecretsManagerSecretStore : ISecretStore, ISecretWriter, ISecretChangeProbe, IDisposable
{
    /// <summary>The provider name in <see cref="SecretStoreMetadata"/> and the store type name in configuration.</summary>
    public const string ProviderName = "AwsSecretsManager";

    /// <summary>The stage of a secret's current version.</summary>
    public const string CurrentStage = "AWSCURRENT";

    /// <summary>The largest number of secrets one BatchGetSecretValue call reads.</summary>
    public const int BatchSize = 20;

    private const string RestoreOperation = "RestoreSecret";
    private const string DescribeOperation = "DescribeSecret";
    private const string InvalidRequestType = "InvalidRequestException";

    private static readonly AwsSecretsManagerSecretNameMapper Mapper = AwsSecretsManagerSecretNameMapper.Instance;

    private readonly SecretsManagerHttpClient _client;
    private readonly SecretStoreMetadata _metadata;
    private readonly ILogger _logger;
    private readonly int? _recoveryWindow;
    private readonly bool _forceDelete;
    private readonly int _batchConcurrency;

    /// <summary>Creates a store.</summary>
    /// <param name="options">The options; read once, here.</param>
    /// <param name="timeProvider">The clock for request timeouts and <c>Retry-After</c> dates; the system clock by default.</param>
    /// <param name="logger">Where failures are reported (without values); nothing is logged by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="SecretStoreException">No region, endpoint or credentials could be resolved.</exception>
    public AwsSecretsManagerSecretStore(AwsSecretsManagerSecretStoreOptions options, TimeProvider? timeProvider = null, ILogger<AwsSecretsManagerSecretStore>? logger = null)
    {
        AwsSecretsManagerSecretStoreOptionsValidator.ThrowIfInvalid(options);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _client = new SecretsManagerHttpClient(options, timeProvider ?? TimeProvider.System, _logger);
        _recoveryWindow = options.RecoveryWindowInDays;
        _forceDelete = options.ForceDeleteWithoutRecovery;
        _batchConcurrency = options.MaxBatchConcurrency;
        string storeName = string.IsNullOrEmpty(options.StoreName) ? ProviderName : options.StoreName;
        _metadata = new SecretStoreMetadata(
            ProviderName,
            storeName,
            _client.Endpoint.AbsoluteUri,
            SecretStoreCapabilities.Write | SecretStoreCapabilities.Versions | SecretStoreCapabilities.Stages | SecretStoreCapabilities.Binary | SecretStoreCapabilities.Batch);
    }

    /// <summary>The endpoint the store sends its requests to.</summary>
    public Uri Endpoint => _client.Endpoint;

    private string StoreName => _metadata.StoreName;

    /// <inheritdoc/>
    public async ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        const string Operation = SecretStoreOperations.GetSecret;
        string secretId = ToSecretId(name, Operation);
        cancellationToken.ThrowIfCancellationRequested();
        var body = new JsonObject { ["SecretId"] = secretId };
        switch (version.Kind)
        {
            case SecretVersionKind.Id:
                body["VersionId"] = version.Value;
                break;
            case SecretVersionKind.Stage:
                body["VersionStage"] = version.Value;
                break;
        }

        try
        {
            var response = await _client.SendAsync("GetSecretValue", body, new ErrorContext(StoreName, Operation, name), cancellationToken).ConfigureAwait(false);
            return ToSecret(name, response);
        }
        catch (AwsSecretsManagerException error) when (error.ErrorCode == SecretStoreErrorCode.NotFound || IsBadVersion(error, version))
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<SecretResult>> GetSecretsAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new SecretResult[requests.Count];
        var latest = new List<(int Index, string Native)>();
        var versioned = new List<int>();
        for (int i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            try
            {
                string native = ToSecretId(request.Name, SecretStoreOperations.GetSecrets);
                if (request.Version.IsLatest)
                {
                    latest.Add((i, native));
                }
                else
                {
                    versioned.Add(i);
                }
            }
            catch (SecretStoreException error)
            {
                results[i] = SecretResult.Failed(request, error);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var names = latest.Select(item => item.Native).Distinct(StringComparer.Ordinal).ToList();
        var chunks = names.Chunk(BatchSize).ToList();
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, object>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = _batchConcurrency, CancellationToken = cancellationToken },
            async (chunk, token) =>
            {
                foreach (var (key, value) in await GetBatchAsync(chunk, token).ConfigureAwait(false))
                {
                    found[key] = value;
                }
            }).ConfigureAwait(false);

        foreach (var (index, native) in latest)
        {
            var request = requests[index];
            results[index] = found.TryGetValue(native, out var outcome) switch
            {
                false => SecretResult.NotFound(request),
                true when outcome is JsonObject value => SecretResult.Found(request, ToSecret(request.Name, value)),
                true when outcome is SecretStoreException { ErrorCode: SecretStoreErrorCode.NotFound } => SecretResult.NotFound(request),
                _ => SecretResult.Failed(request, (SecretStoreException)outcome!),
            };
        }

        await Parallel.ForEachAsync(
            versioned,
            new ParallelOptions { MaxDegreeOfParallelism = _batchConcurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var request = requests[index];
                try
                {
                    var secret = await GetSecretAsync(request.Name, request.Version, token).ConfigureAwait(false);
                    results[index] = secret is null ? SecretResult.NotFound(request) : SecretResult.Found(request, secret);
                }
                catch (SecretStoreException error)
                {
                    results[index] = SecretResult.Failed(request, error);
                }
            }).ConfigureAwait(false);

        return results;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const string Operation = SecretStoreOperations.ListSecrets;
        SecretName.ValidatePrefix(prefix, StoreName);
        if (AwsSecretsManagerSecretNameMapper.GetPrefixError(prefix) is { } reason)
        {
            throw SecretName.Invalid(prefix, reason, StoreName, Operation);
        }

        cancellationToken.ThrowIfCancellationRequested();
        string? nextToken = null;
        do
        {
            var body = new JsonObject { ["MaxResults"] = 100, ["SortOrder"] = "asc" };
            if (!string.IsNullOrEmpty(prefix))
            {
                body["Filters"] = new JsonArray(new JsonObject { ["Key"] = "name", ["Values"] = new JsonArray(prefix) });
            }

            if (nextToken is not null)
            {
                body["NextToken"] = nextToken;
            }

            var page = await _client.SendAsync("ListSecrets", body, new ErrorContext(StoreName, Operation, prefix), cancellationToken).ConfigureAwait(false);
            foreach (var item in page["SecretList"]?.AsArray() ?? [])
            {
                if (item is not JsonObject entry || entry["Name"]?.GetValue<string>() is not { } native)
                {
                    continue;
                }

                string? name = Mapper.ToLogicalName(native);
                if (name is null)
                {
                    AwsSecretsManagerLog.UnmappableNameSkipped(_logger, StoreName, native);
                }
                else if (SecretName.HasPrefix(name, prefix))
                {
                    yield return ToListedProperties(name, entry);
                }
            }

            nextToken = page["NextToken"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(nextToken));
    }

    /// <inheritdoc/>
    /// <remarks>PutSecretValue creates a new version that becomes <c>AWSCURRENT</c> (the former current version
    /// becomes <c>AWSPREVIOUS</c>); a secret that does not exist is created with CreateSecret, with the tags of
    /// <paramref name="options"/>. Content type, expiry, not-before and the enabled flag are not Secrets Manager
    /// concepts and are ignored; <see cref="SecretWriteOptions.Enabled"/> <see langword="false"/> is refused. An ARN
    /// writes a new version of the secret it names; when it names no secret the set fails with
    /// <see cref="SecretStoreErrorCode.NotFound"/>, since only a name can create a secret.</remarks>
    public async ValueTask<SecretProperties> SetSecretAsync(string name, SecretValue value, SecretWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        const string Operation = SecretStoreOperations.SetSecret;
        string nativeName = ToSecretId(name, Operation);
        ArgumentNullException.ThrowIfNull(value);
        if (options?.Enabled == false)
        {
            throw new SecretStoreException(SecretStoreErrorCode.NotSupported, "Secrets Manager secrets cannot be disabled.")
            {
                StoreName = StoreName,
                Operation = Operation,
                SecretName = name,
            };
        }

        cancellationToken.ThrowIfCancellationRequested();
        var context = new ErrorContext(StoreName, Operation, name);
        JsonObject response;
        try
        {
            var put = WithValue(new JsonObject { ["SecretId"] = nativeName, ["ClientRequestToken"] = NewRequestToken() }, value);
            response = await _client.SendAsync("PutSecretValue", put, context, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsSecretsManagerException error) when (error.ErrorCode == SecretStoreErrorCode.NotFound && AwsSecretsManagerSecretNameMapper.IsArn(nativeName))
        {
            throw new AwsSecretsManagerException(SecretStoreErrorCode.NotFound, "Secrets Manager has no secret with this ARN, and a secret cannot be created from an ARN (CreateSecret takes a name): create it by its name, then write through its ARN.", error)
            {
                StoreName = StoreName,
                Operation = Operation,
                SecretName = name,
                AwsErrorType = error.AwsErrorType,
                RequestId = error.RequestId,
                StatusCode = error.StatusCode,
            };
        }
        catch (AwsSecretsManagerException error) when (error.ErrorCode == SecretStoreErrorCode.NotFound)
        {
            var create = WithValue(new JsonObject { ["Name"] = nativeName, ["ClientRequestToken"] = NewRequestToken() }, value);
            if (options?.Tags is { Count: > 0 } tags)
            {
                create["Tags"] = new JsonArray(tags.Select(tag => (JsonNode)new JsonObject { ["Key"] = tag.Key, ["Value"] = tag.Value }).ToArray());
            }

            try
            {
                response = await _client.SendAsync("CreateSecret", create, context, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsSecretsManagerException raced) when (raced.AwsErrorType == "ResourceExistsException")
            {
                // Another writer created the secret between our two calls: add our value as a new version.
                var retry = WithValue(new JsonObject { ["SecretId"] = nativeName, ["ClientRequestToken"] = NewRequestToken() }, value);
                response = await _client.SendAsync("PutSecretValue", retry, context, cancellationToken).ConfigureAwait(false);
            }
        }

        return new SecretProperties(name)
        {
            Version = response["VersionId"]?.GetValue<string>(),
            Stages = ReadStrings(response["VersionStages"]) is { Count: > 0 } stages ? stages : [CurrentStage],
        };
    }

    /// <inheritdoc/>
    /// <remarks>Schedules the deletion with the configured recovery window (30 days by default), or deletes at once
    /// with <see cref="AwsSecretsManagerSecretStoreOptions.ForceDeleteWithoutRecovery"/>. A scheduled secret reads as
    /// an error until <see cref="RestoreSecretAsync"/> restores it, and its name cannot be reused until it is gone.</remarks>
    public async ValueTask<bool> DeleteSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        const string Operation = SecretStoreOperations.DeleteSecret;
        string nativeName = ToSecretId(name, Operation);
        cancellationToken.ThrowIfCancellationRequested();
        var body = new JsonObject { ["SecretId"] = nativeName };
        if (_forceDelete)
        {
            body["ForceDeleteWithoutRecovery"] = true;
        }
        else if (_recoveryWindow is { } days)
        {
            body["RecoveryWindowInDays"] = days;
        }

        try
        {
            await _client.SendAsync("DeleteSecret", body, new ErrorContext(StoreName, Operation, name), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AwsSecretsManagerException error) when (error.ErrorCode == SecretStoreErrorCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Cancels the scheduled deletion of a secret (RestoreSecret), so that it can be read again.</summary>
    /// <param name="name">The logical name of the secret, or its ARN.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when the secret was restored; <see langword="false"/> when no secret has that name.</returns>
    /// <exception cref="SecretStoreException">The name is invalid or the request failed.</exception>
    public async ValueTask<bool> RestoreSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        string nativeName = ToSecretId(name, RestoreOperation);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await _client.SendAsync(RestoreOperation, new JsonObject { ["SecretId"] = nativeName }, new ErrorContext(StoreName, RestoreOperation, name), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AwsSecretsManagerException error) when (error.ErrorCode == SecretStoreErrorCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Reads a secret's properties without its value (DescribeSecret): the current version id and its
    /// stages, LastChangedDate as <see cref="SecretProperties.UpdatedOn"/> (it moves with every write, and with changes
    /// of tags or settings), the secret's creation date and its tags. A secret scheduled for deletion is described too.</summary>
    /// <param name="name">The logical name of the secret, or its ARN.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The properties, with the stages of the current version; <see langword="null"/> when no secret has that name.</returns>
    /// <exception cref="SecretStoreException">The name is invalid or the request failed.</exception>
    /// <remarks>For change detection use <see cref="GetLatestPropertiesAsync"/>, whose answer compares with what
    /// <see cref="GetSecretAsync"/> returns.</remarks>
    public async ValueTask<SecretProperties?> DescribeSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        var response = await DescribeAsync(name, DescribeOperation, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return null;
        }

        var properties = ToListedProperties(name, response);
        return GetCurrentVersion(response) is var (versionId, stages) ? properties with { Version = versionId, Stages = stages } : properties;
    }

    /// <summary>Gets the properties of the secret's current version without its value, with one DescribeSecret call:
    /// the <c>AWSCURRENT</c> version id and its stages, the secret's creation date and its tags.</summary>
    /// <param name="name">The logical name of the secret, or its ARN.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The properties; <see langword="null"/> when the secret does not exist or has no current version
    /// (then <see cref="GetSecretAsync"/> returns <see langword="null"/> too).</returns>
    /// <exception cref="SecretStoreException">The name is invalid or the request failed. A secret scheduled for
    /// deletion fails as <see cref="GetSecretAsync"/> does: <see cref="SecretStoreErrorCode.InvalidRequest"/> with
    /// the error type <c>InvalidRequestException</c>.</exception>
    /// <remarks>A version id names one immutable value, so the version id alone tells whether the value changed.
    /// <see cref="SecretProperties.UpdatedOn"/> is left unset, as on the secrets <see cref="GetSecretAsync"/>
    /// returns (GetSecretValue does not report LastChangedDate): a cache compares the two, and a change of tags or
    /// settings, which moves LastChangedDate, does not change the value. <see cref="DescribeSecretAsync"/> reports
    /// LastChangedDate.</remarks>
    public async ValueTask<SecretProperties?> GetLatestPropertiesAsync(string name, CancellationToken cancellationToken = default)
    {
        var response = await DescribeAsync(name, DescribeOperation, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return null;
        }

        if (response["DeletedDate"] is not null)
        {
            throw new AwsSecretsManagerException(
                AwsSecretsManagerErrors.ToCode(InvalidRequestType, 400),
                "The secret is scheduled for deletion, so Secrets Manager refuses to read it; restore it (RestoreSecretAsync) to read it again.")
            {
                StoreName = StoreName,
                Operation = DescribeOperation,
                SecretName = name,
                AwsErrorType = InvalidRequestType,
            };
        }

        return GetCurrentVersion(response) is var (versionId, stages)
            ? ToListedProperties(name, response) with { Version = versionId, Stages = stages, UpdatedOn = null }
            : null;
    }

    /// <inheritdoc/>
    /// <remarks>Offers <see cref="SecretStoreMetadata"/>, <see cref="ISecretWriter"/> and the store itself.</remarks>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        SecretStoreServices.GetStandardService(this, _metadata, serviceType, serviceKey);

    /// <summary>Releases the HTTP client (not a handler passed in the options).</summary>
    public void Dispose() => _client.Dispose();

    /// <summary>Validates a logical name (or ARN) and returns the <c>SecretId</c> to send.</summary>
    private string ToSecretId(string name, string operation)
    {
        string secretId = Mapper.ToNativeName(name, StoreName, operation);
        if (AwsSecretsManagerSecretNameMapper.IsArn(secretId) && AwsSecretsManagerSecretNameMapper.GetArnRegion(secretId) is var region && region != _client.Region)
        {
            throw SecretName.Invalid(name, $"the ARN names the region '{region}', but this store calls Secrets Manager in '{_client.Region}', which serves only the secrets of its own region", StoreName, operation);
        }

        return secretId;
    }

    private async Task<JsonObject?> DescribeAsync(string name, string operation, CancellationToken cancellationToken)
    {
        string secretId = ToSecretId(name, operation);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await _client.SendAsync(DescribeOperation, new JsonObject { ["SecretId"] = secretId }, new ErrorContext(StoreName, operation, name), cancellationToken).ConfigureAwait(false);
        }
        catch (AwsSecretsManagerException error) when (error.ErrorCode == SecretStoreErrorCode.NotFound)
        {
            return null;
        }
    }

    private static (string VersionId, List<string> Stages)? GetCurrentVersion(JsonObject described)
    {
        foreach (var (versionId, stages) in described["VersionIdsToStages"]?.AsObject() ?? [])
        {
            var list = ReadStrings(stages);
            if (list.Contains(CurrentStage))
            {
                return (versionId, list);
            }
        }

        return null;
    }

    private static bool IsBadVersion(AwsSecretsManagerException error, SecretVersion version) =>
        !version.IsLatest && error.AwsErrorType == "InvalidParameterException" && version.Kind == SecretVersionKind.Id;

    /// <summary>Reads one chunk of at most <see cref="BatchSize"/> secret ids, following NextToken when the service
    /// pages the reply, and returns the outcome (a value or an error) of each id that has one.</summary>
    private async Task<List<KeyValuePair<string, object>>> GetBatchAsync(string[] secretIds, CancellationToken cancellationToken)
    {
        var values = new BatchValues();
        var failures = new Dictionary<string, SecretStoreException>(StringComparer.Ordinal);
        string? nextToken = null;
        do
        {
            var body = new JsonObject { ["SecretIdList"] = new JsonArray(secretIds.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()) };
            if (nextToken is not null)
            {
                body["NextToken"] = nextToken;
            }

            JsonObject page;
            try
            {
                page = await _client.SendAsync("BatchGetSecretValue", body, new ErrorContext(StoreName, SecretStoreOperations.GetSecrets, null), cancellationToken).ConfigureAwait(false);
            }
            catch (SecretStoreException error)
            {
                return [.. secretIds.Select(id => new KeyValuePair<string, object>(id, error))];
            }

            foreach (var item in page["SecretValues"]?.AsArray() ?? [])
            {
                if (item is JsonObject value)
                {
                    values.Add(value);
                }
            }

            foreach (var item in page["Errors"]?.AsArray() ?? [])
            {
                if (item is JsonObject failure && failure["SecretId"]?.GetValue<string>() is { } id)
                {
                    string? type = failure["ErrorCode"]?.GetValue<string>();
                    var code = AwsSecretsManagerErrors.ToCode(type, 400);
                    failures[id] = new AwsSecretsManagerException(code, string.Create(CultureInfo.InvariantCulture, $"Secrets Manager could not read this secret in a batch: {type}."))
                    {
                        StoreName = StoreName,
                        Operation = SecretStoreOperations.GetSecrets,
                        SecretName = id,
                        AwsErrorType = type,
                    };
                }
            }

            nextToken = page["NextToken"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(nextToken));

        var outcomes = new List<KeyValuePair<string, object>>(secretIds.Length);
        foreach (string id in secretIds)
        {
            if (failures.TryGetValue(id, out var failure))
            {
                outcomes.Add(new(id, failure));
            }
            else if (values.Find(id) is { } value)
            {
                outcomes.Add(new(id, value));
            }
        }

        return outcomes;
    }

    private static string NewRequestToken() => Guid.NewGuid().ToString("D");

    private static JsonObject WithValue(JsonObject body, SecretValue value)
    {
        if (value.IsBinary)
        {
            body["SecretBinary"] = Convert.ToBase64String(value.RevealBytes().Span);
        }
        else
        {
            body["SecretString"] = value.RevealString();
        }

        return body;
    }

    private static Secret ToSecret(string name, JsonObject response)
    {
        var value = response["SecretBinary"]?.GetValue<string>() is { } binary
            ? SecretValue.FromBytes(Convert.FromBase64String(binary))
            : SecretValue.FromString(response["SecretString"]?.GetValue<string>() ?? string.Empty);
        var properties = new SecretProperties(name)
        {
            Version = response["VersionId"]?.GetValue<string>(),
            Stages = ReadStrings(response["VersionStages"]),
            CreatedOn = ReadDate(response["CreatedDate"]),
        };
        return new Secret(properties, value);
    }

    private static SecretProperties ToListedProperties(string name, JsonObject entry)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in entry["Tags"]?.AsArray() ?? [])
        {
            if (tag?["Key"]?.GetValue<string>() is { } key)
            {
                tags[key] = tag["Value"]?.GetValue<string>() ?? string.Empty;
            }
        }

        return new SecretProperties(name)
        {
            CreatedOn = ReadDate(entry["CreatedDate"]),
            UpdatedOn = ReadDate(entry["LastChangedDate"]),
            Tags = tags,
        };
    }

    private static List<string> ReadStrings(JsonNode? node) =>
        node is JsonArray array ? array.Select(s => s?.GetValue<string>()).OfType<string>().ToList() : [];

    private static DateTimeOffset? ReadDate(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out double seconds)
            ? DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond))
            : null;

    /// <summary>The values of a batch reply, found by the id they were asked for: the reply names each secret by its
    /// name and ARN, while the request may have used the name, the full ARN or a partial ARN (the ARN without its
    /// <c>-</c> and six-character suffix).</summary>
    private sealed class BatchValues
    {
        private const int ArnSuffixLength = 7;

        private readonly Dictionary<string, JsonObject> _byNameOrArn = new(StringComparer.Ordinal);
        private readonly Dictionary<string, JsonObject> _byPartialArn = new(StringComparer.Ordinal);

        public void Add(JsonObject value)
        {
            if (value["Name"]?.GetValue<string>() is { } name)
            {
                _byNameOrArn[name] = value;
            }

            if (value["ARN"]?.GetValue<string>() is { Length: > ArnSuffixLength } arn)
            {
                _byNameOrArn[arn] = value;
                _byPartialArn[arn[..^ArnSuffixLength]] = value;
            }
        }

        // A full ARN wins over a partial one that reads the same, as the service resolves them.
        public JsonObject? Find(string secretId) =>
            _byNameOrArn.TryGetValue(secretId, out var value) || _byPartialArn.TryGetValue(secretId, out value) ? value : null;
    }
}
