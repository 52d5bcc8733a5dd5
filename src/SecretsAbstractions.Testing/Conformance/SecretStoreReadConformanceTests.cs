using Xunit;

namespace SecretsAbstractions.Testing;

/// <summary>Conformance of single reads: latest, by version id, by stage, not found, JSON fields and bytes.</summary>
/// <typeparam name="TFixture">The store's fixture.</typeparam>
/// <param name="fixture">The store's fixture.</param>
public abstract class SecretStoreReadConformanceTests<TFixture>(TFixture fixture) : SecretStoreConformanceTests<TFixture>(fixture)
    where TFixture : SecretStoreFixture
{
    private const string MissingStage = "ConformanceMissingStage";

    /// <summary>The latest version of a seeded secret is its value, with the name it was read by.</summary>
    [Fact]
    public virtual async Task GetLatestReturnsSeededValue()
    {
        string name = Fixture.CreateScope() + "text";
        await SeedAsync((name, ComplexText)).ConfigureAwait(false);

        var secret = await GetExistingAsync(name).ConfigureAwait(false);

        AssertText(ComplexText, secret.Value, "latest value");
        Assert.Equal(name, secret.Properties.Name);
        Assert.True(secret.Properties.Enabled, "A seeded secret is enabled.");
    }

    /// <summary>Names with several segments are read as they are. (Whether a name can be both a secret and
    /// the folder of others differs between backends, files cannot, so it is not part of the contract.)</summary>
    [Fact]
    public virtual async Task GetReadsNestedName()
    {
        string scope = Fixture.CreateScope();
        string deep = scope + "a/b/c/d";
        string shallow = scope + "e";
        await SeedAsync((deep, "deep value"), (shallow, "shallow value")).ConfigureAwait(false);

        AssertText("deep value", (await GetExistingAsync(deep).ConfigureAwait(false)).Value, "nested secret");
        AssertText("shallow value", (await GetExistingAsync(shallow).ConfigureAwait(false)).Value, "sibling secret");
    }

    /// <summary>A secret that does not exist is not an error: get returns null.</summary>
    [Fact]
    public virtual async Task GetReturnsNullForMissingSecret()
    {
        var secret = await Store.GetSecretAsync(Fixture.CreateScope() + "missing", cancellationToken: CancellationToken).ConfigureAwait(false);

        Assert.Null(secret);
    }

    /// <summary><c>GetRequiredSecretAsync</c> throws NotFound for a secret that does not exist.</summary>
    [Fact]
    public virtual async Task GetRequiredThrowsNotFoundForMissingSecret()
    {
        string name = Fixture.CreateScope() + "missing";

        var error = await AssertFailsAsync(async () => await Store.GetRequiredSecretAsync(name, cancellationToken: CancellationToken).ConfigureAwait(false), SecretStoreErrorCode.NotFound).ConfigureAwait(false);

        Assert.Equal(name, error.SecretName);
    }

    /// <summary>A JSON object exposes exactly the fields the same value exposes locally: the same on every backend.</summary>
    [Fact]
    public virtual async Task GetJsonSecretExposesItsFields()
    {
        string name = Fixture.CreateScope() + "json";
        const string json = """{"user":"admin","port":5432,"enabled":true,"ratio":0.5,"nested":{"a":[1,2]},"none":null,"text":"line\nbreak é"}""";
        await SeedAsync((name, json)).ConfigureAwait(false);

        var secret = await GetExistingAsync(name).ConfigureAwait(false);

        AssertText(json, secret.Value, "JSON value");
        AssertFieldsEqual(SecretValue.FromString(json), secret.Value);
        AssertText("admin", secret.Value.GetField("user")!, "field 'user'");
        AssertText("5432", secret.Value.GetField("port")!, "field 'port'");
        Assert.Null(secret.Value.GetField("missing"));
    }

    /// <summary>Bytes that are not UTF-8 come back exactly (Binary capability).</summary>
    [Fact]
    public virtual async Task GetBinarySecretReturnsExactBytes()
    {
        Assert.SkipUnless(Supports(SecretStoreCapabilities.Binary), "The store does not declare Binary; the contract does not say what it does with bytes.");
        string name = Fixture.CreateScope() + "binary";
        byte[] bytes = CreateNonUtf8Bytes();
        await SeedAsync((name, SecretValue.FromBytes(bytes))).ConfigureAwait(false);

        var secret = await GetExistingAsync(name).ConfigureAwait(false);

        Assert.True(secret.Value.IsBinary, "A binary secret is read back as bytes.");
        AssertBytes(bytes, secret.Value, "binary value");
    }

    /// <summary>With Versions, the latest version's id reads that version; without, a version id is NotSupported.</summary>
    [Fact]
    public virtual async Task GetByVersionIdReadsThatVersion()
    {
        string name = Fixture.CreateScope() + "versioned";
        await SeedAsync((name, "version value")).ConfigureAwait(false);

        if (!Supports(SecretStoreCapabilities.Versions))
        {
            await AssertFailsAsync(async () => await Store.GetSecretAsync(name, SecretVersion.FromId(Fixture.MissingVersionId), CancellationToken).ConfigureAwait(false), SecretStoreErrorCode.NotSupported).ConfigureAwait(false);
            return;
        }

        var latest = await GetExistingAsync(name).ConfigureAwait(false);
        Assert.False(string.IsNullOrEmpty(latest.Version), "A store with Versions reports the version id of what it reads.");

        var byId = await GetExistingAsync(name, SecretVersion.FromId(latest.Version)).ConfigureAwait(false);

        Assert.Equal(latest.Version, byId.Version);
        AssertText("version value", byId.Value, "value read by version id");
    }

    /// <summary>With Versions, a version that does not exist reads as null, for an existing and for a missing
    /// secret; without Versions, the request is NotSupported.</summary>
    [Fact]
    public virtual async Task GetMissingVersionReturnsNull()
    {
        string scope = Fixture.CreateScope();
        string name = scope + "existing";
        await SeedAsync((name, "value")).ConfigureAwait(false);
        var missingVersion = SecretVersion.FromId(Fixture.MissingVersionId);

        if (!Supports(SecretStoreCapabilities.Versions))
        {
            await AssertFailsAsync(async () => await Store.GetSecretAsync(name, missingVersion, CancellationToken).ConfigureAwait(false), SecretStoreErrorCode.NotSupported).ConfigureAwait(false);
            return;
        }

        Assert.Null(await Store.GetSecretAsync(name, missingVersion, CancellationToken).ConfigureAwait(false));
        Assert.Null(await Store.GetSecretAsync(scope + "missing", missingVersion, CancellationToken).ConfigureAwait(false));
        await AssertFailsAsync(async () => await Store.GetRequiredSecretAsync(name, missingVersion, CancellationToken).ConfigureAwait(false), SecretStoreErrorCode.NotFound).ConfigureAwait(false);
    }

    /// <summary>With Stages, the current stage reads the latest version and a missing stage reads as null;
    /// without Stages, a stage is NotSupported.</summary>
    [Fact]
    public virtual async Task GetByStageReadsThatStage()
    {
        string name = Fixture.CreateScope() + "staged";
        await SeedAsync((name, "staged value")).ConfigureAwait(false);

        if (!Supports(SecretStoreCapabilities.Stages))
        {
            await AssertFailsAsync(async () => await Store.GetSecretAsync(name, SecretVersion.FromStage(MissingStage), CancellationToken).ConfigureAwait(false), SecretStoreErrorCode.NotSupported).ConfigureAwait(false);
            return;
        }

        Assert.Null(await Store.GetSecretAsync(name, SecretVersion.FromStage(MissingStage), CancellationToken).ConfigureAwait(false));
        Assert.SkipWhen(Fixture.CurrentStage is null, "The fixture declares no CurrentStage, so reading by the current stage is not checked.");
        var current = await GetExistingAsync(name, SecretVersion.FromStage(Fixture.CurrentStage!)).ConfigureAwait(false);
        var latest = await GetExistingAsync(name).ConfigureAwait(false);
        Assert.Equal(latest.Version, current.Version);
        AssertText("staged value", current.Value, "value read by current stage");
    }

    private static void AssertFieldsEqual(SecretValue expected, SecretValue actual)
    {
        Assert.True(expected.TryGetFields(out var expectedFields), "The test value is a JSON object.");
        Assert.True(actual.TryGetFields(out var actualFields), "A JSON object read from the store exposes its fields.");
        Assert.Equal(expectedFields.Keys.Order(StringComparer.Ordinal), actualFields.Keys.Order(StringComparer.Ordinal));
        foreach (var (field, value) in expectedFields)
        {
            AssertText(value.RevealString(), actualFields[field], $"field '{field}'");
        }
    }
}
