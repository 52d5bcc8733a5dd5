using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace SecretsAbstractions.Tests.Stores;

/// <summary>The file store reads and writes nothing outside its root, whatever the links inside it say.</summary>
public sealed class FileSecretStoreSecurityTests : IDisposable
{
    private const string Canary = "canary-5b1e0d-outside";

    private readonly TempDirectory _temp = new();
    private readonly FakeLogger<FileSecretStore> _logger = new();

    public FileSecretStoreSecurityTests()
    {
        Directory.CreateDirectory(_temp.Combine("root"));
        _temp.WriteText("outside/secret", Canary);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("absolute")]
    [InlineData("relative")]
    public async Task A_file_link_leading_outside_the_root_is_refused_and_logged_without_content(string kind)
    {
        _temp.Link("root/escape", kind == "absolute" ? _temp.Combine("outside/secret") : "../outside/secret");
        var store = CreateStore();

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync("escape", cancellationToken: Ct).AsTask());

        Assert.Equal(SecretStoreErrorCode.AccessDenied, error.ErrorCode);
        Assert.Equal("escape", error.SecretName);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
        var warning = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("'escape'", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_link_leading_outside_the_root_is_refused()
    {
        _temp.Link("root/mounted", _temp.Combine("outside"));
        var store = CreateStore();

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync("mounted/secret", cancellationToken: Ct).AsTask());

        Assert.Equal(SecretStoreErrorCode.AccessDenied, error.ErrorCode);
    }

    [Fact]
    public async Task A_link_whose_target_climbs_out_through_another_link_is_refused()
    {
        // root/a -> x/y, and x/y/up -> ../../.. : read lexically, a/up would be root/..; really it is the parent of root.
        Directory.CreateDirectory(_temp.Combine("root/x/y"));
        _temp.Link("root/a", "x/y");
        _temp.Link("root/x/y/up", "../../..");
        var store = CreateStore();

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync("a/up/outside/secret", cancellationToken: Ct).AsTask());

        Assert.Equal(SecretStoreErrorCode.AccessDenied, error.ErrorCode);
    }

    [Fact]
    public async Task Listing_leaves_out_links_that_lead_outside_and_says_so_in_the_log()
    {
        _temp.WriteText("root/inside", "1");
        _temp.Link("root/escape", _temp.Combine("outside/secret"));
        _temp.Link("root/mounted", _temp.Combine("outside"));
        var store = CreateStore();

        var names = await store.ListSecretsAsync(cancellationToken: Ct).Select(p => p.Name).ToListAsync(Ct);

        Assert.Equal(["inside"], names);
        var warnings = _logger.Collector.GetSnapshot();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.DoesNotContain(Canary, w.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Links_that_stay_inside_the_root_work()
    {
        _temp.WriteText("root/real/value", "inside");
        _temp.Link("root/alias", "real/value");
        _temp.Link("root/folder", "real");
        var store = CreateStore();

        Assert.Equal("inside", (await store.GetRequiredSecretAsync("alias", cancellationToken: Ct)).Value.RevealString());
        Assert.Equal("inside", (await store.GetRequiredSecretAsync("folder/value", cancellationToken: Ct)).Value.RevealString());
        var names = await store.ListSecretsAsync(cancellationToken: Ct).Select(p => p.Name).Order(StringComparer.Ordinal).ToListAsync(Ct);
        Assert.Equal(["alias", "folder/value", "real/value"], names);
    }

    [Fact]
    public async Task A_root_that_is_itself_a_link_is_checked_against_its_real_path()
    {
        _temp.WriteText("root/value", "through the root link");
        _temp.Link("root-link", "root");
        var store = CreateStore(_temp.Combine("root-link"));

        Assert.Equal("through the root link", (await store.GetRequiredSecretAsync("value", cancellationToken: Ct)).Value.RevealString());
        Assert.Equal(["value"], await store.ListSecretsAsync(cancellationToken: Ct).Select(p => p.Name).ToListAsync(Ct));
    }

    [Fact]
    public async Task Links_that_loop_do_not_hang_a_listing()
    {
        _temp.WriteText("root/a/value", "1");
        _temp.Link("root/a/back", "..");
        _temp.Link("root/self", "self");
        var store = CreateStore();

        var names = await store.ListSecretsAsync(cancellationToken: Ct).Select(p => p.Name).ToListAsync(Ct);

        Assert.Equal(["a/value"], names);
    }

    [Fact]
    public async Task Writes_never_go_through_a_link_that_leads_outside()
    {
        _temp.Link("root/escape", _temp.Combine("outside/secret"));
        _temp.Link("root/mounted", _temp.Combine("outside"));
        var store = CreateStore(allowWrites: true);

        var overFile = await Assert.ThrowsAsync<SecretStoreException>(() => store.SetSecretAsync("escape", "overwritten", cancellationToken: Ct).AsTask());
        var intoFolder = await Assert.ThrowsAsync<SecretStoreException>(() => store.SetSecretAsync("mounted/new", "planted", cancellationToken: Ct).AsTask());
        var delete = await Assert.ThrowsAsync<SecretStoreException>(() => store.DeleteSecretAsync("mounted/secret", Ct).AsTask());

        Assert.Equal(SecretStoreErrorCode.AccessDenied, overFile.ErrorCode);
        Assert.Equal(SecretStoreErrorCode.AccessDenied, intoFolder.ErrorCode);
        Assert.Equal(SecretStoreErrorCode.AccessDenied, delete.ErrorCode);
        Assert.Equal(Canary, _temp.ReadText("outside/secret"));
        Assert.False(System.IO.File.Exists(_temp.Combine("outside/new")));
        Assert.Empty(_temp.TemporaryFiles());
    }

    private FileSecretStore CreateStore(string? root = null, bool allowWrites = false) =>
        _temp.CreateStore(allowWrites: allowWrites, logger: _logger, path: root ?? _temp.Combine("root"));
}
