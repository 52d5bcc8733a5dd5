using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Tests.Composition;

public class CompositeSecretStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_store_that_has_a_secret_answers()
    {
        var overrides = new InMemorySecretStore();
        var defaults = new InMemorySecretStore();
        await overrides.SetSecretAsync("db/password", "override", cancellationToken: Ct);
        await defaults.SetSecretAsync("db/password", "default", cancellationToken: Ct);
        await defaults.SetSecretAsync("api/key", "from-defaults", cancellationToken: Ct);
        var store = new CompositeSecretStore(overrides, defaults);

        Assert.Equal("override", (await store.GetRequiredSecretAsync("db/password", cancellationToken: Ct)).Value.RevealString());
        Assert.Equal("from-defaults", (await store.GetRequiredSecretAsync("api/key", cancellationToken: Ct)).Value.RevealString());
        Assert.Null(await store.GetSecretAsync("missing", cancellationToken: Ct));
    }

    [Fact]
    public async Task Listing_merges_layers_and_reports_each_name_once_from_the_winning_layer()
    {
        var overrides = new InMemorySecretStore();
        var defaults = new InMemorySecretStore();
        await overrides.SetSecretAsync("app/a", "1", new SecretWriteOptions { ContentType = "override" }, Ct);
        await defaults.SetSecretAsync("app/a", "2", new SecretWriteOptions { ContentType = "default" }, Ct);
        await defaults.SetSecretAsync("app/b", "3", cancellationToken: Ct);
        await defaults.SetSecretAsync("other/c", "4", cancellationToken: Ct);

        var listed = await new CompositeSecretStore(overrides, defaults).ListSecretsAsync("app/", Ct).ToListAsync(Ct);

        Assert.Equal(["app/a", "app/b"], listed.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("override", listed.Single(p => p.Name == "app/a").ContentType);
    }

    [Fact]
    public async Task A_failing_layer_is_not_hidden_by_a_later_one()
    {
        var failing = new ChaosSecretStore(new InMemorySecretStore(), new ChaosSecretStoreOptions { FailureRate = 1, FailureCode = SecretStoreErrorCode.AccessDenied });
        var fallback = new InMemorySecretStore();
        await fallback.SetSecretAsync("a", "value", cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await new CompositeSecretStore(failing, fallback).GetSecretAsync("a", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.AccessDenied, error.ErrorCode);
    }

    [Fact]
    public async Task A_version_request_skips_layers_without_versions_and_fails_only_when_no_layer_has_versions()
    {
        var unversioned = new CompositeSecretStore(new InMemorySecretStore());
        var versioned = new InMemorySecretStore();
        var first = await versioned.SetSecretAsync("a", "one", cancellationToken: Ct);
        await versioned.SetSecretAsync("a", "two", cancellationToken: Ct);

        var store = new CompositeSecretStore(unversioned, versioned);
        var old = await store.GetRequiredSecretAsync("a", SecretVersion.FromId(first.Version!), Ct);
        Assert.Equal("one", old.Value.RevealString());

        var stageOnly = new CompositeSecretStore(new InMemorySecretStore());
        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await stageOnly.GetSecretAsync("a", SecretVersion.FromStage("AWSPREVIOUS"), Ct));
        Assert.Equal(SecretStoreErrorCode.NotSupported, error.ErrorCode);
    }

    [Fact]
    public async Task Is_read_only_and_rejects_invalid_names_before_asking_any_layer()
    {
        var recording = new RecordingSecretStore(new InMemorySecretStore());
        var store = new CompositeSecretStore(recording);

        Assert.Null(store.GetWriter());
        Assert.DoesNotContain(SecretStoreCapabilities.Write.ToString(), store.GetMetadata().Capabilities.ToString(), StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("../x", cancellationToken: Ct));
        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
        Assert.Equal(0L, recording.GetCallCount(SecretStoreOperations.GetSecret));
    }
}
