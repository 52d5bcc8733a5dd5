using Microsoft.Extensions.Time.Testing;
using SecretsAbstractions.AwsSecretsManager.Tests.Conformance;
using SecretsAbstractions.AwsSecretsManager.Tests.Server;

namespace SecretsAbstractions.AwsSecretsManager.Tests;

/// <summary>The store as an <see cref="ISecretChangeProbe"/> (DescribeSecret), alone and under the cache.</summary>
public sealed class ChangeProbeTests : IAsyncLifetime
{
    private const string Canary = "canary-probe-5d1e";
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
    public async Task TheStoreOffersTheProbeAndItAnswersWithOneDescribeSecretAndNoValue()
    {
        var probe = _store.GetService<ISecretChangeProbe>();
        Assert.NotNull(probe);
        Assert.Same(_store, probe);
        await _store.SetSecretAsync("probe", SecretValue.FromString(Canary), new SecretWriteOptions { Tags = new Dictionary<string, string> { ["team"] = "a" } }, Ct);
        var second = await _store.SetSecretAsync("probe", SecretValue.FromString(Canary + "2"), cancellationToken: Ct);
        var read = (await _store.GetSecretAsync("probe", cancellationToken: Ct))!.Properties;
        long before = _server.RequestCount;

        var probed = await probe.GetLatestPropertiesAsync("probe", Ct);

        Assert.NotNull(probed);
        Assert.Equal(second.Version, probed.Version);
        Assert.Equal(read.Version, probed.Version);
        Assert.Equal(["AWSCURRENT"], probed.Stages);
        Assert.Equal("a", probed.Tags["team"]);
        Assert.NotNull(probed.CreatedOn);

        // What a cache compares must compare equal for an unchanged secret: GetSecretValue reports no LastChangedDate.
        Assert.Equal(read.UpdatedOn, probed.UpdatedOn);
        Assert.Equal(read.Enabled, probed.Enabled);
        Assert.Equal(read.ExpiresOn, probed.ExpiresOn);
        Assert.Equal(["DescribeSecret"], _server.Operations.Skip((int)before));
        Assert.NotNull((await _store.DescribeSecretAsync("probe", Ct))!.UpdatedOn);
    }

    [Fact]
    public async Task AMissingSecretOrOneWithoutACurrentVersionProbesAsNullLikeARead()
    {
        Assert.Null(await _store.GetLatestPropertiesAsync("absent", Ct));
        _server.State.Handle("CreateSecret", new() { ["Name"] = "empty" });

        Assert.Null(await _store.GetSecretAsync("empty", cancellationToken: Ct));
        Assert.Null(await _store.GetLatestPropertiesAsync("empty", Ct));
    }

    [Fact]
    public async Task ASecretScheduledForDeletionFailsAsAReadDoes()
    {
        using var store = TestStores.Create(_server, configure: o => o.RecoveryWindowInDays = 7);
        await store.SetSecretAsync("leaving", SecretValue.FromString(Canary), cancellationToken: Ct);
        await store.DeleteSecretAsync("leaving", Ct);

        var read = await Assert.ThrowsAsync<AwsSecretsManagerException>(async () => await store.GetSecretAsync("leaving", cancellationToken: Ct));
        var probed = await Assert.ThrowsAsync<AwsSecretsManagerException>(async () => await store.GetLatestPropertiesAsync("leaving", Ct));

        Assert.Equal(read.ErrorCode, probed.ErrorCode);
        Assert.Equal(read.AwsErrorType, probed.AwsErrorType);
        Assert.Equal(read.IsTransient, probed.IsTransient);
        Assert.Equal("leaving", probed.SecretName);
        Assert.DoesNotContain(Canary, probed.ToString(), StringComparison.Ordinal);

        await store.RestoreSecretAsync("leaving", Ct);
        Assert.NotNull(await store.GetLatestPropertiesAsync("leaving", Ct));
    }

    [Fact]
    public async Task TheProbeTakesFullAndPartialArns()
    {
        var written = await _store.SetSecretAsync("by/arn", SecretValue.FromString("v"), cancellationToken: Ct);
        string arn = _server.State.Handle("DescribeSecret", new() { ["SecretId"] = "by/arn" })["ARN"]!.GetValue<string>();

        var full = await _store.GetLatestPropertiesAsync(arn, Ct);
        var partial = await _store.GetLatestPropertiesAsync(arn[..^7], Ct);

        Assert.Equal(written.Version, full!.Version);
        Assert.Equal(arn, full.Name);
        Assert.Equal(written.Version, partial!.Version);
    }

    [Fact]
    public async Task UnderTheCacheAnUnchangedSecretCostsOneProbeAndAChangedOneIsReadAgain()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ttl = TimeSpan.FromMinutes(1);
        var store = TestStores.Create(_server);
        using var cached = (IDisposable)store.AsBuilder()
            .UseCaching(o => (o.TimeToLive, o.TimeToLiveJitter, o.RefreshAheadThreshold, o.TimeProvider) = (ttl, TimeSpan.Zero, null, clock))
            .Build();
        var reader = (ISecretStore)cached;
        await _store.SetSecretAsync("cached", SecretValue.FromString("one"), cancellationToken: Ct);
        Assert.Equal("one", (await reader.GetSecretAsync("cached", cancellationToken: Ct))!.Value.RevealString());

        clock.Advance(ttl);
        long before = _server.RequestCount;
        Assert.Equal("one", (await reader.GetSecretAsync("cached", cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal(["DescribeSecret"], _server.Operations.Skip((int)before));

        await _store.SetSecretAsync("cached", SecretValue.FromString("two"), cancellationToken: Ct);
        clock.Advance(ttl);
        before = _server.RequestCount;
        Assert.Equal("two", (await reader.GetSecretAsync("cached", cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal(["DescribeSecret", "GetSecretValue"], _server.Operations.Skip((int)before));
    }
}
