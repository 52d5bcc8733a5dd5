namespace SecretsAbstractions.Tests.Stores;

public sealed class FileSecretStoreDirectoryTests : IDisposable
{
    private readonly TempDirectory _root = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Reads_one_file_per_secret_with_folders_as_segments()
    {
        _root.WriteText("db/password", "p@ss");
        _root.WriteText("app/api/key", "k3y");
        _root.WriteText("token", "t0k");
        var store = _root.CreateStore();

        Assert.Equal("p@ss", await ReadTextAsync(store, "db/password"));
        Assert.Equal("k3y", await ReadTextAsync(store, "app/api/key"));
        Assert.Equal("t0k", await ReadTextAsync(store, "token"));
    }

    [Fact]
    public async Task A_missing_file_a_folder_or_a_missing_root_is_no_secret()
    {
        _root.WriteText("db/password", "p@ss");
        var store = _root.CreateStore();
        var storeWithoutRoot = _root.CreateStore(path: _root.Combine("not-there"));

        Assert.Null(await store.GetSecretAsync("db/user", cancellationToken: Ct));
        Assert.Null(await store.GetSecretAsync("db", cancellationToken: Ct));
        Assert.Null(await store.GetSecretAsync("db/password/more", cancellationToken: Ct));
        Assert.Null(await storeWithoutRoot.GetSecretAsync("db/password", cancellationToken: Ct));
        Assert.Empty(await storeWithoutRoot.ListSecretsAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_root_that_is_a_file_is_reported()
    {
        string file = _root.WriteText("file", "x");
        var store = _root.CreateStore(path: file);

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync("a", cancellationToken: Ct).AsTask());
        Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
    }

    [Fact]
    public async Task Lists_recursively_and_filters_by_prefix_without_reading_values()
    {
        _root.WriteText("db/password", "1");
        _root.WriteText("db/user", "2");
        _root.WriteText("app/api/key", "3");
        _root.WriteText("apple", "4");
        Directory.CreateDirectory(_root.Combine("empty/folder"));
        var store = _root.CreateStore();

        Assert.Equal(["app/api/key", "apple", "db/password", "db/user"], await ListNamesAsync(store));
        Assert.Equal(["app/api/key"], await ListNamesAsync(store, "app/"));
        Assert.Equal(["app/api/key", "apple"], await ListNamesAsync(store, "app"));
        Assert.Equal(["db/password"], await ListNamesAsync(store, "db/p"));
        Assert.Empty(await ListNamesAsync(store, "zzz"));
    }

    [Fact]
    public async Task Listing_reports_the_last_write_time_and_the_read_agrees()
    {
        string file = _root.WriteText("db/password", "1");
        var written = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        System.IO.File.SetLastWriteTimeUtc(file, written);
        var store = _root.CreateStore();

        var listed = Assert.Single(await store.ListSecretsAsync(cancellationToken: Ct).ToListAsync(Ct));
        var secret = await store.GetRequiredSecretAsync("db/password", cancellationToken: Ct);

        Assert.Equal(new DateTimeOffset(written), listed.UpdatedOn);
        Assert.Equal(new DateTimeOffset(written), secret.Properties.UpdatedOn);
        Assert.Null(secret.Version);
    }

    [Fact]
    public async Task An_invalid_listing_prefix_is_refused()
    {
        var store = _root.CreateStore();
        var error = await Assert.ThrowsAsync<SecretStoreException>(() => ListNamesAsync(store, "../"));
        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
    }

    [Fact]
    public async Task Listing_skips_dot_dot_entries_and_file_names_that_no_logical_name_reaches()
    {
        _root.WriteText("good", "1");
        _root.WriteText("..hidden-internal", "2");
        _root.WriteText("..tmp-0123", "3");
        _root.WriteText(".env", "4");
        if (!OperatingSystem.IsWindows())
        {
            _root.WriteText("bad\u0001name", "5");
        }

        var store = _root.CreateStore();

        Assert.Equal([".env", "good"], await ListNamesAsync(store));
    }

    [Fact]
    public async Task Valid_UTF8_is_text_and_anything_else_is_binary()
    {
        byte[] binary = [0xFF, 0x00, 0x80, 0xC3];
        _root.WriteBytes("binary", binary);
        _root.WriteText("text", "héllo wörld ✓");
        _root.WriteBytes("bom", [0xEF, 0xBB, 0xBF, .. "abc"u8]);
        _root.WriteBytes("empty", []);
        var store = _root.CreateStore();

        var binarySecret = await store.GetRequiredSecretAsync("binary", cancellationToken: Ct);
        var textSecret = await store.GetRequiredSecretAsync("text", cancellationToken: Ct);

        Assert.True(binarySecret.Value.IsBinary);
        Assert.Equal(binary, binarySecret.Value.RevealBytes().ToArray());
        Assert.False(textSecret.Value.IsBinary);
        Assert.Equal("héllo wörld ✓", textSecret.Value.RevealString());
        Assert.Equal("abc", await ReadTextAsync(store, "bom"));
        Assert.Equal(string.Empty, await ReadTextAsync(store, "empty"));
    }

    [Theory]
    [InlineData("value\n", true, "value")]
    [InlineData("value\r\n", true, "value")]
    [InlineData("value\n\n", true, "value\n")]
    [InlineData("value", true, "value")]
    [InlineData("\n", true, "")]
    [InlineData("value\n", false, "value\n")]
    [InlineData("value\r\n", false, "value\r\n")]
    public async Task Trimming_removes_one_trailing_new_line_only_when_asked(string content, bool trim, string expected)
    {
        _root.WriteText("secret", content);
        var store = _root.CreateStore(trim: trim);

        Assert.Equal(expected, await ReadTextAsync(store, "secret"));
    }

    [Fact]
    public async Task Trimming_leaves_binary_values_alone()
    {
        byte[] binary = [0xFF, 0x0A];
        _root.WriteBytes("secret", binary);
        var store = _root.CreateStore(trim: true);

        Assert.Equal(binary, (await store.GetRequiredSecretAsync("secret", cancellationToken: Ct)).Value.RevealBytes().ToArray());
    }

    [Fact]
    public async Task Reads_a_Kubernetes_secret_volume_and_lists_only_the_visible_keys()
    {
        const string Generation = "..2024_01_01_00_00_00.000000000";
        _root.WriteText(Generation + "/password", "kube-pass");
        _root.WriteText(Generation + "/db/user", "kube-user");
        _root.Link("..data", Generation);
        _root.Link("password", "..data/password");
        _root.Link("db", "..data/db");
        var store = _root.CreateStore();

        Assert.Equal("kube-pass", await ReadTextAsync(store, "password"));
        Assert.Equal("kube-user", await ReadTextAsync(store, "db/user"));
        Assert.Equal(["db/user", "password"], await ListNamesAsync(store));
    }

    [Fact]
    public async Task Reads_the_new_generation_after_Kubernetes_swaps_the_data_link()
    {
        _root.WriteText("..2024_01_01/password", "old");
        _root.WriteText("..2024_02_01/password", "new");
        _root.Link("..data", "..2024_01_01");
        _root.Link("password", "..data/password");
        var store = _root.CreateStore();
        Assert.Equal("old", await ReadTextAsync(store, "password"));

        // The kubelet renames a new link over '..data'; replacing the link gives the same end state.
        System.IO.File.Delete(_root.Combine("..data"));
        _root.Link("..data", "..2024_02_01");
        Directory.Delete(_root.Combine("..2024_01_01"), recursive: true);

        Assert.Equal("new", await ReadTextAsync(store, "password"));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData("a\nb")]
    [InlineData("..data")]
    [InlineData("a/..2024_01_01")]
    [InlineData("..tmp-0123")]
    public async Task Invalid_and_reserved_names_are_refused_before_any_read(string name)
    {
        // A store whose root is a file would fail on any I/O with Unavailable; InvalidName proves none happened.
        var store = _root.CreateStore(path: _root.WriteText("not-a-folder", "x"));

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync(name, cancellationToken: Ct).AsTask());
        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
    }

    [Fact]
    public async Task A_segment_longer_than_a_file_name_may_be_is_an_invalid_name()
    {
        var store = _root.CreateStore();
        string tooLong = new('é', 128); // 256 bytes in UTF-8, 128 characters

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync(OperatingSystem.IsWindows() ? new string('a', 256) : tooLong, cancellationToken: Ct).AsTask());
        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
        Assert.Null(await store.GetSecretAsync(new string('a', 255), cancellationToken: Ct));
    }

    [Fact]
    public async Task Versions_and_stages_are_not_supported()
    {
        _root.WriteText("token", "value");
        var store = _root.CreateStore();

        var byId = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync("token", SecretVersion.FromId("1"), Ct).AsTask());
        var byStage = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync("token", SecretVersion.FromStage("current"), Ct).AsTask());

        Assert.Equal(SecretStoreErrorCode.NotSupported, byId.ErrorCode);
        Assert.Equal(SecretStoreErrorCode.NotSupported, byStage.ErrorCode);
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        _root.WriteText("token", "value");
        var store = _root.CreateStore();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetSecretAsync("token", cancellationToken: cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ListSecretsAsync(cancellationToken: cancelled.Token).ToListAsync(Ct).AsTask());
    }

    [Fact]
    public void Describes_itself_and_is_read_only_by_default()
    {
        var store = _root.CreateStore(storeName: "mounted");

        var metadata = store.GetMetadata();
        Assert.Equal("File", metadata.ProviderName);
        Assert.Equal("mounted", metadata.StoreName);
        Assert.Equal(_root.Path, metadata.Location);
        Assert.Equal(SecretStoreCapabilities.Binary, metadata.Capabilities);
        Assert.Same(store, store.GetService<FileSecretStore>());
        Assert.Null(store.GetWriter());
        Assert.Equal("File", _root.CreateStore().GetMetadata().StoreName);
    }

    [Fact]
    public void Invalid_options_are_refused_at_construction()
    {
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => new FileSecretStore(new FileSecretStoreOptions()));
        Assert.Throws<ArgumentNullException>(() => new FileSecretStore(null!));
    }

    private static async Task<string> ReadTextAsync(FileSecretStore store, string name) =>
        (await store.GetRequiredSecretAsync(name, cancellationToken: Ct)).Value.RevealString();

    private static async Task<List<string>> ListNamesAsync(FileSecretStore store, string? prefix = null)
    {
        var names = await store.ListSecretsAsync(prefix, Ct).Select(p => p.Name).ToListAsync(Ct);
        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
