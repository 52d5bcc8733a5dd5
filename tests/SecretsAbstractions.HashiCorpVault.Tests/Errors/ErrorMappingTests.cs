using SecretsAbstractions.HashiCorpVault.Tests.Server;

namespace SecretsAbstractions.HashiCorpVault.Tests.Errors;

/// <summary>Vault's answers map to the portable error codes in one table, with Vault's error text and never a value.</summary>
public sealed class ErrorMappingTests : IAsyncLifetime
{
    private VaultTestServer _server = null!;
    private HashiCorpVaultSecretStore _store = null!;
    private string _token = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await VaultStoreFactory.StartServerAsync();
        _server.AddPolicy("app").Allow("secret/data/app/*", "create", "read", "update").Allow("secret/metadata/app/*", "list", "read", "delete");
        _token = _server.CreateToken(["app"], TimeSpan.Zero);
        _store = VaultStoreFactory.Create(_server, o => { o.Mount = "secret"; o.KvVersion = VaultKvVersion.V2; o.Auth.Token = _token; });
        await _store.SetSecretAsync("app/existing", "v1", cancellationToken: Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _store.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task CheckAndSetMismatchIsConflict()
    {
        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.SetSecretIfVersionAsync("app/existing", SecretValue.FromString("v2"), expectedVersion: 7, Ct));

        Assert.Equal(SecretStoreErrorCode.Conflict, error.ErrorCode);
        Assert.Contains("check-and-set parameter did not match the current version", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Equal("v1", (await _store.GetSecretAsync("app/existing", cancellationToken: Ct))!.Value.RevealString());
    }

    [Fact]
    public async Task CheckAndSetWithTheCurrentVersionWritesTheNextOne()
    {
        var created = await _store.SetSecretIfVersionAsync("app/cas", SecretValue.FromString("first"), 0, Ct);
        var next = await _store.SetSecretIfVersionAsync("app/cas", SecretValue.FromString("second"), 1, Ct);
        var again = await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.SetSecretIfVersionAsync("app/cas", SecretValue.FromString("x"), 0, Ct));

        Assert.Equal("1", created.Version);
        Assert.Equal("2", next.Version);
        Assert.Equal(SecretStoreErrorCode.Conflict, again.ErrorCode);
    }

    [Fact]
    public async Task CheckAndSetRequiredWithoutCasIsConflict()
    {
        var server = await VaultTestServer.StartAsync();
        await using var _ = server;
        server.MountKvV2("strict").CasRequired = true;
        using var store = VaultStoreFactory.Create(server, o => { o.Mount = "strict"; o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; });

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.SetSecretAsync("a", "v", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.Conflict, error.ErrorCode);
        Assert.Contains("check-and-set parameter required", error.Message, StringComparison.Ordinal);
        Assert.Equal("1", (await store.SetSecretIfVersionAsync("a", SecretValue.FromString("v"), 0, Ct)).Version);
    }

    [Fact]
    public async Task PolicyDenialIsAccessDeniedWithVaultsText()
    {
        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.GetSecretAsync("other/secret", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.AccessDenied, error.ErrorCode);
        Assert.Contains("permission denied", error.Message, StringComparison.Ordinal);
        Assert.Equal("other/secret", error.SecretName);
        Assert.DoesNotContain(_token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingSecretIsNullAndMissingMountIsInvalidRequest()
    {
        Assert.Null(await _store.GetSecretAsync("app/missing", cancellationToken: Ct));

        using var wrongMount = VaultStoreFactory.Create(_server, o => { o.Mount = "nomount"; o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; });
        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await wrongMount.GetSecretAsync("a", cancellationToken: Ct));
        Assert.Equal(SecretStoreErrorCode.InvalidRequest, error.ErrorCode);
        Assert.Contains("no handler for route", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SealedIsTransientUnavailable()
    {
        _server.Sealed = true;

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.GetSecretAsync("app/existing", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
        Assert.True(error.IsTransient);
        Assert.Contains("Vault is sealed", error.Message, StringComparison.Ordinal);
        _server.Sealed = false;
        Assert.NotNull(await _store.GetSecretAsync("app/existing", cancellationToken: Ct));
    }

    [Fact]
    public async Task StandbyIsTransientUnavailable()
    {
        _server.Standby = true;

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.GetSecretAsync("app/existing", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
        Assert.True(error.IsTransient);
        _server.Standby = false;
    }

    [Theory]
    [InlineData(500, SecretStoreErrorCode.Unavailable)]
    [InlineData(502, SecretStoreErrorCode.Unavailable)]
    [InlineData(503, SecretStoreErrorCode.Unavailable)]
    [InlineData(429, SecretStoreErrorCode.Unavailable)]
    [InlineData(473, SecretStoreErrorCode.Unavailable)]
    [InlineData(400, SecretStoreErrorCode.InvalidRequest)]
    [InlineData(405, SecretStoreErrorCode.NotSupported)]
    [InlineData(418, SecretStoreErrorCode.Unknown)]
    public async Task StatusCodesMapThroughTheTable(int status, SecretStoreErrorCode expected)
    {
        _server.FailNext(status, "upstream says no");

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.GetSecretAsync("app/existing", cancellationToken: Ct));

        Assert.Equal(expected, error.ErrorCode);
        Assert.Contains("upstream says no", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsistencyErrorIsRetriedBriefly()
    {
        _server.FailNext(412, "required index state not present");
        _server.FailNext(412, "required index state not present");

        var secret = await _store.GetSecretAsync("app/existing", cancellationToken: Ct);

        Assert.Equal("v1", secret!.Value.RevealString());
    }

    [Fact]
    public async Task PersistentConsistencyErrorBecomesAClearTransientError()
    {
        for (int i = 0; i < 4; i++)
        {
            _server.FailNext(412, "required index state not present");
        }

        long before = _server.RequestCount;
        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.GetSecretAsync("app/existing", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
        Assert.Contains("consistent", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, _server.RequestCount - before);
    }

    [Fact]
    public async Task MalformedJsonIsUnavailableWithoutTheBody()
    {
        _server.MalformedNext();

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.GetSecretAsync("app/existing", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("oops", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionResetMidResponseIsUnavailable()
    {
        _server.ResetNext();

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.GetSecretAsync("app/existing", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
        Assert.True(error.IsTransient);
        Assert.NotNull(error.InnerException);
        Assert.NotNull(await _store.GetSecretAsync("app/existing", cancellationToken: Ct));
    }

    [Fact]
    public async Task UnreachableServerIsUnavailable()
    {
        var server = await VaultTestServer.StartAsync();
        var address = server.Address;
        await server.DisposeAsync();
        using var store = new HashiCorpVaultSecretStore(new HashiCorpVaultSecretStoreOptions
        {
            Address = address.ToString(),
            KvVersion = VaultKvVersion.V2,
            Auth = { Token = "hvs.unreachable" },
            UseEnvironmentDefaults = false,
        });

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("a", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
    }

    [Fact]
    public async Task DeletedAndDestroyedVersionsReadAsNotFound()
    {
        using var root = VaultStoreFactory.Create(_server, o => { o.Mount = "secret"; o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; });
        await root.SetSecretAsync("v/x", "one", cancellationToken: Ct);
        await root.SetSecretAsync("v/x", "two", cancellationToken: Ct);
        using var http = new HttpClient();
        await SendAsync(http, HttpMethod.Delete, "secret/data/v/x", null);
        await SendAsync(http, HttpMethod.Put, "secret/destroy/v/x", """{"versions":[1]}""");

        Assert.Null(await root.GetSecretAsync("v/x", cancellationToken: Ct));
        Assert.Null(await root.GetSecretAsync("v/x", SecretVersion.FromId("1"), Ct));
        Assert.Null(await root.GetSecretAsync("v/x", SecretVersion.FromId("2"), Ct));

        await SendAsync(http, HttpMethod.Post, "secret/undelete/v/x", """{"versions":[2]}""");
        Assert.Equal("two", (await root.GetSecretAsync("v/x", cancellationToken: Ct))!.Value.RevealString());
    }

    [Fact]
    public async Task MalformedVersionIdIsInvalidRequestAndStagesAreNotSupported()
    {
        var bad = await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.GetSecretAsync("app/existing", SecretVersion.FromId("abc"), Ct));
        var stage = await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.GetSecretAsync("app/existing", SecretVersion.FromStage("AWSCURRENT"), Ct));

        Assert.Equal(SecretStoreErrorCode.InvalidRequest, bad.ErrorCode);
        Assert.Equal(SecretStoreErrorCode.NotSupported, stage.ErrorCode);
    }

    private async Task SendAsync(HttpClient http, HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, new Uri(_server.Address, "/v1/" + path));
        request.Headers.Add("X-Vault-Token", VaultTestServer.RootToken);
        request.Headers.Add("X-Vault-Request", "true");
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode}");
    }
}
