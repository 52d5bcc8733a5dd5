using SecretsAbstractions.HashiCorpVault.Tests.Server;

namespace SecretsAbstractions.HashiCorpVault.Tests.Security;

/// <summary>No name can move a request outside <c>/v1/&lt;mount&gt;/</c>: traversal names are refused before any
/// request, and names with query, fragment or escape characters are escaped so that they stay one segment.</summary>
public sealed class PathSafetyTests : IAsyncLifetime
{
    private VaultTestServer _server = null!;
    private HashiCorpVaultSecretStore _store = null!;

    public static TheoryData<string> RefusedNames =>
    [
        "..", "../x", "a/../b", "a/..", ".", "./a", "a/./b", "", "/a", "a/", "a//b",
        "%2e%2e", "a/%2e%2e/b", "%2E%2E/x", "%2e", "%252e%252e", "a/%2f/b", "%2F", "a/%5c/b", "a\\b", "..\\x",
        "a\nb", "a\u0000b",
    ];

    public static TheoryData<string> EscapedNames =>
    [
        "a?b", "a#b", "q?x=1&list=true", "a%b", "sp ace", "a+b", "ü/é", "a;b", "a:b", "a@b", "..a", "a..", ".hidden", "~t",
    ];

    public async ValueTask InitializeAsync()
    {
        _server = await VaultStoreFactory.StartServerAsync();
        string token = _server.CreateToken(["root"], TimeSpan.Zero);
        _store = VaultStoreFactory.Create(_server, o => { o.Mount = "secret"; o.KvVersion = VaultKvVersion.V2; o.Auth.Token = token; });
    }

    public async ValueTask DisposeAsync()
    {
        _store.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(RefusedNames))]
    public async Task TraversalNamesAreRefusedBeforeAnyRequest(string name)
    {
        long before = _server.RequestCount;

        await AssertInvalidAsync(async () => await _store.GetSecretAsync(name, cancellationToken: TestContext.Current.CancellationToken));
        await AssertInvalidAsync(async () => await _store.SetSecretAsync(name, SecretValue.FromString("v"), cancellationToken: TestContext.Current.CancellationToken));
        await AssertInvalidAsync(async () => await _store.DeleteSecretAsync(name, TestContext.Current.CancellationToken));
        await AssertInvalidAsync(async () => await _store.SetSecretIfVersionAsync(name, SecretValue.FromString("v"), 0, TestContext.Current.CancellationToken));

        Assert.Equal(before, _server.RequestCount);
        Assert.Equal(before, _store.RequestCount);
    }

    [Theory]
    [InlineData("a/%2e%2e/")]
    [InlineData("%2e%2e/")]
    [InlineData("a\\b/")]
    [InlineData("../")]
    public async Task TraversalPrefixesAreRefusedBeforeAnyRequest(string prefix)
    {
        long before = _server.RequestCount;

        await AssertInvalidAsync(async () =>
        {
            await foreach (var _ in _store.ListSecretsAsync(prefix, TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Equal(before, _server.RequestCount);
    }

    [Theory]
    [MemberData(nameof(EscapedNames))]
    public async Task OtherNamesStayOneSegmentInsideTheMountAndRoundTrip(string name)
    {
        string full = "escaped/" + name;
        int before = _server.Requests.Count;

        await _store.SetSecretAsync(full, SecretValue.FromString("value of " + name), cancellationToken: TestContext.Current.CancellationToken);
        var read = await _store.GetSecretAsync(full, cancellationToken: TestContext.Current.CancellationToken);
        var listed = new List<string>();
        await foreach (var properties in _store.ListSecretsAsync("escaped/", TestContext.Current.CancellationToken))
        {
            listed.Add(properties.Name);
        }

        Assert.NotNull(read);
        Assert.Equal("value of " + name, read.Value.RevealString());
        Assert.Contains(full, listed);
        Assert.True(await _store.DeleteSecretAsync(full, TestContext.Current.CancellationToken));
        foreach (var request in _server.Requests.Skip(before).Where(r => !r.RawTarget.StartsWith("/v1/auth/token/", StringComparison.Ordinal)))
        {
            string path = request.RawTarget.Split('?', 2)[0];
            Assert.StartsWith("/v1/secret/", path, StringComparison.Ordinal);
            Assert.DoesNotContain("#", request.RawTarget, StringComparison.Ordinal);
            var segments = path.Split('/').Select(Uri.UnescapeDataString).ToList();
            Assert.DoesNotContain("..", segments);
            Assert.DoesNotContain(".", segments);
            string query = request.RawTarget.Contains('?', StringComparison.Ordinal) ? request.RawTarget.Split('?', 2)[1] : string.Empty;
            Assert.True(query.Length == 0 || query.StartsWith("version=", StringComparison.Ordinal), "No query comes from a name.");
        }
    }

    [Fact]
    public async Task EveryRecordedRequestOfTheConformanceRunStaysUnderItsRoot()
    {
        await _store.SetSecretAsync("x/y", SecretValue.FromString("v"), cancellationToken: TestContext.Current.CancellationToken);
        await _store.GetSecretAsync("x/y", SecretVersion.FromId("1"), TestContext.Current.CancellationToken);

        Assert.All(_server.Requests, request => Assert.Matches("^/v1/(secret/|auth/token/)", request.RawTarget));
    }

    private static async Task AssertInvalidAsync(Func<Task> operation)
    {
        var error = await Assert.ThrowsAsync<SecretStoreException>(operation);
        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
    }
}
