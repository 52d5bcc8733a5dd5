using Microsoft.Extensions.Options;

namespace SecretsAbstractions.Tests.Stores;

public sealed class EnvironmentVariablesSecretStoreTests : IDisposable
{
    private readonly EnvironmentScope _environment = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _environment.Dispose();

    [Fact]
    public async Task Reads_a_variable_after_the_prefix_with_double_underscores_as_separators()
    {
        _environment.Set("db__password", "s3cret");
        var store = _environment.CreateStore();

        var secret = await store.GetRequiredSecretAsync("db/password", cancellationToken: Ct);

        Assert.Equal("s3cret", secret.Value.RevealString());
        Assert.Equal("db/password", secret.Name);
        Assert.Null(secret.Version);
    }

    [Fact]
    public async Task Reads_the_environment_live_on_every_call()
    {
        var store = _environment.CreateStore();
        Assert.Null(await store.GetSecretAsync("token", cancellationToken: Ct));

        _environment.Set("token", "one");
        Assert.Equal("one", (await store.GetRequiredSecretAsync("token", cancellationToken: Ct)).Value.RevealString());

        _environment.Set("token", "two");
        Assert.Equal("two", (await store.GetRequiredSecretAsync("token", cancellationToken: Ct)).Value.RevealString());
        Assert.Equal(["token"], await ListNamesAsync(store));

        _environment.Set("token", null);
        Assert.Null(await store.GetSecretAsync("token", cancellationToken: Ct));
        Assert.Empty(await ListNamesAsync(store));
    }

    [Fact]
    public async Task Only_variables_that_start_with_the_prefix_exactly_are_secrets()
    {
        string unprefixed = "x" + _environment.Prefix;
        _environment.SetVariable(unprefixed, "not mine");
        _environment.SetVariable(_environment.Prefix.ToLowerInvariant() + "lower", "other case");
        _environment.Set("mine", "mine");
        var store = _environment.CreateStore();

        Assert.Equal(["mine"], await ListNamesAsync(store));
        Assert.Null(await store.GetSecretAsync(unprefixed, cancellationToken: Ct));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Null(await store.GetSecretAsync("lower", cancellationToken: Ct));
        }
    }

    [Fact]
    public async Task Without_a_prefix_every_variable_is_a_secret()
    {
        _environment.Set("db__password", "s3cret");
        var store = new EnvironmentVariablesSecretStore();
        string name = _environment.Prefix + "db/password";

        Assert.Equal("s3cret", (await store.GetRequiredSecretAsync(name, cancellationToken: Ct)).Value.RevealString());
        Assert.Equal([name], await ListNamesAsync(store, _environment.Prefix));
    }

    [Fact]
    public async Task Listing_maps_names_back_skips_variables_without_a_valid_name_and_never_needs_values()
    {
        _environment.Set("a__b", "1");
        _environment.Set("c", "2");
        _environment.Set("x___y", "3");
        _environment.Set("a____b", "double separator");
        _environment.Set("d__", "trailing separator");
        if (!OperatingSystem.IsWindows())
        {
            _environment.Set("slash/in/name", "not reachable by a name");
        }

        var store = _environment.CreateStore();
        var listed = await store.ListSecretsAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(["a/b", "c", "x/_y"], listed.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(listed, p => Assert.Null(p.Version));
        foreach (var properties in listed)
        {
            Assert.NotNull(await store.GetSecretAsync(properties.Name, cancellationToken: Ct));
        }
    }

    [Fact]
    public async Task Listing_filters_by_logical_prefix()
    {
        _environment.Set("app__db__password", "1");
        _environment.Set("app__key", "2");
        _environment.Set("apple", "3");
        var store = _environment.CreateStore();

        Assert.Equal(["app/db/password", "app/key"], await ListNamesAsync(store, "app/"));
        Assert.Equal(["app/db/password", "app/key", "apple"], await ListNamesAsync(store, "app"));
        Assert.Equal(["app/db/password"], await ListNamesAsync(store, "app/db/"));
    }

    [Fact]
    public async Task An_invalid_listing_prefix_is_refused()
    {
        var store = _environment.CreateStore();
        var error = await Assert.ThrowsAsync<SecretStoreException>(() => ListNamesAsync(store, "a//"));
        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
    }

    [Theory]
    [InlineData("a__b", "a__b")]
    [InlineData("a_/b", "a___b")]
    [InlineData("a=b", "a=b")]
    [InlineData("../x", "..__x")]
    [InlineData("a//b", "a____b")]
    [InlineData("a/./b", "a__.__b")]
    [InlineData("a\nb", "ab")]
    public async Task Ambiguous_and_invalid_names_are_refused_even_when_a_matching_variable_exists(string name, string variable)
    {
        if (!variable.Contains('=', StringComparison.Ordinal))
        {
            _environment.Set(variable, "would be read");
        }

        var store = _environment.CreateStore();

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync(name, cancellationToken: Ct).AsTask());
        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
        Assert.Equal(SecretStoreOperations.GetSecret, error.Operation);
    }

    [Fact]
    public async Task Versions_and_stages_are_not_supported_but_names_are_checked_first()
    {
        _environment.Set("token", "value");
        var store = _environment.CreateStore("env");

        var byId = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync("token", SecretVersion.FromId("1"), Ct).AsTask());
        var byStage = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync("token", SecretVersion.FromStage("AWSCURRENT"), Ct).AsTask());
        var badName = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync("a__b", SecretVersion.FromId("1"), Ct).AsTask());

        Assert.Equal(SecretStoreErrorCode.NotSupported, byId.ErrorCode);
        Assert.Equal(SecretStoreErrorCode.NotSupported, byStage.ErrorCode);
        Assert.Equal("env", byId.StoreName);
        Assert.Equal("token", byId.SecretName);
        Assert.Equal(SecretStoreErrorCode.InvalidName, badName.ErrorCode);
    }

    [Fact]
    public async Task A_variable_set_to_the_empty_string_is_a_secret_with_an_empty_value()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows removes a variable set to the empty string.");
        _environment.Set("empty", string.Empty);
        var store = _environment.CreateStore();

        var secret = await store.GetRequiredSecretAsync("empty", cancellationToken: Ct);

        Assert.Equal(string.Empty, secret.Value.RevealString());
        Assert.Equal(["empty"], await ListNamesAsync(store));
    }

    [Fact]
    public async Task It_is_read_only_and_describes_itself()
    {
        var store = _environment.CreateStore("process-env");

        var metadata = store.GetMetadata();
        Assert.Equal("Environment", metadata.ProviderName);
        Assert.Equal("process-env", metadata.StoreName);
        Assert.Equal(SecretStoreCapabilities.None, metadata.Capabilities);
        Assert.Same(store, store.GetService<EnvironmentVariablesSecretStore>());
        Assert.Same(store, store.GetService<ISecretStore>());
        Assert.Null(store.GetWriter());
        Assert.Null(store.GetService(typeof(SecretStoreMetadata), "some key"));

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.SetSecretAsync("a", "b", cancellationToken: Ct).AsTask());
        Assert.Equal(SecretStoreErrorCode.NotSupported, error.ErrorCode);
        Assert.Null(System.Environment.GetEnvironmentVariable(_environment.Prefix + "a"));
    }

    [Fact]
    public void The_store_name_defaults_to_the_provider_name() =>
        Assert.Equal("Environment", new EnvironmentVariablesSecretStore().GetMetadata().StoreName);

    [Theory]
    [InlineData("A=B_")]
    [InlineData("A\0B_")]
    [InlineData("A\nB_")]
    public void A_prefix_that_no_variable_can_have_is_refused_at_construction(string prefix) =>
        Assert.Throws<OptionsValidationException>(() => new EnvironmentVariablesSecretStore(new EnvironmentVariablesSecretStoreOptions { Prefix = prefix }));

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        _environment.Set("token", "value");
        var store = _environment.CreateStore();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetSecretAsync("token", cancellationToken: cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ListSecretsAsync(cancellationToken: cancelled.Token).ToListAsync(Ct).AsTask());
    }

    [Fact]
    public async Task The_value_never_shows_in_text_meant_for_people()
    {
        const string Canary = "canary-7f3a9c-env";
        _environment.Set("token", Canary);
        var store = _environment.CreateStore();

        var secret = await store.GetRequiredSecretAsync("token", cancellationToken: Ct);
        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync("token", SecretVersion.FromId("2"), Ct).AsTask());

        Assert.Equal(Canary, secret.Value.RevealString());
        Assert.DoesNotContain(Canary, secret.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, $"{secret.Value}", StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<List<string>> ListNamesAsync(EnvironmentVariablesSecretStore store, string? prefix = null)
    {
        var names = await store.ListSecretsAsync(prefix, Ct).Select(p => p.Name).ToListAsync(Ct);
        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
