using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SecretsAbstractions.HashiCorpVault.Tests.Server;

namespace SecretsAbstractions.HashiCorpVault.Tests.Kv;

/// <summary>KV v2 versions whose <c>deletion_time</c> lies in the future (<c>delete_version_after</c>): Vault serves
/// them until that time, so reads and the change probe see them as present until it passes, on a clock the store and
/// the server share.</summary>
public sealed class ScheduledDeletionTests : IAsyncLifetime
{
    private static readonly TimeSpan DeleteAfter = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
    private VaultTestServer _server = null!;
    private HashiCorpVaultSecretStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await VaultStoreFactory.StartServerAsync(_clock);
        _store = VaultStoreFactory.Create(_server, o => { o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; }, _clock);
    }

    public async ValueTask DisposeAsync()
    {
        _store.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AVersionWithAFutureDeletionTimeReadsAndProbesAsPresentUntilThatTimePasses()
    {
        await SetDeleteVersionAfterAsync("app/db", "1h");
        var written = await _store.SetSecretAsync("app/db", "one", cancellationToken: Ct);
        var probe = _store.GetService<ISecretChangeProbe>()!;
        var kv = _store.GetService<HashiCorpVaultKvV2>()!;

        var metadata = (await kv.GetMetadataAsync("app/db", Ct))!;
        Assert.Equal(_clock.GetUtcNow() + DeleteAfter, Assert.Single(metadata.Versions).DeletedOn);
        Assert.Equal("one", (await _store.GetSecretAsync("app/db", cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal("one", (await _store.GetSecretAsync("app/db", SecretVersion.FromId(written.Version!), Ct))!.Value.RevealString());
        Assert.Equal(written.Version, (await probe.GetLatestPropertiesAsync("app/db", Ct))!.Version);

        _clock.Advance(DeleteAfter - TimeSpan.FromSeconds(1));
        Assert.Equal("one", (await _store.GetSecretAsync("app/db", cancellationToken: Ct))!.Value.RevealString());
        Assert.NotNull(await probe.GetLatestPropertiesAsync("app/db", Ct));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await _store.GetSecretAsync("app/db", cancellationToken: Ct));
        Assert.Null(await _store.GetSecretAsync("app/db", SecretVersion.FromId(written.Version!), Ct));
        Assert.Null(await probe.GetLatestPropertiesAsync("app/db", Ct));
    }

    [Fact]
    public async Task EachNewVersionGetsItsOwnDeletionTimeSoTheLatestOutlivesTheOneBefore()
    {
        await SetDeleteVersionAfterAsync("rotating", "1h");
        await _store.SetSecretAsync("rotating", "one", cancellationToken: Ct);
        _clock.Advance(TimeSpan.FromMinutes(30));
        await _store.SetSecretAsync("rotating", "two", cancellationToken: Ct);

        _clock.Advance(TimeSpan.FromMinutes(45));

        Assert.Null(await _store.GetSecretAsync("rotating", SecretVersion.FromId("1"), Ct));
        Assert.Equal("two", (await _store.GetSecretAsync("rotating", cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal("2", (await _store.GetService<ISecretChangeProbe>()!.GetLatestPropertiesAsync("rotating", Ct))!.Version);
    }

    [Fact]
    public async Task TheMountsDeleteVersionAfterSchedulesDeletionsToo()
    {
        using (var client = NewClient())
        using (var response = await client.PostAsJsonAsync(new Uri(_server.Address, "/v1/secret/config"), new { delete_version_after = "30m" }, Ct))
        {
            Assert.Equal(204, (int)response.StatusCode);
        }

        await SetDeleteVersionAfterAsync("mounted", "1h");
        await _store.SetSecretAsync("mounted", "one", cancellationToken: Ct);

        _clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal("one", (await _store.GetSecretAsync("mounted", cancellationToken: Ct))!.Value.RevealString());
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await _store.GetSecretAsync("mounted", cancellationToken: Ct));
        Assert.Null(await _store.GetService<ISecretChangeProbe>()!.GetLatestPropertiesAsync("mounted", Ct));
    }

    [Fact]
    public async Task ADeleteOfAVersionScheduledForLaterDeletesItNow()
    {
        await SetDeleteVersionAfterAsync("early", "1h");
        await _store.SetSecretAsync("early", "one", cancellationToken: Ct);

        await _store.GetService<HashiCorpVaultKvV2>()!.DeleteLatestVersionAsync("early", Ct);

        Assert.Null(await _store.GetSecretAsync("early", cancellationToken: Ct));
        Assert.Null(await _store.GetService<ISecretChangeProbe>()!.GetLatestPropertiesAsync("early", Ct));
    }

    [Fact]
    public async Task TheServerRefusesADeleteVersionAfterThatIsNotADuration()
    {
        using var response = await PostMetadataAsync("bad", "soon");
        Assert.Equal(400, (int)response.StatusCode);
    }

    private async Task SetDeleteVersionAfterAsync(string name, string duration)
    {
        using var response = await PostMetadataAsync(name, duration);
        Assert.Equal(204, (int)response.StatusCode);

        using var client = NewClient();
        using var read = await client.GetAsync(new Uri(_server.Address, "/v1/secret/metadata/" + name), Ct);
        using var body = JsonDocument.Parse(await read.Content.ReadAsStringAsync(Ct));
        Assert.Equal(
            VaultJsonNodes.ParseDuration(JsonDocument.Parse($"\"{duration}\"").RootElement),
            VaultJsonNodes.ParseDuration(body.RootElement.GetProperty("data").GetProperty("delete_version_after")));
    }

    /// <summary>What <c>vault kv metadata put -delete-version-after=...</c> sends; the store has no call for it.</summary>
    private async Task<HttpResponseMessage> PostMetadataAsync(string name, string duration)
    {
        using var client = NewClient();
        return await client.PostAsJsonAsync(new Uri(_server.Address, "/v1/secret/metadata/" + name), new { delete_version_after = duration }, Ct);
    }

    private static HttpClient NewClient()
    {
        var client = new HttpClient();
        client.DefaultRequestHeaders.Add("X-Vault-Token", VaultTestServer.RootToken);
        client.DefaultRequestHeaders.Add("X-Vault-Request", "true");
        return client;
    }
}
