using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SecretsAbstractions.AwsSecretsManager.Tests.Conformance;
using SecretsAbstractions.AwsSecretsManager.Tests.Server;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.AwsSecretsManager.Tests;

public sealed class StoreBehaviourTests : IAsyncLifetime
{
    private const string Canary = "canary-value-7f3a9c";
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private SecretsManagerTestServer _server = null!;
    private AwsSecretsManagerSecretStore _store = null!;

    public StoreBehaviourTests()
    {
        _loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
    }

    public async ValueTask InitializeAsync()
    {
        _server = await SecretsManagerTestServer.StartAsync();
        _store = TestStores.Create(_server, _loggerFactory.CreateLogger<AwsSecretsManagerSecretStore>());
    }

    public async ValueTask DisposeAsync()
    {
        _store.Dispose();
        await _server.DisposeAsync();
        _loggerFactory.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StagesMoveOnEachPutAndVersionsAreReadable()
    {
        var first = await _store.SetSecretAsync("app/db", SecretValue.FromString("one"), cancellationToken: Ct);
        var second = await _store.SetSecretAsync("app/db", SecretValue.FromString("two"), cancellationToken: Ct);
        await _store.SetSecretAsync("app/db", SecretValue.FromString("three"), cancellationToken: Ct);

        Assert.Equal("three", (await _store.GetSecretAsync("app/db", cancellationToken: Ct))!.Value.RevealString());
        var previous = await _store.GetSecretAsync("app/db", SecretVersion.FromStage("AWSPREVIOUS"), Ct);
        Assert.Equal("two", previous!.Value.RevealString());
        Assert.Equal(second.Version, previous.Properties.Version);
        Assert.Equal(["AWSPREVIOUS"], previous.Properties.Stages);
        Assert.Equal("one", (await _store.GetSecretAsync("app/db", SecretVersion.FromId(first.Version!), Ct))!.Value.RevealString());
        Assert.Null(await _store.GetSecretAsync("app/db", SecretVersion.FromStage("AWSPENDING"), Ct));
    }

    [Fact]
    public async Task SecretsAreFoundByArnAndPartialArn()
    {
        await _store.SetSecretAsync("app/api", SecretValue.FromString("v"), cancellationToken: Ct);
        string arn = _server.State.Handle("DescribeSecret", new() { ["SecretId"] = "app/api" })["ARN"]!.GetValue<string>();

        // The adapter takes logical names; the server resolves ARNs and partial ARNs as the service does.
        Assert.Equal("v", _server.State.Handle("GetSecretValue", new() { ["SecretId"] = arn })["SecretString"]!.GetValue<string>());
        Assert.Equal("v", _server.State.Handle("GetSecretValue", new() { ["SecretId"] = arn[..^7] })["SecretString"]!.GetValue<string>());
        Assert.Matches("^arn:aws:secretsmanager:us-east-1:123456789012:secret:app/api-[a-z]{6}$", arn);
    }

    [Fact]
    public async Task DescribeIsAChangeProbeWithoutTheValue()
    {
        Assert.Null(await _store.DescribeSecretAsync("probe", Ct));
        var first = await _store.SetSecretAsync("probe", SecretValue.FromString(Canary), new SecretWriteOptions { Tags = new Dictionary<string, string> { ["team"] = "a" } }, Ct);
        var described = await _store.DescribeSecretAsync("probe", Ct);
        Assert.Equal(first.Version, described!.Version);
        Assert.Equal(["AWSCURRENT"], described.Stages);
        Assert.Equal("a", described.Tags["team"]);
        var second = await _store.SetSecretAsync("probe", SecretValue.FromString("next"), cancellationToken: Ct);
        Assert.Equal(second.Version, (await _store.DescribeSecretAsync("probe", Ct))!.Version);
        Assert.Equal("DescribeSecret", _server.Operations[^1]);
    }

    [Fact]
    public async Task ConcurrentFirstWritesOfOneNameAllSucceedAsVersions()
    {
        var writes = Enumerable.Range(0, 8).Select(i => _store.SetSecretAsync("race", SecretValue.FromString($"v{i}"), cancellationToken: Ct).AsTask()).ToList();
        var written = await Task.WhenAll(writes);
        Assert.Equal(8, written.Select(p => p.Version).Distinct().Count());
        var current = await _store.DescribeSecretAsync("race", Ct);
        Assert.Contains(current!.Version, written.Select(p => p.Version));
    }

    [Fact]
    public async Task BinarySecretsRoundTrip()
    {
        byte[] bytes = [0, 1, 2, 250, 255];
        await _store.SetSecretAsync("bin", SecretValue.FromBytes(bytes), cancellationToken: Ct);
        var secret = await _store.GetSecretAsync("bin", cancellationToken: Ct);
        Assert.True(secret!.Value.IsBinary);
        Assert.Equal(bytes, secret.Value.RevealBytes().ToArray());
    }

    [Fact]
    public async Task ListingPagesThrough250SecretsWithThePrefixFilter()
    {
        for (int i = 0; i < 260; i++)
        {
            _server.State.Handle("CreateSecret", new() { ["Name"] = $"paged/s{i:D3}", ["SecretString"] = "x" });
        }

        _server.State.Handle("CreateSecret", new() { ["Name"] = "other/s", ["SecretString"] = "x" });
        long before = _server.RequestCount;

        var names = new List<string>();
        await foreach (var properties in _store.ListSecretsAsync("paged/", Ct))
        {
            names.Add(properties.Name);
        }

        Assert.Equal(260, names.Count);
        Assert.Equal(3, _server.RequestCount - before);
        Assert.All(_server.Operations.Skip((int)before), op => Assert.Equal("ListSecrets", op));
    }

    [Fact]
    public async Task BulkReadOf200NamesUsesAtMost10BatchCallsAndOneFailureFailsOnlyItsSecret()
    {
        var requests = new List<SecretRequest>();
        for (int i = 0; i < 200; i++)
        {
            _server.State.Handle("CreateSecret", new() { ["Name"] = $"bulk/s{i:D3}", ["SecretString"] = $"v{i}" });
            requests.Add($"bulk/s{i:D3}");
        }

        requests.Add("bulk/missing");
        _server.State.BatchFailures["bulk/s042"] = "DecryptionFailure";
        long before = _server.RequestCount;

        var results = await _store.GetSecretsAsync(requests, Ct);

        Assert.True(_server.RequestCount - before <= 11, $"{_server.RequestCount - before} calls");
        Assert.All(_server.Operations.Skip((int)before), op => Assert.Equal("BatchGetSecretValue", op));
        var failed = Assert.Single(results, r => r.Error is not null);
        Assert.Equal("bulk/s042", failed.Request.Name);
        Assert.Equal(SecretStoreErrorCode.AccessDenied, failed.Error!.ErrorCode);
        Assert.False(results[^1].IsFound);
        Assert.Null(results[^1].Error);
        Assert.Equal("v7", results[7].Secret!.Value.RevealString());
        Assert.Equal(199, results.Count(r => r.IsFound));
    }

    [Fact]
    public async Task Exactly200NamesTakeTenCalls()
    {
        var requests = Enumerable.Range(0, 200).Select(i => (SecretRequest)$"ten/s{i:D3}").ToList();
        long before = _server.RequestCount;
        var results = await _store.GetSecretsAsync(requests, Ct);
        Assert.Equal(10, _server.RequestCount - before);
        Assert.All(results, r => Assert.False(r.IsFound));
    }

    [Fact]
    public async Task ThrottlingIsThrottledWithRetryAfter()
    {
        _server.ThrottleNext(1, retryAfterSeconds: 3);
        var error = await Assert.ThrowsAsync<AwsSecretsManagerException>(async () => await _store.GetSecretAsync("a", cancellationToken: Ct));
        Assert.Equal(SecretStoreErrorCode.Throttled, error.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
        Assert.True(error.IsTransient);
        Assert.Equal("ThrottlingException", error.AwsErrorType);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    [Fact]
    public async Task AWrongSecretKeyIsUnauthenticated()
    {
        using var store = TestStores.Create(_server, credentials: new BasicAWSCredentials(_server.AcceptedKey.AccessKeyId, "wrong-" + Canary));
        var error = await Assert.ThrowsAsync<AwsSecretsManagerException>(async () => await store.GetSecretAsync("a", cancellationToken: Ct));
        Assert.Equal(SecretStoreErrorCode.Unauthenticated, error.ErrorCode);
        Assert.Equal("InvalidSignatureException", error.AwsErrorType);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownAccessKeyIsUnauthenticated()
    {
        using var store = TestStores.Create(_server, credentials: new BasicAWSCredentials("AKIAUNKNOWN000000000", "x"));
        var error = await Assert.ThrowsAsync<AwsSecretsManagerException>(async () => await store.GetSecretAsync("a", cancellationToken: Ct));
        Assert.Equal("UnrecognizedClientException", error.AwsErrorType);
        Assert.Equal(SecretStoreErrorCode.Unauthenticated, error.ErrorCode);
    }

    [Fact]
    public async Task SessionTokensAreSentAndAnExpiredOneIsUnauthenticated()
    {
        var valid = _server.AddSessionKey(DateTimeOffset.UtcNow.AddHours(1));
        using (var store = TestStores.Create(_server, credentials: new SessionAWSCredentials(valid.AccessKeyId, valid.SecretAccessKey, valid.SessionToken)))
        {
            Assert.Null(await store.GetSecretAsync("a", cancellationToken: Ct));
        }

        var expired = _server.AddSessionKey(DateTimeOffset.UtcNow.AddHours(-1));
        using var expiredStore = TestStores.Create(_server, credentials: new SessionAWSCredentials(expired.AccessKeyId, expired.SecretAccessKey, expired.SessionToken));
        var error = await Assert.ThrowsAsync<AwsSecretsManagerException>(async () => await expiredStore.GetSecretAsync("a", cancellationToken: Ct));
        Assert.Equal("ExpiredTokenException", error.AwsErrorType);
        Assert.Equal(SecretStoreErrorCode.Unauthenticated, error.ErrorCode);
        Assert.DoesNotContain(expired.SessionToken!, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClockSkewBeyondFiveMinutesIsRejected()
    {
        var serverClock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(20));
        await using var skewed = await SecretsManagerTestServer.StartAsync(serverClock);
        using var store = TestStores.Create(skewed);
        var error = await Assert.ThrowsAsync<AwsSecretsManagerException>(async () => await store.GetSecretAsync("a", cancellationToken: Ct));
        Assert.Equal("InvalidSignatureException", error.AwsErrorType);
        Assert.Equal(SecretStoreErrorCode.Unauthenticated, error.ErrorCode);
    }

    [Fact]
    public async Task MalformedJsonIsUnavailable()
    {
        _server.RespondNext(200, "{not json");
        var error = await Assert.ThrowsAsync<AwsSecretsManagerException>(async () => await _store.GetSecretAsync("a", cancellationToken: Ct));
        Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
    }

    [Fact]
    public async Task AConnectionResetIsUnavailableAndTransient()
    {
        _server.ResetNext();
        var error = await Assert.ThrowsAsync<AwsSecretsManagerException>(async () => await _store.GetSecretAsync("a", cancellationToken: Ct));
        Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task ARequestPastItsTimeoutOnTheStoreClockIsATransientTimeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var store = TestStores.Create(_server, configure: o => o.RequestTimeout = TimeSpan.FromSeconds(5), timeProvider: clock);
        _server.HangNext();
        long before = _server.RequestCount;
        var read = store.GetSecretAsync("slow", cancellationToken: Ct).AsTask();
        while (_server.RequestCount == before)
        {
            await Task.Yield();
        }

        clock.Advance(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<AwsSecretsManagerException>(() => read);
        Assert.Equal(SecretStoreErrorCode.Timeout, error.ErrorCode);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task CallerCancellationStaysCancellation()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        _server.HangNext();
        long before = _server.RequestCount;
        var read = _store.GetSecretAsync("slow", cancellationToken: cts.Token).AsTask();
        while (_server.RequestCount == before)
        {
            await Task.Yield();
        }

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }

    [Fact]
    public async Task DeleteWithARecoveryWindowCanBeRestored()
    {
        using var store = TestStores.Create(_server, configure: o => o.RecoveryWindowInDays = 7);
        await store.SetSecretAsync("keep", SecretValue.FromString("v"), cancellationToken: Ct);
        Assert.True(await store.DeleteSecretAsync("keep", Ct));
        var error = await Assert.ThrowsAsync<AwsSecretsManagerException>(async () => await store.GetSecretAsync("keep", cancellationToken: Ct));
        Assert.Equal("InvalidRequestException", error.AwsErrorType);
        Assert.True(await store.RestoreSecretAsync("keep", Ct));
        Assert.Equal("v", (await store.GetSecretAsync("keep", cancellationToken: Ct))!.Value.RevealString());
        Assert.False(await store.RestoreSecretAsync("never", Ct));
        Assert.False(await store.DeleteSecretAsync("never", Ct));
    }

    [Fact]
    public async Task JsonSecretStringsExposeTheirFields()
    {
        await _store.SetSecretAsync("json", SecretValue.FromString("""{"username":"u","password":"p"}"""), cancellationToken: Ct);
        var secret = await _store.GetSecretAsync("json", cancellationToken: Ct);
        Assert.True(secret!.Value.TryGetFields(out var fields));
        Assert.Equal("u", fields["username"].RevealString());
    }

    [Fact]
    public async Task NoCredentialSessionTokenOrValueReachesLogsExceptionsOrUris()
    {
        var session = _server.AddSessionKey(DateTimeOffset.UtcNow.AddHours(-1));
        using var store = TestStores.Create(_server, _loggerFactory.CreateLogger<AwsSecretsManagerSecretStore>(), credentials: new SessionAWSCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken));
        await _store.SetSecretAsync("canary", SecretValue.FromString(Canary), cancellationToken: Ct);
        _server.ThrottleNext(1);
        var errors = new List<Exception>
        {
            await Assert.ThrowsAsync<AwsSecretsManagerException>(async () => await _store.SetSecretAsync("canary", SecretValue.FromString(Canary), cancellationToken: Ct)),
            await Assert.ThrowsAsync<AwsSecretsManagerException>(async () => await store.GetSecretAsync("canary", cancellationToken: Ct)),
        };
        _server.ResetNext();
        errors.Add(await Assert.ThrowsAsync<AwsSecretsManagerException>(async () => await _store.SetSecretAsync("canary", SecretValue.FromString(Canary), cancellationToken: Ct)));

        string[] secrets = [Canary, session.SecretAccessKey, session.SessionToken!, _server.AcceptedKey.SecretAccessKey];
        Assert.NotEmpty(_logs.Records);
        foreach (string secret in secrets)
        {
            Assert.Empty(_logs.FindContaining(secret));
            Assert.All(errors, e => Assert.DoesNotContain(secret, e.ToString(), StringComparison.Ordinal));
            Assert.All(_server.Targets, t => Assert.DoesNotContain(secret, t, StringComparison.Ordinal));
        }

        Assert.All(_server.Targets, t => Assert.Equal("/", t));
    }

    [Fact]
    public async Task InvalidNamesFailBeforeAnyRequest()
    {
        long before = _server.RequestCount;
        foreach (string name in (string[])["app/db-abcdef", "has space", "semi;colon", new string('a', 513)])
        {
            var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.GetSecretAsync(name, cancellationToken: Ct));
            Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
        }

        Assert.Equal(before, _server.RequestCount);
    }
}
