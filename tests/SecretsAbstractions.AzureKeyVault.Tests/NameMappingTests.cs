namespace SecretsAbstractions.AzureKeyVault.Tests;

/// <summary>The Key Vault name mapping: reversible, one-to-one despite Key Vault's case-insensitivity, and
/// refusing what Key Vault cannot hold before any call.</summary>
public sealed class NameMappingTests
{
    private static readonly AzureKeyVaultSecretNameMapper Mapper = AzureKeyVaultSecretNameMapper.Instance;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("a", "a")]
    [InlineData("app/db/password", "app--db--password")]
    [InlineData("my-app/conn-string", "my-app--conn-string")]
    [InlineData("0/1/2", "0--1--2")]
    public void Names_map_both_ways(string logical, string native)
    {
        Assert.Equal(native, Mapper.ToNativeName(logical));
        Assert.Equal(logical, Mapper.ToLogicalName(native));
    }

    [Theory]
    [InlineData("ConnectionStrings--Default", "connectionstrings/default")]
    [InlineData("MYSECRET", "mysecret")]
    public void Native_names_in_any_case_list_as_lower_case(string native, string logical) =>
        Assert.Equal(logical, Mapper.ToLogicalName(native));

    [Theory]
    [InlineData("a---b")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("a----b")]
    [InlineData("bad_name")]
    public void Native_names_without_a_logical_name_are_skipped(string native) =>
        Assert.Null(Mapper.ToLogicalName(native));

    [Theory]
    [InlineData("App", "upper-case")]
    [InlineData("app/Db", "upper-case")]
    [InlineData("a--b", "'--'")]
    [InlineData("a-/b", "starts or ends with '-'")]
    [InlineData("a/-b", "starts or ends with '-'")]
    [InlineData("a_b", "other than a-z")]
    [InlineData("a.b", "other than a-z")]
    [InlineData("café", "other than a-z")]
    [InlineData("a b", "other than a-z")]
    public void Names_Key_Vault_cannot_hold_are_InvalidName(string logical, string reason)
    {
        var error = Assert.Throws<SecretStoreException>(() => Mapper.ToNativeName(logical));

        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Key_Vault_length_limit_counts_the_mapped_name()
    {
        string fits = new string('a', 63) + "/" + new string('b', 62);
        string tooLong = new string('a', 63) + "/" + new string('b', 63);

        Assert.Equal(127, Mapper.ToNativeName(fits).Length);
        Assert.Contains("at most 127", Assert.Throws<SecretStoreException>(() => Mapper.ToNativeName(tooLong)).Message, StringComparison.Ordinal);
        Assert.Throws<SecretStoreException>(() => Mapper.ToNativeName(new string('a', 128)));
    }

    [Theory]
    [InlineData("App", false)]
    [InlineData("a--", false)]
    [InlineData("-", false)]
    [InlineData("a_", false)]
    [InlineData("a-", true)]
    [InlineData("app/", true)]
    [InlineData("app/d", true)]
    public void Prefixes_are_checked_with_the_same_rules(string prefix, bool valid) =>
        Assert.Equal(valid, AzureKeyVaultSecretNameMapper.GetPrefixError(prefix) is null);

    [Fact]
    public void Distinct_logical_names_never_collide_in_Key_Vault()
    {
        const string alphabet = "aAb-/";
        var random = new Random(20261128);
        var byNative = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < 20000; i++)
        {
            string candidate = new([.. Enumerable.Range(0, random.Next(1, 9)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            if (!IsAccepted(candidate, out string? native))
            {
                continue;
            }

            Assert.Equal(candidate, Mapper.ToLogicalName(native));
            if (byNative.TryGetValue(native, out string? other))
            {
                Assert.Equal(other, candidate);
            }

            byNative[native] = candidate;
        }

        Assert.True(byNative.Count > 100, "The generator produced enough accepted names.");
    }

    [Fact]
    public async Task Against_the_server_names_round_trip_and_invalid_names_make_no_call()
    {
        await using var harness = await KeyVaultHarness.StartAsync();
        var store = harness.CreateStore();
        harness.Server.Seed("ConnectionStrings--Default", "from elsewhere");

        await store.SetSecretAsync("app/db/password", "value", cancellationToken: Ct);
        var listed = await store.ListSecretsAsync(cancellationToken: Ct).ToListAsync(Ct);
        var elsewhere = await store.GetRequiredSecretAsync("connectionstrings/default", cancellationToken: Ct);

        Assert.Contains(harness.Server.Requests, r => r.Path == "/secrets/app--db--password" && r.Status == 200);
        Assert.Equal(["app/db/password", "connectionstrings/default"], listed.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("from elsewhere", elsewhere.Value.RevealString());
        Assert.Equal("connectionstrings/default", elsewhere.Name);

        long before = harness.Server.RequestCount;
        foreach (string invalid in new[] { "App/Db", "a--b", "a_b", new string('a', 128) })
        {
            var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(invalid, cancellationToken: Ct));
            Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
            Assert.Equal(SecretStoreErrorCode.InvalidName, (await Assert.ThrowsAsync<SecretStoreException>(async () => await store.SetSecretAsync(invalid, "v", cancellationToken: Ct))).ErrorCode);
        }

        await Assert.ThrowsAsync<SecretStoreException>(async () => await store.ListSecretsAsync("App/", Ct).ToListAsync(Ct));
        Assert.Equal(before, harness.Server.RequestCount);
    }

    private static bool IsAccepted(string logical, out string native)
    {
        try
        {
            native = Mapper.ToNativeName(logical);
            return true;
        }
        catch (SecretStoreException)
        {
            native = string.Empty;
            return false;
        }
    }
}
