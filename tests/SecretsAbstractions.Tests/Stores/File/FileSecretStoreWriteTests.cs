using System.Runtime.Versioning;
using System.Text;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace SecretsAbstractions.Tests.Stores;

public sealed class FileSecretStoreWriteTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly TempDirectory _root = new();
    private readonly FakeTimeProvider _time = new(Now);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Without_AllowWrites_there_is_no_writer_and_nothing_is_written()
    {
        _root.WriteText("token", "old");
        var store = _root.CreateStore(allowWrites: false);

        Assert.Null(store.GetService(typeof(ISecretWriter)));
        Assert.False(store.GetMetadata().Capabilities.HasFlag(SecretStoreCapabilities.Write));
        var viaExtension = await Assert.ThrowsAsync<SecretStoreException>(() => store.SetSecretAsync("token", "new", cancellationToken: Ct).AsTask());
        var viaCast = await Assert.ThrowsAsync<SecretStoreException>(() => ((ISecretWriter)store).SetSecretAsync("token", SecretValue.FromString("new"), cancellationToken: Ct).AsTask());
        var delete = await Assert.ThrowsAsync<SecretStoreException>(() => ((ISecretWriter)store).DeleteSecretAsync("token", Ct).AsTask());

        Assert.Equal(SecretStoreErrorCode.NotSupported, viaExtension.ErrorCode);
        Assert.Equal(SecretStoreErrorCode.NotSupported, viaCast.ErrorCode);
        Assert.Equal(SecretStoreErrorCode.NotSupported, delete.ErrorCode);
        Assert.Equal("old", _root.ReadText("token"));
    }

    [Fact]
    public void With_AllowWrites_the_store_is_its_own_writer()
    {
        var store = _root.CreateStore(allowWrites: true);

        Assert.Same(store, store.GetWriter());
        Assert.Equal(SecretStoreCapabilities.Write | SecretStoreCapabilities.Binary, store.GetMetadata().Capabilities);
    }

    [Fact]
    public async Task Set_creates_missing_folders_and_returns_what_was_written()
    {
        var store = _root.CreateStore(allowWrites: true, timeProvider: _time, path: _root.Combine("not/yet/there"));

        var written = await store.SetSecretAsync("app/db/password", "p@ss", cancellationToken: Ct);
        var read = await store.GetRequiredSecretAsync("app/db/password", cancellationToken: Ct);

        Assert.Equal("app/db/password", written.Name);
        Assert.Null(written.Version);
        Assert.Equal(Now, written.UpdatedOn);
        Assert.Equal("p@ss", read.Value.RevealString());
        Assert.Equal(Now, read.Properties.UpdatedOn);
        Assert.Equal("p@ss", System.IO.File.ReadAllText(_root.Combine("not/yet/there/app/db/password")));
        Assert.Equal(["app/db/password"], await store.ListSecretsAsync(cancellationToken: Ct).Select(p => p.Name).ToListAsync(Ct));
    }

    [Fact]
    public async Task Text_and_binary_values_round_trip()
    {
        var store = _root.CreateStore(allowWrites: true);
        byte[] binary = [0x00, 0xFF, 0xFE, 0x80];

        await store.SetSecretAsync("text", "line one\nline two\n", cancellationToken: Ct);
        await store.SetSecretAsync("bom", "\uFEFFstarts with a byte order mark", cancellationToken: Ct);
        await store.SetSecretAsync("binary", SecretValue.FromBytes(binary), cancellationToken: Ct);

        Assert.Equal("line one\nline two\n", (await store.GetRequiredSecretAsync("text", cancellationToken: Ct)).Value.RevealString());
        Assert.Equal("\uFEFFstarts with a byte order mark", (await store.GetRequiredSecretAsync("bom", cancellationToken: Ct)).Value.RevealString());
        var binarySecret = await store.GetRequiredSecretAsync("binary", cancellationToken: Ct);
        Assert.True(binarySecret.Value.IsBinary);
        Assert.Equal(binary, binarySecret.Value.RevealBytes().ToArray());
    }

    [Fact]
    public async Task Text_with_an_unpaired_surrogate_is_refused_before_anything_is_written()
    {
        var store = _root.CreateStore(allowWrites: true);

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.SetSecretAsync("bad", "abc\uD800", cancellationToken: Ct).AsTask());

        Assert.Equal(SecretStoreErrorCode.InvalidRequest, error.ErrorCode);
        Assert.Empty(Directory.GetFileSystemEntries(_root.Path));
    }

    [Fact]
    public async Task New_files_are_private_to_their_owner_and_replaced_files_keep_their_permissions()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions only.");
        var store = _root.CreateStore(allowWrites: true);
        string shared = _root.WriteText("shared", "old");
        var sharedMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(shared, sharedMode);

            await store.SetSecretAsync("fresh/new", "value", cancellationToken: Ct);
            await store.SetSecretAsync("shared", "new", cancellationToken: Ct);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(_root.Combine("fresh/new")));
            Assert.Equal(sharedMode, System.IO.File.GetUnixFileMode(shared));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, System.IO.File.GetUnixFileMode(_root.Combine("fresh")));
        }
    }

    [Fact]
    public async Task Delete_removes_the_file_leaves_folders_and_reports_absence()
    {
        _root.WriteText("app/db/password", "1");
        var store = _root.CreateStore(allowWrites: true);

        Assert.True(await store.DeleteSecretAsync("app/db/password", Ct));
        Assert.False(await store.DeleteSecretAsync("app/db/password", Ct));
        Assert.False(await store.DeleteSecretAsync("app/db", Ct));
        Assert.False(await store.DeleteSecretAsync("never/there", Ct));

        Assert.Null(await store.GetSecretAsync("app/db/password", cancellationToken: Ct));
        Assert.True(Directory.Exists(_root.Combine("app/db")));
    }

    [Fact]
    public async Task Delete_of_a_Kubernetes_style_link_removes_the_link()
    {
        _root.WriteText("..2024_01_01/password", "1");
        _root.Link("..data", "..2024_01_01");
        _root.Link("password", "..data/password");
        var store = _root.CreateStore(allowWrites: true);

        Assert.True(await store.DeleteSecretAsync("password", Ct));

        Assert.Null(await store.GetSecretAsync("password", cancellationToken: Ct));
        Assert.Empty(await store.ListSecretsAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task Setting_under_a_secret_or_over_a_folder_of_secrets_conflicts()
    {
        _root.WriteText("a", "a is a secret");
        _root.WriteText("b/c", "b holds secrets");
        var store = _root.CreateStore(allowWrites: true);

        var under = await Assert.ThrowsAsync<SecretStoreException>(() => store.SetSecretAsync("a/x", "v", cancellationToken: Ct).AsTask());
        var over = await Assert.ThrowsAsync<SecretStoreException>(() => store.SetSecretAsync("b", "v", cancellationToken: Ct).AsTask());

        Assert.Equal(SecretStoreErrorCode.Conflict, under.ErrorCode);
        Assert.Equal(SecretStoreErrorCode.Conflict, over.ErrorCode);
        Assert.Equal("a is a secret", _root.ReadText("a"));
        Assert.Equal("b holds secrets", _root.ReadText("b/c"));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task A_write_the_file_system_refuses_leaves_the_old_value_and_no_temporary_file()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "The fault is injected with Linux file attributes.");
        string file = _root.WriteText("db/password", "old");
        var store = _root.CreateStore(allowWrites: true);
        SecretStoreException error;
        using (UnreplaceableFile.Protect(file))
        {
            error = await Assert.ThrowsAsync<SecretStoreException>(() => store.SetSecretAsync("db/password", "new", cancellationToken: Ct).AsTask());
        }

        Assert.Equal(SecretStoreErrorCode.AccessDenied, error.ErrorCode);
        Assert.Equal(SecretStoreOperations.SetSecret, error.Operation);
        Assert.Equal("old", _root.ReadText("db/password"));
        Assert.Empty(_root.TemporaryFiles());
        Assert.Equal("old", (await store.GetRequiredSecretAsync("db/password", cancellationToken: Ct)).Value.RevealString());
    }

    [Fact]
    public async Task A_cancelled_write_leaves_the_old_value()
    {
        _root.WriteText("token", "old");
        var store = _root.CreateStore(allowWrites: true);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SetSecretAsync("token", "new", cancellationToken: cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.DeleteSecretAsync("token", cancelled.Token).AsTask());

        Assert.Equal("old", _root.ReadText("token"));
    }

    [Fact]
    public async Task A_write_cancelled_at_any_moment_leaves_either_the_old_or_the_new_value_whole()
    {
        byte[] oldValue = Encoding.ASCII.GetBytes(new string('o', 4 << 20));
        byte[] newValue = Encoding.ASCII.GetBytes(new string('n', 4 << 20));
        _root.WriteBytes("big", oldValue);
        var store = _root.CreateStore(allowWrites: true);

        foreach (int delayMs in new[] { 0, 1, 2, 5, 10, 20 })
        {
            _root.WriteBytes("big", oldValue);
            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(delayMs));
            try
            {
                await store.SetSecretAsync("big", SecretValue.FromBytes(newValue), cancellationToken: cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                // Either outcome is fine; a torn file is not.
            }

            byte[] content = await System.IO.File.ReadAllBytesAsync(_root.Combine("big"), Ct);
            Assert.True(content.AsSpan().SequenceEqual(oldValue) || content.AsSpan().SequenceEqual(newValue), $"torn write after {delayMs} ms");
            Assert.Empty(_root.TemporaryFiles());
        }
    }

    [Fact]
    public async Task Readers_never_see_a_partly_written_value()
    {
        string a = new('a', 1 << 20);
        string b = new('b', 1 << 20);
        var store = _root.CreateStore(allowWrites: true);
        await store.SetSecretAsync("big", a, cancellationToken: Ct);
        using var writing = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var writer = Task.Run(
            async () =>
            {
                for (int i = 0; i < 30; i++)
                {
                    await store.SetSecretAsync("big", i % 2 == 0 ? b : a, cancellationToken: Ct);
                }

                await writing.CancelAsync();
            },
            Ct);
        int reads = 0;
        while (!writing.IsCancellationRequested)
        {
            string value = (await store.GetRequiredSecretAsync("big", cancellationToken: Ct)).Value.RevealString();
            Assert.True(value == a || value == b, "a reader saw a partly written value");
            reads++;
        }

        await writer;
        Assert.True(reads > 0);
    }

    [Fact]
    public async Task Parallel_writes_through_one_store_all_land()
    {
        var store = _root.CreateStore(allowWrites: true);

        await Parallel.ForAsync(0, 32, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, ct) =>
            await store.SetSecretAsync($"parallel/s{i}/value", $"v{i}", cancellationToken: ct));

        for (int i = 0; i < 32; i++)
        {
            Assert.Equal($"v{i}", (await store.GetRequiredSecretAsync($"parallel/s{i}/value", cancellationToken: Ct)).Value.RevealString());
        }

        Assert.Empty(_root.TemporaryFiles());
    }

    [Fact]
    public async Task A_canary_value_never_appears_in_logs_or_errors()
    {
        const string Canary = "canary-c4a7e1-written";
        using var outside = new TempDirectory();
        var logger = new FakeLogger<FileSecretStore>();
        var store = _root.CreateStore(allowWrites: true, logger: logger);
        _root.Link("escape", outside.WriteText("outside", Canary));
        var errors = new List<Exception>();

        await store.SetSecretAsync("token", Canary, cancellationToken: Ct);
        var secret = await store.GetRequiredSecretAsync("token", cancellationToken: Ct);
        errors.Add(await Assert.ThrowsAsync<SecretStoreException>(() => store.SetSecretAsync("token/child", Canary, cancellationToken: Ct).AsTask()));
        errors.Add(await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync("token", SecretVersion.FromId("1"), Ct).AsTask()));
        errors.Add(await Assert.ThrowsAsync<SecretStoreException>(() => store.SetSecretAsync("..bad", Canary, cancellationToken: Ct).AsTask()));
        errors.Add(await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync("escape", cancellationToken: Ct).AsTask()));
        errors.Add(await Assert.ThrowsAsync<SecretStoreException>(() => store.SetSecretAsync("escape", Canary, cancellationToken: Ct).AsTask()));
        await store.ListSecretsAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(Canary, secret.Value.RevealString());
        Assert.DoesNotContain(Canary, secret.ToString(), StringComparison.Ordinal);
        Assert.All(errors, e => Assert.DoesNotContain(Canary, e.ToString(), StringComparison.Ordinal));
        var logs = logger.Collector.GetSnapshot();
        Assert.Equal(3, logs.Count);
        Assert.All(logs, r => Assert.DoesNotContain(Canary, r.Message, StringComparison.Ordinal));
        Assert.Equal(Canary, outside.ReadText("outside"));
    }
}
