using SecretsAbstractions.AwsSecretsManager.Tests.Conformance;
using SecretsAbstractions.AwsSecretsManager.Tests.Server;

namespace SecretsAbstractions.AwsSecretsManager.Tests;

/// <summary>ARNs, full and partial, where a logical name goes: validated before any request, sent verbatim.</summary>
public sealed class ArnTests : IAsyncLifetime
{
    private SecretsManagerTestServer _server = null!;
    private AwsSecretsManagerSecretStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await SecretsManagerTestServer.StartAsync();
        _store = TestStores.Create(_server);
    }

    public async ValueTask DisposeAsync()
    {
        _store.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AFullArnReadsTheSecretAndTheResultKeepsTheArnAsItsName()
    {
        var written = await _store.SetSecretAsync("app/db", SecretValue.FromString("""{"user":"u","password":"p"}"""), cancellationToken: Ct);
        string arn = ArnOf("app/db");

        var secret = await _store.GetSecretAsync(arn, cancellationToken: Ct);

        Assert.NotNull(secret);
        Assert.Equal(arn, secret.Name);
        Assert.Equal(written.Version, secret.Version);
        Assert.True(secret.Value.TryGetFields(out var fields));
        Assert.Equal("p", fields["password"].RevealString());
        Assert.Equal(arn, SentSecretIds()[^1]);
    }

    [Fact]
    public async Task APartialArnReadsTheSecret()
    {
        await _store.SetSecretAsync("app/api", SecretValue.FromString("v"), cancellationToken: Ct);
        string partial = ArnOf("app/api")[..^7];
        Assert.EndsWith(":secret:app/api", partial, StringComparison.Ordinal);

        Assert.Equal("v", (await _store.GetSecretAsync(partial, cancellationToken: Ct))!.Value.RevealString());
    }

    [Fact]
    public async Task AnArnWithAVersionIdOrAStageReadsThatVersion()
    {
        var first = await _store.SetSecretAsync("rotated", SecretValue.FromString("one"), cancellationToken: Ct);
        var second = await _store.SetSecretAsync("rotated", SecretValue.FromString("two"), cancellationToken: Ct);
        string arn = ArnOf("rotated");

        var byId = await _store.GetSecretAsync(arn, SecretVersion.FromId(first.Version!), Ct);
        var byStage = await _store.GetSecretAsync(arn[..^7], SecretVersion.FromStage("AWSPREVIOUS"), Ct);
        var current = await _store.GetSecretAsync(arn, SecretVersion.FromStage("AWSCURRENT"), Ct);

        Assert.Equal("one", byId!.Value.RevealString());
        Assert.Equal("one", byStage!.Value.RevealString());
        Assert.Equal(["AWSPREVIOUS"], byStage.Properties.Stages);
        Assert.Equal(second.Version, current!.Version);
        Assert.Null(await _store.GetSecretAsync(arn, SecretVersion.FromStage("AWSPENDING"), Ct));
    }

    [Fact]
    public async Task ABulkReadMixesNamesFullAndPartialArnsInBatchCalls()
    {
        for (int i = 0; i < 30; i++)
        {
            await _store.SetSecretAsync($"bulk/s{i:D2}", SecretValue.FromString($"v{i}"), cancellationToken: Ct);
        }

        var old = await _store.SetSecretAsync("bulk/s00", SecretValue.FromString("v0-new"), cancellationToken: Ct);
        string missingArn = $"arn:aws:secretsmanager:{SecretsManagerTestServer.Region}:{SecretsManagerTestServer.AccountId}:secret:bulk/none-AbCdEf";
        var requests = new List<SecretRequest>();
        for (int i = 1; i < 30; i++)
        {
            string name = $"bulk/s{i:D2}";
            requests.Add((i % 3) switch { 0 => name, 1 => ArnOf(name), _ => ArnOf(name)[..^7] });
        }

        requests.Add("bulk/s01");
        requests.Add(missingArn);
        requests.Add(new SecretRequest(ArnOf("bulk/s00"), SecretVersion.FromStage("AWSPREVIOUS")));
        long before = _server.RequestCount;

        var results = await _store.GetSecretsAsync(requests, Ct);

        for (int i = 1; i < 30; i++)
        {
            Assert.Equal(requests[i - 1].Name, results[i - 1].Secret!.Name);
            Assert.Equal($"v{i}", results[i - 1].Secret!.Value.RevealString());
        }

        Assert.Equal("v1", results[29].Secret!.Value.RevealString());
        Assert.False(results[30].IsFound);
        Assert.Null(results[30].Error);
        Assert.Equal("v0", results[31].Secret!.Value.RevealString());
        Assert.NotEqual(old.Version, results[31].Secret!.Version);
        var operations = _server.Operations.Skip((int)before).ToList();
        Assert.Equal(2, operations.Count(op => op == "BatchGetSecretValue"));
        Assert.Equal(1, operations.Count(op => op == "GetSecretValue"));
    }

    [Fact]
    public async Task ABatchFailureOfAnArnFailsOnlyThatRequest()
    {
        await _store.SetSecretAsync("kms/a", SecretValue.FromString("a"), cancellationToken: Ct);
        await _store.SetSecretAsync("kms/b", SecretValue.FromString("b"), cancellationToken: Ct);
        string arn = ArnOf("kms/a");
        _server.State.BatchFailures[arn] = "DecryptionFailure";

        var results = await _store.GetSecretsAsync([arn, "kms/b"], Ct);

        Assert.Equal(SecretStoreErrorCode.AccessDenied, results[0].Error!.ErrorCode);
        Assert.Equal("b", results[1].Secret!.Value.RevealString());
    }

    [Theory]
    [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret", "instead of 6")]
    [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:a:b", "instead of 6")]
    [InlineData("arn:amazon:secretsmanager:us-east-1:123456789012:secret:app/db", "partition")]
    [InlineData("arn:aws:ssm:us-east-1:123456789012:secret:app/db", "service 'ssm'")]
    [InlineData("arn:aws:secretsmanager:US-EAST-1:123456789012:secret:app/db", "region")]
    [InlineData("arn:aws:secretsmanager::123456789012:secret:app/db", "region")]
    [InlineData("arn:aws:secretsmanager:us-east-1:12345:secret:app/db", "12-digit")]
    [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:parameter:app/db", "resource type")]
    [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:", "no secret name")]
    [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:app db", "U+0020")]
    [InlineData("arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db", "region 'eu-west-1'")]
    public async Task AMalformedArnIsRefusedBeforeAnyRequestWithAClearReason(string arn, string reason)
    {
        long before = _server.RequestCount;
        var errors = new List<SecretStoreException>
        {
            await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.GetSecretAsync(arn, cancellationToken: Ct)),
            await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.SetSecretAsync(arn, SecretValue.FromString("v"), cancellationToken: Ct)),
            await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.DeleteSecretAsync(arn, Ct)),
            await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.GetLatestPropertiesAsync(arn, Ct)),
        };
        var batch = await _store.GetSecretsAsync([arn], Ct);
        errors.Add(batch[0].Error!);

        Assert.All(errors, error =>
        {
            Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
            Assert.Equal(_store.GetService<SecretStoreMetadata>()!.StoreName, error.StoreName);
        });
        Assert.Equal(before, _server.RequestCount);
    }

    [Fact]
    public async Task SetThroughAnArnAddsAVersionAndDeleteAndRestoreTakeArns()
    {
        using var store = TestStores.Create(_server, configure: o => o.RecoveryWindowInDays = 7);
        var first = await store.SetSecretAsync("write/me", SecretValue.FromString("one"), cancellationToken: Ct);
        string arn = ArnOf("write/me");

        var second = await store.SetSecretAsync(arn, SecretValue.FromString("two"), cancellationToken: Ct);

        Assert.NotEqual(first.Version, second.Version);
        Assert.Equal(arn, second.Name);
        Assert.Equal("two", (await store.GetSecretAsync("write/me", cancellationToken: Ct))!.Value.RevealString());
        Assert.True(await store.DeleteSecretAsync(arn[..^7], Ct));
        Assert.True(await store.RestoreSecretAsync(arn, Ct));
        Assert.Equal("two", (await store.GetSecretAsync(arn, cancellationToken: Ct))!.Value.RevealString());
    }

    [Fact]
    public async Task SetThroughTheArnOfAMissingSecretIsNotFoundAndCreatesNothing()
    {
        string arn = $"arn:aws:secretsmanager:{SecretsManagerTestServer.Region}:{SecretsManagerTestServer.AccountId}:secret:never/made-AbCdEf";
        long before = _server.RequestCount;

        var error = await Assert.ThrowsAsync<AwsSecretsManagerException>(async () => await _store.SetSecretAsync(arn, SecretValue.FromString("canary-arn-set"), cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.NotFound, error.ErrorCode);
        Assert.Contains("cannot be created from an ARN", error.Message, StringComparison.Ordinal);
        Assert.Equal("ResourceNotFoundException", error.AwsErrorType);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.DoesNotContain("canary-arn-set", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(["PutSecretValue"], _server.Operations.Skip((int)before));
        Assert.False(await _store.DeleteSecretAsync(arn, Ct));
    }

    [Fact]
    public async Task ListingsRefuseAnArnPrefixAndNeverReturnArns()
    {
        await _store.SetSecretAsync("listed/a", SecretValue.FromString("v"), cancellationToken: Ct);
        var error = await Assert.ThrowsAsync<SecretStoreException>(async () =>
        {
            await foreach (var _ in _store.ListSecretsAsync("arn:aws:secretsmanager:", Ct))
            {
            }
        });
        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
        Assert.Contains("cannot be an ARN", error.Message, StringComparison.Ordinal);

        await foreach (var properties in _store.ListSecretsAsync(cancellationToken: Ct))
        {
            Assert.False(AwsSecretsManagerSecretNameMapper.IsArn(properties.Name));
        }
    }

    [Fact]
    public void ASecretReferenceCarriesAnArnAsItsName()
    {
        var reference = SecretReference.Parse("secret://aws/arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdEf#password");

        Assert.Equal("aws", reference.StoreName);
        Assert.Equal("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdEf", reference.SecretName);
        Assert.Equal("password", reference.Field);
        Assert.True(SecretName.IsValid(reference.SecretName));
        Assert.Equal(reference.SecretName, AwsSecretsManagerSecretNameMapper.Instance.ToNativeName(reference.SecretName));
    }

    [Theory]
    [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdEf")]
    [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db")]
    [InlineData("arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:db")]
    [InlineData("arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:a_b+c=d.e@f-g")]
    [InlineData("arn:aws-iso-b:secretsmanager:us-isob-east-1:123456789012:secret:x")]
    public void WellFormedArnsMapToThemselves(string arn)
    {
        Assert.True(AwsSecretsManagerSecretNameMapper.IsArn(arn));
        Assert.Equal(arn, AwsSecretsManagerSecretNameMapper.Instance.ToNativeName(arn));
    }

    [Fact]
    public void AnArnIsNeverTakenForASecretNameInAListing() =>
        Assert.Null(AwsSecretsManagerSecretNameMapper.Instance.ToLogicalName("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db"));

    private string ArnOf(string name) => _server.State.Handle("DescribeSecret", new() { ["SecretId"] = name })["ARN"]!.GetValue<string>();

    private List<string> SentSecretIds() => [.. _server.SecretIds];
}
