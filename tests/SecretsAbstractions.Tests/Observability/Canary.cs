using Microsoft.Extensions.Time.Testing;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Tests.Observability;

/// <summary>A backend holding a secret whose name and value are canaries: neither may appear in any log line, tag or exception.</summary>
internal sealed class Canary
{
    public const string SecretName = "canary-name-4d1e/db";
    public const string Value = "canary-value-9b27c3";

    private Canary(string storeName, InMemorySecretStore memory, ChaosSecretStore chaos, FakeTimeProvider time)
    {
        StoreName = storeName;
        Memory = memory;
        Chaos = chaos;
        Time = time;
    }

    /// <summary>Unique per test, so that listeners of the process-wide meter and activity source see only this test.</summary>
    public string StoreName { get; }

    public InMemorySecretStore Memory { get; }

    public ChaosSecretStore Chaos { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<Canary> CreateAsync(ChaosSecretStoreOptions? options = null)
    {
        var time = new FakeTimeProvider();
        string storeName = "store-" + Guid.NewGuid().ToString("N")[..8];
        var memory = new InMemorySecretStore(new InMemorySecretStoreOptions { StoreName = storeName }, time);
        await memory.SetSecretAsync(SecretName, Value, cancellationToken: TestContext.Current.CancellationToken);
        return new Canary(storeName, memory, new ChaosSecretStore(memory, options ?? new ChaosSecretStoreOptions(), time), time);
    }

    public static void AssertAbsent(string? text, string where)
    {
        if (text is null)
        {
            return;
        }

        Assert.False(text.Contains(Value, StringComparison.Ordinal), $"The canary value appeared in {where}: {text}");
        Assert.False(text.Contains(SecretName, StringComparison.Ordinal), $"The canary secret name appeared in {where}: {text}");
    }

    public static void AssertAbsent(Exception? error, string where)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            Assert.False(current.Message.Contains(Value, StringComparison.Ordinal), $"The canary value appeared in {where}: {current.Message}");
        }
    }

    /// <summary>Runs every operation, successful, missing, failing and cancelled, and returns the failures it caught.</summary>
    public async Task<List<Exception>> ExerciseAsync(ISecretStore store)
    {
        var ct = TestContext.Current.CancellationToken;
        var failures = new List<Exception>();
        Chaos.Options.FailureSchedule.Clear();
        Assert.NotNull(await store.GetSecretAsync(SecretName, cancellationToken: ct));
        Assert.Null(await store.GetSecretAsync(SecretName + "-missing", cancellationToken: ct));
        await store.GetSecretsAsync([SecretName, SecretName + "-missing"], ct);
        await foreach (var _ in store.ListSecretsAsync("canary-name-4d1e/", ct))
        {
        }
        Assert.NotNull(await store.GetService<ISecretChangeProbe>()!.GetLatestPropertiesAsync(SecretName, ct));

        await store.SetSecretAsync(SecretName, Value, cancellationToken: ct);
        await store.DeleteSecretAsync(SecretName + "-missing", ct);
        await store.SetSecretAsync(SecretName, SecretValue.FromString(Value), cancellationToken: ct);

        foreach (var code in new[] { SecretStoreErrorCode.Unavailable, SecretStoreErrorCode.AccessDenied })
        {
            Chaos.Options.FailureSchedule.Clear();
            long next = Chaos.DisturbedCallCount;
            for (long i = 0; i < next; i++)
            {
                Chaos.Options.FailureSchedule.Add(null);
            }

            Chaos.Options.FailureSchedule.Add(code);
            failures.Add(await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(SecretName, cancellationToken: ct)));
        }

        failures.Add(await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("bad//name", cancellationToken: ct)));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        failures.Add(await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.GetSecretAsync(SecretName, cancellationToken: cancelled.Token)));
        return failures;
    }
}
