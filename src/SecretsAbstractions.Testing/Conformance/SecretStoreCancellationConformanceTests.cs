using Xunit;

namespace SecretsAbstractions.Testing;

/// <summary>Conformance of cancellation: an already-cancelled token stops every operation, and a cancelled
/// write changes nothing.</summary>
/// <typeparam name="TFixture">The store's fixture.</typeparam>
/// <param name="fixture">The store's fixture.</param>
public abstract class SecretStoreCancellationConformanceTests<TFixture>(TFixture fixture) : SecretStoreConformanceTests<TFixture>(fixture)
    where TFixture : SecretStoreFixture
{
    private static CancellationToken Cancelled => new(canceled: true);

    /// <summary>A get with a cancelled token throws <see cref="OperationCanceledException"/>.</summary>
    [Fact]
    public virtual async Task GetHonoursCancelledToken()
    {
        string name = await SeedOneAsync().ConfigureAwait(false);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.GetSecretAsync(name, cancellationToken: Cancelled).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>A bulk get with a cancelled token throws rather than reporting per-request results.</summary>
    [Fact]
    public virtual async Task GetManyHonoursCancelledToken()
    {
        string name = await SeedOneAsync().ConfigureAwait(false);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.GetSecretsAsync([name, name], Cancelled).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>A listing with a cancelled token throws <see cref="OperationCanceledException"/>.</summary>
    [Fact]
    public virtual async Task ListHonoursCancelledToken()
    {
        string name = await SeedOneAsync().ConfigureAwait(false);
        string prefix = name[..(name.LastIndexOf('/') + 1)];

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var properties in Store.ListSecretsAsync(prefix, Cancelled).ConfigureAwait(false))
            {
                Assert.Fail($"A cancelled listing returned '{properties.Name}'.");
            }
        }).ConfigureAwait(false);
    }

    /// <summary>A set with a cancelled token throws and leaves the previous value in place.</summary>
    [Fact]
    public virtual async Task SetHonoursCancelledTokenAndKeepsPreviousValue()
    {
        var writer = RequireWriter();
        string name = await SeedOneAsync().ConfigureAwait(false);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await writer.SetSecretAsync(name, SecretValue.FromString("replacement"), cancellationToken: Cancelled).ConfigureAwait(false)).ConfigureAwait(false);

        AssertText("original", (await GetExistingAsync(name).ConfigureAwait(false)).Value, "value after a cancelled set");
    }

    /// <summary>A delete with a cancelled token throws and leaves the secret in place.</summary>
    [Fact]
    public virtual async Task DeleteHonoursCancelledTokenAndKeepsSecret()
    {
        var writer = RequireWriter();
        string name = await SeedOneAsync().ConfigureAwait(false);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await writer.DeleteSecretAsync(name, Cancelled).ConfigureAwait(false)).ConfigureAwait(false);

        AssertText("original", (await GetExistingAsync(name).ConfigureAwait(false)).Value, "value after a cancelled delete");
    }

    private async Task<string> SeedOneAsync()
    {
        string name = Fixture.CreateScope() + "secret";
        await SeedAsync((name, "original")).ConfigureAwait(false);
        return name;
    }
}
