using System.Globalization;
using Xunit;

namespace SecretsAbstractions.Testing;

/// <summary>Conformance of <see cref="ISecretStore.GetSecretsAsync"/>: one result per request, in order,
/// with found, not found and per-request errors.</summary>
/// <typeparam name="TFixture">The store's fixture.</typeparam>
/// <param name="fixture">The store's fixture.</param>
public abstract class SecretStoreBulkReadConformanceTests<TFixture>(TFixture fixture) : SecretStoreConformanceTests<TFixture>(fixture)
    where TFixture : SecretStoreFixture
{
    /// <summary>Found, missing, invalid and repeated requests each get their own result, in request order.</summary>
    [Fact]
    public virtual async Task GetManyReturnsOneResultPerRequestInOrder()
    {
        string scope = Fixture.CreateScope();
        string first = scope + "first";
        string second = scope + "second";
        await SeedAsync((first, "first value"), (second, "second value")).ConfigureAwait(false);
        SecretRequest[] requests = [first, scope + "missing", "a//b", second, first];

        var results = await Store.GetSecretsAsync(requests, CancellationToken).ConfigureAwait(false);

        Assert.Equal(requests.Length, results.Count);
        Assert.Equal(requests, results.Select(r => r.Request));
        AssertFound(results[0], "first value");
        Assert.False(results[1].IsFound, "A missing secret is not found.");
        Assert.Null(results[1].Error);
        Assert.False(results[2].IsFound, "An invalid name is not found.");
        Assert.Equal(SecretStoreErrorCode.InvalidName, results[2].Error?.ErrorCode);
        AssertFound(results[3], "second value");
        AssertFound(results[4], "first value");
    }

    /// <summary>More requests than any backend's batch size still come back complete and in order.</summary>
    [Fact]
    public virtual async Task GetManyKeepsOrderAcrossBatches()
    {
        string scope = Fixture.CreateScope();
        var names = Enumerable.Range(0, 45).Select(i => scope + "item" + i.ToString("D2", CultureInfo.InvariantCulture)).ToList();
        await Fixture.SeedAsync(names.ToDictionary(n => n, n => SecretValue.FromString("value of " + n), StringComparer.Ordinal), CancellationToken).ConfigureAwait(false);
        // Reversed, so that an implementation returning results in name order is caught.
        SecretRequest[] requests = [.. Enumerable.Reverse(names).Select(SecretRequest.FromString)];

        var results = await Store.GetSecretsAsync(requests, CancellationToken).ConfigureAwait(false);

        Assert.Equal(requests, results.Select(r => r.Request));
        Assert.All(results, result => AssertFound(result, "value of " + result.Request.Name));
    }

    /// <summary>An empty request list gives an empty result list.</summary>
    [Fact]
    public virtual async Task GetManyOfNothingReturnsNothing()
    {
        var results = await Store.GetSecretsAsync([], CancellationToken).ConfigureAwait(false);

        Assert.Empty(results);
    }

    /// <summary>With Versions, a request for a version id reads that version and a missing version is not
    /// found; without Versions, a version request fails with NotSupported in its own result.</summary>
    [Fact]
    public virtual async Task GetManyHonoursVersions()
    {
        string scope = Fixture.CreateScope();
        string name = scope + "versioned";
        await SeedAsync((name, "the value")).ConfigureAwait(false);
        var missingVersion = new SecretRequest(name, SecretVersion.FromId(Fixture.MissingVersionId));

        if (!Supports(SecretStoreCapabilities.Versions))
        {
            var unsupported = await Store.GetSecretsAsync([name, missingVersion], CancellationToken).ConfigureAwait(false);
            AssertFound(unsupported[0], "the value");
            Assert.Equal(SecretStoreErrorCode.NotSupported, unsupported[1].Error?.ErrorCode);
            return;
        }

        var latest = await GetExistingAsync(name).ConfigureAwait(false);
        var byId = new SecretRequest(name, SecretVersion.FromId(latest.Version!));

        var results = await Store.GetSecretsAsync([byId, missingVersion], CancellationToken).ConfigureAwait(false);

        AssertFound(results[0], "the value");
        Assert.Equal(latest.Version, results[0].Secret!.Version);
        Assert.False(results[1].IsFound, "A missing version is not found.");
        Assert.Null(results[1].Error);
    }

    private static void AssertFound(SecretResult result, string expected)
    {
        Assert.True(result.IsFound, $"Expected {result.Request.Name} to be found; the result is: {result}.");
        Assert.Equal(result.Request.Name, result.Secret!.Name);
        AssertText(expected, result.Secret.Value, $"bulk result for {result.Request.Name}");
    }
}
