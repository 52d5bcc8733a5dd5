namespace SecretsAbstractions.Tests.References;

public class SecretReferenceResolutionTests
{
    private const string Canary = "canary-3f9b6c1e-never-print-me";

    private readonly InMemorySecretStore _store = new(new InMemorySecretStoreOptions { StoreName = "mem" });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_the_whole_value_without_a_field()
    {
        await _store.SetSecretAsync("app/api-key", Canary, cancellationToken: Ct);

        var value = await _store.GetSecretValueAsync(SecretReference.Parse("secret://mem/app/api-key"), Ct);

        Assert.Equal(Canary, value?.RevealString());
    }

    [Fact]
    public async Task Reads_a_field_of_a_JSON_object()
    {
        await _store.SetSecretAsync("app/db", $$"""{"user":"app","password":"{{Canary}}","port":5432}""", cancellationToken: Ct);

        var password = await _store.GetSecretValueAsync(SecretReference.Parse("secret://mem/app/db#password"), Ct);
        var port = await _store.GetSecretValueAsync(SecretReference.Parse("secret://mem/app/db#port"), Ct);

        Assert.Equal(Canary, password?.RevealString());
        Assert.Equal("5432", port?.RevealString());
    }

    [Fact]
    public async Task A_missing_field_is_NotFound_naming_the_field_and_the_secret_but_not_the_value()
    {
        await _store.SetSecretAsync("app/db", $$"""{"user":"app","password":"{{Canary}}"}""", cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<SecretStoreException>(
            async () => await _store.GetSecretValueAsync(SecretReference.Parse("secret://mem/app/db#pass%0Aword"), Ct));

        Assert.Equal(SecretStoreErrorCode.NotFound, error.ErrorCode);
        Assert.Equal("app/db", error.SecretName);
        Assert.Equal("mem", error.StoreName);
        Assert.Equal(SecretStoreOperations.GetSecret, error.Operation);
        Assert.Equal(
            "Field 'pass\\u000Aword' was not found: the secret's value has no such field. (NotFound, store 'mem', operation GetSecret, secret 'app/db')",
            error.Message);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Canary)]
    [InlineData("[\"" + Canary + "\"]")]
    [InlineData("{\"password\":\"" + Canary + "\",\"password\":\"x\"}")]
    [InlineData("{\"password\":\"" + Canary)]
    public async Task A_field_of_a_value_that_is_not_a_JSON_object_is_NotFound(string value)
    {
        await _store.SetSecretAsync("app/db", value, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<SecretStoreException>(
            async () => await _store.GetSecretValueAsync(new SecretReference("mem", "app/db", Field: "password"), Ct));

        Assert.Equal(SecretStoreErrorCode.NotFound, error.ErrorCode);
        Assert.Contains("Field 'password' was not found: the secret's value is not a JSON object with unique field names.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_of_a_binary_value_is_NotFound()
    {
        await _store.SetSecretAsync("app/cert", SecretValue.FromBytes("{\"a\":\"b\"}"u8), cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<SecretStoreException>(
            async () => await _store.GetSecretValueAsync(new SecretReference("mem", "app/cert", Field: "a"), Ct));

        Assert.Equal(SecretStoreErrorCode.NotFound, error.ErrorCode);
        Assert.Contains("the secret's value is binary, not a JSON object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_secret_gives_null_with_or_without_a_field()
    {
        Assert.Null(await _store.GetSecretValueAsync(SecretReference.Parse("secret://mem/app/missing"), Ct));
        Assert.Null(await _store.GetSecretValueAsync(SecretReference.Parse("secret://mem/app/missing#password"), Ct));
    }

    [Fact]
    public async Task Reads_the_version_the_reference_names()
    {
        var first = await _store.SetSecretAsync("app/db", """{"password":"one"}""", cancellationToken: Ct);
        await _store.SetSecretAsync("app/db", """{"password":"two"}""", cancellationToken: Ct);

        var old = await _store.GetSecretValueAsync(SecretReference.Parse($"secret://mem/app/db?version={first.Version}#password"), Ct);
        var latest = await _store.GetSecretValueAsync(SecretReference.Parse("secret://mem/app/db#password"), Ct);
        var missingVersion = await _store.GetSecretValueAsync(SecretReference.Parse("secret://mem/app/db?version=99#password"), Ct);

        Assert.Equal("one", old?.RevealString());
        Assert.Equal("two", latest?.RevealString());
        Assert.Null(missingVersion);
    }

    [Fact]
    public async Task Errors_of_the_store_pass_through()
    {
        await _store.SetSecretAsync("app/db", "x", cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<SecretStoreException>(
            async () => await _store.GetSecretValueAsync(SecretReference.Parse("secret://mem/app/db?stage=AWSPREVIOUS"), Ct));

        Assert.Equal(SecretStoreErrorCode.NotSupported, error.ErrorCode);
    }

    [Fact]
    public async Task Honours_cancellation()
    {
        await _store.SetSecretAsync("app/db", "x", cancellationToken: Ct);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await _store.GetSecretValueAsync(SecretReference.Parse("secret://mem/app/db"), cancelled.Token));
    }

    [Fact]
    public async Task Refuses_null_arguments()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await ((ISecretStore)null!).GetSecretValueAsync(new SecretReference("s", "a"), Ct));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await _store.GetSecretValueAsync(null!, Ct));
    }
}
