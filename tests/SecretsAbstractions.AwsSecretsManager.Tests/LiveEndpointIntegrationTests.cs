namespace SecretsAbstractions.AwsSecretsManager.Tests;

/// <summary>Runs against a real endpoint (LocalStack or AWS) when <c>AWS_ENDPOINT_URL_SECRETS_MANAGER</c>, a region
/// (<c>AWS_REGION</c> or <c>AWS_DEFAULT_REGION</c>) and credentials (<c>AWS_ACCESS_KEY_ID</c> and
/// <c>AWS_SECRET_ACCESS_KEY</c>, with <c>AWS_SESSION_TOKEN</c> when temporary) are set; skipped otherwise. Everything
/// it creates is under a unique prefix and force-deleted at the end.</summary>
public sealed class LiveEndpointIntegrationTests : IAsyncLifetime
{
    private readonly string _prefix = "sa-it-" + Guid.NewGuid().ToString("N")[..12] + "/";
    private readonly List<string> _created = [];
    private AwsSecretsManagerSecretStore? _store;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        bool configured = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_SECRETS_MANAGER"))
            && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"))
            && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"))
            && (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_REGION")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION")));
        if (configured)
        {
            _store = new AwsSecretsManagerSecretStore(new AwsSecretsManagerSecretStoreOptions { ForceDeleteWithoutRecovery = true });
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is null)
        {
            return;
        }

        foreach (string name in _created)
        {
            await _store.DeleteSecretAsync(name, CancellationToken.None);
        }

        _store.Dispose();
    }

    [Fact]
    public async Task SetGetStagesBatchListAndDeleteAgainstARealEndpoint()
    {
        var store = RequireStore();
        string name = _prefix + "db/password";
        string other = _prefix + "api/key";
        _created.AddRange([name, other]);

        await store.SetSecretAsync(name, SecretValue.FromString("first"), cancellationToken: Ct);
        await store.SetSecretAsync(name, SecretValue.FromString("second"), cancellationToken: Ct);
        await store.SetSecretAsync(other, SecretValue.FromBytes([1, 2, 3]), cancellationToken: Ct);

        Assert.Equal("second", (await store.GetSecretAsync(name, cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal("first", (await store.GetSecretAsync(name, SecretVersion.FromStage("AWSPREVIOUS"), Ct))!.Value.RevealString());
        var results = await store.GetSecretsAsync([name, other, _prefix + "missing"], Ct);
        Assert.True(results[0].IsFound && results[1].IsFound && !results[2].IsFound);
        var listed = new List<string>();
        await foreach (var properties in store.ListSecretsAsync(_prefix, Ct))
        {
            listed.Add(properties.Name);
        }

        Assert.Equal([other, name], listed.Order(StringComparer.Ordinal));
    }

    private AwsSecretsManagerSecretStore RequireStore()
    {
        Assert.SkipWhen(_store is null, "Set AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_REGION and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY to run against LocalStack or AWS.");
        return _store!;
    }
}
