using System.Runtime.Versioning;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace SecretsAbstractions.Tests.Stores;

public sealed class FileSecretStoreJsonTests : IDisposable
{
    private const string Hierarchy = """
        {
          // Comments and trailing commas are accepted, as in appsettings.json.
          "db": { "password": "p@ss", "port": 5432, "ratio": 1.50, "tls": true, "legacy": false },
          "hosts": ["a", 1, { "b": null }],
          "nothing": null,
          "app": { "api": { "key": "k3y" }, "empty": {} },
          "with/slash": "unreachable",
          "": "unreachable",
          "top": "level",
        }
        """;

    private static readonly DateTimeOffset Now = new(2031, 6, 7, 8, 9, 10, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Nested_objects_are_segments_and_leaves_are_values()
    {
        _temp.WriteText("secrets.json", Hierarchy);
        var store = _temp.CreateJsonStore();

        Assert.Equal("p@ss", await ReadTextAsync(store, "db/password"));
        Assert.Equal("5432", await ReadTextAsync(store, "db/port"));
        Assert.Equal("1.50", await ReadTextAsync(store, "db/ratio"));
        Assert.Equal("true", await ReadTextAsync(store, "db/tls"));
        Assert.Equal("false", await ReadTextAsync(store, "db/legacy"));
        Assert.Equal("""["a", 1, { "b": null }]""", await ReadTextAsync(store, "hosts"));
        Assert.Equal("k3y", await ReadTextAsync(store, "app/api/key"));
        Assert.Equal("level", await ReadTextAsync(store, "top"));
    }

    [Fact]
    public async Task Nulls_objects_and_missing_keys_are_no_secret()
    {
        _temp.WriteText("secrets.json", Hierarchy);
        var store = _temp.CreateJsonStore();

        Assert.Null(await store.GetSecretAsync("nothing", cancellationToken: Ct));
        Assert.Null(await store.GetSecretAsync("db", cancellationToken: Ct));
        Assert.Null(await store.GetSecretAsync("app/empty", cancellationToken: Ct));
        Assert.Null(await store.GetSecretAsync("db/missing", cancellationToken: Ct));
        Assert.Null(await store.GetSecretAsync("top/below", cancellationToken: Ct));
        Assert.Null(await store.GetSecretAsync("with/slash", cancellationToken: Ct));
    }

    [Fact]
    public async Task Lists_every_leaf_except_nulls_filtered_by_prefix()
    {
        _temp.WriteText("secrets.json", Hierarchy);
        var lastWrite = new DateTime(2023, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        System.IO.File.SetLastWriteTimeUtc(_temp.Combine("secrets.json"), lastWrite);
        var store = _temp.CreateJsonStore();

        Assert.Equal(
            ["app/api/key", "db/legacy", "db/password", "db/port", "db/ratio", "db/tls", "hosts", "top"],
            await ListNamesAsync(store));
        Assert.Equal(["db/legacy", "db/password", "db/port", "db/ratio", "db/tls"], await ListNamesAsync(store, "db/"));
        Assert.Equal(["app/api/key"], await ListNamesAsync(store, "app/a"));
        Assert.All(await store.ListSecretsAsync(cancellationToken: Ct).ToListAsync(Ct), p => Assert.Equal(new DateTimeOffset(lastWrite), p.UpdatedOn));
        Assert.Equal(new DateTimeOffset(lastWrite), (await store.GetRequiredSecretAsync("top", cancellationToken: Ct)).Properties.UpdatedOn);
    }

    [Fact]
    public async Task A_missing_file_holds_no_secrets()
    {
        var store = _temp.CreateJsonStore("absent.json");

        Assert.Null(await store.GetSecretAsync("a", cancellationToken: Ct));
        Assert.Empty(await store.ListSecretsAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task An_empty_file_holds_no_secrets()
    {
        _temp.WriteText("secrets.json", " \n");
        var store = _temp.CreateJsonStore();

        Assert.Empty(await store.ListSecretsAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_file_that_does_not_parse_is_named_with_the_position_and_never_quoted()
    {
        const string Canary = "canary-91d2f3-json";
        _temp.WriteText("secrets.json", "{\n  \"db\": {\n    \"password\": " + Canary + "\n  }\n}");
        var logger = new FakeLogger<FileSecretStore>();
        var store = _temp.CreateJsonStore(logger: logger);

        var get = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync("db/password", cancellationToken: Ct).AsTask());
        var list = await Assert.ThrowsAsync<SecretStoreException>(() => store.ListSecretsAsync(cancellationToken: Ct).ToListAsync(Ct).AsTask());

        Assert.Equal(SecretStoreErrorCode.Unavailable, get.ErrorCode);
        Assert.True(get.IsTransient);
        Assert.Contains(_temp.Combine("secrets.json"), get.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", get.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, get.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("'c'", get.Message, StringComparison.Ordinal); // the parser's own message quotes the first bad character
        Assert.Null(get.InnerException);
        Assert.Equal(SecretStoreErrorCode.Unavailable, list.ErrorCode);
        Assert.DoesNotContain(Canary, list.ToString(), StringComparison.Ordinal);
        Assert.All(logger.Collector.GetSnapshot(), r => Assert.DoesNotContain(Canary, r.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "a": "one", "a": "two" }""")]
    [InlineData("""["not", "an", "object"]""")]
    [InlineData("\"just a string\"")]
    public async Task Repeated_keys_or_a_top_level_that_is_not_an_object_are_refused(string json)
    {
        _temp.WriteText("secrets.json", json);
        var store = _temp.CreateJsonStore();

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync("a", cancellationToken: Ct).AsTask());

        Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
    }

    [Fact]
    public async Task A_write_creates_the_file_and_the_objects_on_the_way()
    {
        var time = new FakeTimeProvider(Now);
        var store = _temp.CreateJsonStore("config/secrets.json", allowWrites: true, timeProvider: time);

        var written = await store.SetSecretAsync("db/password", "p@ss", cancellationToken: Ct);
        await store.SetSecretAsync("db/user", "admin", cancellationToken: Ct);
        await store.SetSecretAsync("top", "level", cancellationToken: Ct);

        Assert.Null(written.Version);
        Assert.Equal(Now, written.UpdatedOn);
        Assert.Equal("p@ss", await ReadTextAsync(store, "db/password"));
        Assert.Equal(Now, (await store.GetRequiredSecretAsync("db/user", cancellationToken: Ct)).Properties.UpdatedOn);
        Assert.Equal(["db/password", "db/user", "top"], await ListNamesAsync(store));
        Assert.Equal(
            "{\n  \"db\": {\n    \"password\": \"p@ss\",\n    \"user\": \"admin\"\n  },\n  \"top\": \"level\"\n}\n",
            _temp.ReadText("config/secrets.json").ReplaceLineEndings("\n"));
        Assert.Empty(_temp.TemporaryFiles());
    }

    [Fact]
    public async Task A_write_keeps_the_other_secrets_as_they_were()
    {
        _temp.WriteText("secrets.json", Hierarchy);
        var store = _temp.CreateJsonStore(allowWrites: true);

        await store.SetSecretAsync("db/password", "changed", cancellationToken: Ct);
        await store.SetSecretAsync("nothing/now", "something", cancellationToken: Ct);
        await store.SetSecretAsync("hosts", "replaced array", cancellationToken: Ct);

        Assert.Equal("changed", await ReadTextAsync(store, "db/password"));
        Assert.Equal("5432", await ReadTextAsync(store, "db/port"));
        Assert.Equal("1.50", await ReadTextAsync(store, "db/ratio"));
        Assert.Equal("k3y", await ReadTextAsync(store, "app/api/key"));
        Assert.Equal("something", await ReadTextAsync(store, "nothing/now"));
        Assert.Equal("replaced array", await ReadTextAsync(store, "hosts"));
    }

    [Fact]
    public async Task Setting_under_a_leaf_or_over_an_object_conflicts_and_changes_nothing()
    {
        _temp.WriteText("secrets.json", Hierarchy);
        var store = _temp.CreateJsonStore(allowWrites: true);

        var under = await Assert.ThrowsAsync<SecretStoreException>(() => store.SetSecretAsync("top/below", "v", cancellationToken: Ct).AsTask());
        var underNumber = await Assert.ThrowsAsync<SecretStoreException>(() => store.SetSecretAsync("db/port/x", "v", cancellationToken: Ct).AsTask());
        var over = await Assert.ThrowsAsync<SecretStoreException>(() => store.SetSecretAsync("db", "v", cancellationToken: Ct).AsTask());

        Assert.Equal(SecretStoreErrorCode.Conflict, under.ErrorCode);
        Assert.Equal(SecretStoreErrorCode.Conflict, underNumber.ErrorCode);
        Assert.Equal(SecretStoreErrorCode.Conflict, over.ErrorCode);
        Assert.Equal(Hierarchy, _temp.ReadText("secrets.json"));
    }

    [Fact]
    public async Task Binary_values_are_not_supported()
    {
        var store = _temp.CreateJsonStore(allowWrites: true);

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.SetSecretAsync("a", SecretValue.FromBytes([1, 2, 3]), cancellationToken: Ct).AsTask());

        Assert.Equal(SecretStoreErrorCode.NotSupported, error.ErrorCode);
        Assert.Equal(SecretStoreCapabilities.Write, store.GetMetadata().Capabilities);
        Assert.False(System.IO.File.Exists(_temp.Combine("secrets.json")));
    }

    [Fact]
    public async Task Delete_removes_a_leaf_and_leaves_objects()
    {
        _temp.WriteText("secrets.json", Hierarchy);
        var store = _temp.CreateJsonStore(allowWrites: true);

        Assert.True(await store.DeleteSecretAsync("app/api/key", Ct));
        Assert.False(await store.DeleteSecretAsync("app/api/key", Ct));
        Assert.False(await store.DeleteSecretAsync("db", Ct));
        Assert.False(await store.DeleteSecretAsync("nothing", Ct));
        Assert.False(await _temp.CreateJsonStore("absent.json", allowWrites: true).DeleteSecretAsync("a", Ct));

        Assert.Null(await store.GetSecretAsync("app/api/key", cancellationToken: Ct));
        Assert.Equal("p@ss", await ReadTextAsync(store, "db/password"));
        Assert.DoesNotContain("app/api/key", await ListNamesAsync(store));
        Assert.Contains("\"api\": {}", _temp.ReadText("secrets.json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_file_is_never_overwritten()
    {
        const string Broken = "{ \"a\": ";
        _temp.WriteText("secrets.json", Broken);
        var store = _temp.CreateJsonStore(allowWrites: true);

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.SetSecretAsync("b", "v", cancellationToken: Ct).AsTask());

        Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
        Assert.Equal(Broken, _temp.ReadText("secrets.json"));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task A_write_the_file_system_refuses_leaves_the_old_file()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "The fault is injected with Linux file attributes.");
        string file = _temp.WriteText("secrets.json", Hierarchy);
        var store = _temp.CreateJsonStore(allowWrites: true);
        SecretStoreException error;
        using (UnreplaceableFile.Protect(file))
        {
            error = await Assert.ThrowsAsync<SecretStoreException>(() => store.SetSecretAsync("db/password", "new", cancellationToken: Ct).AsTask());
        }

        Assert.Equal(SecretStoreErrorCode.AccessDenied, error.ErrorCode);
        Assert.Equal(Hierarchy, _temp.ReadText("secrets.json"));
        Assert.Empty(_temp.TemporaryFiles());
    }

    [Fact]
    public async Task Parallel_writes_through_one_store_lose_no_update()
    {
        var store = _temp.CreateJsonStore(allowWrites: true);

        await Parallel.ForAsync(0, 32, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, ct) =>
            await store.SetSecretAsync($"parallel/s{i}", $"v{i}", cancellationToken: ct));

        Assert.Equal(32, (await ListNamesAsync(store, "parallel/")).Count);
        for (int i = 0; i < 32; i++)
        {
            Assert.Equal($"v{i}", await ReadTextAsync(store, $"parallel/s{i}"));
        }
    }

    [Fact]
    public async Task A_linked_secrets_file_stays_linked_after_a_write()
    {
        _temp.WriteText("real/secrets.json", """{ "a": "1" }""");
        _temp.Link("secrets.json", "real/secrets.json");
        var store = _temp.CreateJsonStore(allowWrites: true);

        await store.SetSecretAsync("b", "2", cancellationToken: Ct);

        Assert.NotNull(new FileInfo(_temp.Combine("secrets.json")).LinkTarget);
        Assert.Contains("\"b\": \"2\"", _temp.ReadText("real/secrets.json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_use_the_core_rules_and_versions_are_not_supported()
    {
        _temp.WriteText("secrets.json", Hierarchy);
        var store = _temp.CreateJsonStore();

        foreach (string name in new[] { "../x", "a//b", "a/./b", "a\nb" })
        {
            var invalid = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync(name, cancellationToken: Ct).AsTask());
            Assert.Equal(SecretStoreErrorCode.InvalidName, invalid.ErrorCode);
        }

        var versioned = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync("top", SecretVersion.FromId("1"), Ct).AsTask());
        Assert.Equal(SecretStoreErrorCode.NotSupported, versioned.ErrorCode);
        Assert.Equal(SecretStoreCapabilities.None, store.GetMetadata().Capabilities);
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
