namespace SecretsAbstractions.Testing.Tests.Recording;

public sealed class RecordingSecretStoreTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Counts_each_operation_including_writes_through_the_writer()
    {
        var store = new RecordingSecretStore(new InMemorySecretStore());

        await store.SetSecretAsync("app/a", "one", cancellationToken: CancellationToken);
        await store.GetWriter()!.SetSecretAsync("app/b", SecretValue.FromString("two"), cancellationToken: CancellationToken);
        await store.GetSecretAsync("app/a", cancellationToken: CancellationToken);
        await store.GetSecretAsync("app/missing", cancellationToken: CancellationToken);
        await store.GetSecretsAsync(["app/a", "app/b"], CancellationToken);
        await foreach (var _ in store.ListSecretsAsync("app/", CancellationToken))
        {
        }

        await store.DeleteSecretAsync("app/a", CancellationToken);

        Assert.Equal(2, store.GetCallCount(SecretStoreOperations.SetSecret));
        Assert.Equal(2, store.GetCallCount(SecretStoreOperations.GetSecret));
        Assert.Equal(1, store.GetCallCount(SecretStoreOperations.GetSecrets));
        Assert.Equal(1, store.GetCallCount(SecretStoreOperations.ListSecrets));
        Assert.Equal(1, store.GetCallCount(SecretStoreOperations.DeleteSecret));
        Assert.Equal(7, store.TotalCallCount);
        Assert.Equal(5, store.CallCounts.Count);
    }

    [Fact]
    public async Task Records_the_names_versions_and_prefixes_asked_for_in_order()
    {
        var store = new RecordingSecretStore(new InMemorySecretStore());

        await store.SetSecretAsync("app/a", "one", cancellationToken: CancellationToken);
        await store.GetSecretAsync("app/a", SecretVersion.FromId("1"), CancellationToken);
        await store.GetSecretsAsync(["app/b", new SecretRequest("app/c", SecretVersion.FromId("2"))], CancellationToken);
        _ = store.ListSecretsAsync("app/", CancellationToken);

        Assert.Equal(["app/a", "app/a", "app/b", "app/c"], store.RequestedNames);
        var calls = store.Calls;
        Assert.Equal(
            [SecretStoreOperations.SetSecret, SecretStoreOperations.GetSecret, SecretStoreOperations.GetSecrets, SecretStoreOperations.ListSecrets],
            calls.Select(c => c.Operation));
        Assert.Equal(SecretVersion.FromId("1"), Assert.Single(calls[1].Secrets).Version);
        Assert.Equal(SecretVersion.FromId("2"), calls[2].Secrets[1].Version);
        Assert.Equal("app/", calls[3].Prefix);
        Assert.Empty(calls[3].Secrets);
    }

    [Fact]
    public async Task Never_records_values()
    {
        string canary = RedactionAssert.NewCanary();
        var store = new RecordingSecretStore(new InMemorySecretStore());

        await store.SetSecretAsync("app/a", canary, cancellationToken: CancellationToken);
        await store.GetSecretAsync("app/a", cancellationToken: CancellationToken);

        Assert.All(store.Calls, call =>
        {
            RedactionAssert.DoesNotContain(canary, call.ToString(), "a recorded call");
            RedactionAssert.DoesNotContain(canary, call.Prefix, "a recorded prefix");
            Assert.All(call.Secrets, request => RedactionAssert.DoesNotContain(canary, request.ToString(), "a recorded request"));
        });
    }

    [Fact]
    public async Task Records_calls_that_fail()
    {
        var store = new RecordingSecretStore(new InMemorySecretStore());

        await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("a//b", cancellationToken: CancellationToken));

        Assert.Equal(1, store.GetCallCount(SecretStoreOperations.GetSecret));
        Assert.Equal(["a//b"], store.RequestedNames);
    }

    [Fact]
    public async Task Counts_exactly_under_parallel_reads_and_writes()
    {
        var store = new RecordingSecretStore(new InMemorySecretStore());
        var writer = store.GetWriter()!;

        await Parallel.ForAsync(0, 64, CancellationToken, async (i, ct) =>
        {
            if (i % 2 == 0)
            {
                await writer.SetSecretAsync($"app/s{i}", SecretValue.FromString("v"), cancellationToken: ct);
            }
            else
            {
                await store.GetSecretAsync($"app/s{i}", cancellationToken: ct);
            }
        });

        Assert.Equal(32, store.GetCallCount(SecretStoreOperations.SetSecret));
        Assert.Equal(32, store.GetCallCount(SecretStoreOperations.GetSecret));
        Assert.Equal(64, store.RequestedNames.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Reset_forgets_every_call()
    {
        var store = new RecordingSecretStore(new InMemorySecretStore());
        await store.GetSecretAsync("app/a", cancellationToken: CancellationToken);

        store.Reset();

        Assert.Equal(0, store.TotalCallCount);
        Assert.Empty(store.CallCounts);
        Assert.Empty(store.Calls);
        Assert.Equal(0, store.GetCallCount(SecretStoreOperations.GetSecret));
    }

    [Fact]
    public void Passes_other_services_through_and_answers_for_itself()
    {
        var inner = new InMemorySecretStore();
        var store = new RecordingSecretStore(inner);

        Assert.Same(store, store.GetService(typeof(RecordingSecretStore)));
        Assert.Same(inner, store.GetService(typeof(InMemorySecretStore)));
        Assert.Equal("InMemory", store.GetMetadata().ProviderName);
        Assert.IsNotType<InMemorySecretStore>(store.GetWriter());
    }

    [Fact]
    public async Task Change_probes_are_recorded_with_the_name_asked_for()
    {
        var store = new RecordingSecretStore(new InMemorySecretStore());
        await store.SetSecretAsync("app/a", "one", cancellationToken: CancellationToken);

        var latest = await store.GetService<ISecretChangeProbe>()!.GetLatestPropertiesAsync("app/a", CancellationToken);

        Assert.Equal("1", latest?.Version);
        Assert.Equal(1, store.CallCounts[SecretStoreOperations.GetLatestProperties]);
        Assert.Equal("app/a", Assert.Single(store.Calls, c => c.Operation == SecretStoreOperations.GetLatestProperties).Secrets.Single().Name);
        Assert.Equal(["app/a"], store.RequestedNames); // the set only: a probe reads no value
    }
}
