namespace SecretsAbstractions.Tests;

public class InMemorySecretStoreTests
{
    [Fact]
    public async Task Set_then_get_returns_the_new_version_and_keeps_the_old_one()
    {
        var store = new InMemorySecretStore();
        var first = await store.SetSecretAsync("app/db", "one", cancellationToken: TestContext.Current.CancellationToken);
        var second = await store.SetSecretAsync("app/db", "two", cancellationToken: TestContext.Current.CancellationToken);

        var latest = await store.GetRequiredSecretAsync("app/db", cancellationToken: TestContext.Current.CancellationToken);
        var old = await store.GetRequiredSecretAsync("app/db", SecretVersion.FromId(first.Version!), TestContext.Current.CancellationToken);

        Assert.Equal("two", latest.Value.RevealString());
        Assert.Equal(second.Version, latest.Version);
        Assert.Equal("one", old.Value.RevealString());
    }

    [Fact]
    public async Task Version_numbers_are_not_reused_after_a_delete()
    {
        var store = new InMemorySecretStore();
        var ct = TestContext.Current.CancellationToken;
        var first = await store.SetSecretAsync("a", "one", cancellationToken: ct);
        Assert.True(await store.DeleteSecretAsync("a", ct));
        var again = await store.SetSecretAsync("a", "two", cancellationToken: ct);

        Assert.NotEqual(first.Version, again.Version);
        Assert.Null(await store.GetSecretAsync("a", SecretVersion.FromId(first.Version!), ct));
    }

    [Fact]
    public async Task Change_probe_reports_the_latest_version_without_reading_a_value()
    {
        var store = new InMemorySecretStore();
        var ct = TestContext.Current.CancellationToken;
        var probe = store.GetService<ISecretChangeProbe>();
        Assert.NotNull(probe);
        Assert.Null(await probe.GetLatestPropertiesAsync("a", ct));

        await store.SetSecretAsync("a", "one", cancellationToken: ct);
        var second = await store.SetSecretAsync("a", "two", cancellationToken: ct);

        var latest = await probe.GetLatestPropertiesAsync("a", ct);
        Assert.Equal(second.Version, latest?.Version);
    }
}
