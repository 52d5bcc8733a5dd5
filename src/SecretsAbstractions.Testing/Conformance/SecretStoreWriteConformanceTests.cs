using Xunit;

namespace SecretsAbstractions.Testing;

/// <summary>Conformance of writes: the writer matches the Write capability, set creates versions that
/// round-trip, delete removes.</summary>
/// <typeparam name="TFixture">The store's fixture.</typeparam>
/// <param name="fixture">The store's fixture.</param>
public abstract class SecretStoreWriteConformanceTests<TFixture>(TFixture fixture) : SecretStoreConformanceTests<TFixture>(fixture)
    where TFixture : SecretStoreFixture
{
    /// <summary>A writable store offers an <see cref="ISecretWriter"/>; a read-only store offers none and its
    /// write extensions fail with NotSupported.</summary>
    [Fact]
    public virtual async Task WriterMatchesWriteCapability()
    {
        if (Supports(SecretStoreCapabilities.Write))
        {
            Assert.NotNull(Store.GetWriter());
            return;
        }

        string name = Fixture.CreateScope() + "readonly";
        Assert.Null(Store.GetWriter());
        await AssertFailsAsync(async () => await Store.SetSecretAsync(name, "value", cancellationToken: CancellationToken).ConfigureAwait(false), SecretStoreErrorCode.NotSupported).ConfigureAwait(false);
        await AssertFailsAsync(async () => await Store.DeleteSecretAsync(name, CancellationToken).ConfigureAwait(false), SecretStoreErrorCode.NotSupported).ConfigureAwait(false);
    }

    /// <summary>Set creates the secret; the returned properties name it (and its version, with Versions), and
    /// the latest read is that version.</summary>
    [Fact]
    public virtual async Task SetCreatesSecretReadableAsLatest()
    {
        var writer = RequireWriter();
        string name = Fixture.CreateScope() + "created";

        var written = await writer.SetSecretAsync(name, SecretValue.FromString(ComplexText), cancellationToken: CancellationToken).ConfigureAwait(false);

        Assert.Equal(name, written.Name);
        var secret = await GetExistingAsync(name).ConfigureAwait(false);
        AssertText(ComplexText, secret.Value, "value set");
        if (Supports(SecretStoreCapabilities.Versions))
        {
            Assert.False(string.IsNullOrEmpty(written.Version), "A store with Versions returns the id of the version it created.");
            Assert.Equal(written.Version, secret.Version);
        }
    }

    /// <summary>A second set creates a new latest version; with Versions the first stays readable by its id.</summary>
    [Fact]
    public virtual async Task SetAgainCreatesNewVersionAndKeepsOldReadable()
    {
        var writer = RequireWriter();
        string name = Fixture.CreateScope() + "rotated";

        var first = await writer.SetSecretAsync(name, SecretValue.FromString("first"), cancellationToken: CancellationToken).ConfigureAwait(false);
        var second = await writer.SetSecretAsync(name, SecretValue.FromString("second"), cancellationToken: CancellationToken).ConfigureAwait(false);

        AssertText("second", (await GetExistingAsync(name).ConfigureAwait(false)).Value, "latest after the second set");
        if (Supports(SecretStoreCapabilities.Versions))
        {
            Assert.NotEqual(first.Version, second.Version);
            var old = await GetExistingAsync(name, SecretVersion.FromId(first.Version!)).ConfigureAwait(false);
            Assert.Equal(first.Version, old.Version);
            AssertText("first", old.Value, "first version after the second set");
            AssertText("second", (await GetExistingAsync(name, SecretVersion.FromId(second.Version!)).ConfigureAwait(false)).Value, "second version by id");
        }
    }

    /// <summary>A JSON value round-trips as text and exposes the same fields.</summary>
    [Fact]
    public virtual async Task SetThenGetRoundTripsJson()
    {
        var writer = RequireWriter();
        string name = Fixture.CreateScope() + "json";
        const string json = """{"user":"app","password":"p\"w","port":5432,"flags":[true,false]}""";

        await writer.SetSecretAsync(name, SecretValue.FromString(json), cancellationToken: CancellationToken).ConfigureAwait(false);

        var secret = await GetExistingAsync(name).ConfigureAwait(false);
        AssertText(json, secret.Value, "JSON value");
        Assert.True(secret.Value.TryGetFields(out var fields), "A JSON object read back exposes its fields.");
        Assert.Equal(["flags", "password", "port", "user"], fields.Keys.Order(StringComparer.Ordinal));
        AssertText("p\"w", fields["password"], "field 'password'");
        AssertText("[true,false]", fields["flags"], "field 'flags'");
    }

    /// <summary>Non-UTF-8 bytes round-trip exactly (Binary capability).</summary>
    [Fact]
    public virtual async Task SetThenGetRoundTripsBinary()
    {
        var writer = RequireWriter();
        Assert.SkipUnless(Supports(SecretStoreCapabilities.Binary), "The store does not declare Binary; the contract does not say what it does with bytes.");
        string name = Fixture.CreateScope() + "binary";
        byte[] bytes = CreateNonUtf8Bytes();

        await writer.SetSecretAsync(name, SecretValue.FromBytes(bytes), cancellationToken: CancellationToken).ConfigureAwait(false);

        var secret = await GetExistingAsync(name).ConfigureAwait(false);
        Assert.True(secret.Value.IsBinary, "A binary secret is read back as bytes.");
        AssertBytes(bytes, secret.Value, "binary value");
    }

    /// <summary>The content type round-trips on get and list where the store records it; elsewhere a write
    /// with a content type still succeeds.</summary>
    [Fact]
    public virtual async Task SetRecordsContentTypeWhereSupported()
    {
        var writer = RequireWriter();
        string scope = Fixture.CreateScope();
        string name = scope + "typed";
        var options = new SecretWriteOptions { ContentType = "application/json" };

        await writer.SetSecretAsync(name, SecretValue.FromString("""{"a":"b"}"""), options, CancellationToken).ConfigureAwait(false);

        var secret = await GetExistingAsync(name).ConfigureAwait(false);
        AssertText("""{"a":"b"}""", secret.Value, "value written with a content type");
        if (Fixture.RecordsContentType)
        {
            Assert.Equal("application/json", secret.Properties.ContentType);
            Assert.Equal("application/json", Assert.Single(await ListAsync(scope).ConfigureAwait(false)).ContentType);
        }
    }

    /// <summary>Tags round-trip on get and list where the store records them; elsewhere a write with tags
    /// still succeeds.</summary>
    [Fact]
    public virtual async Task SetRecordsTagsWhereSupported()
    {
        var writer = RequireWriter();
        string scope = Fixture.CreateScope();
        string name = scope + "tagged";
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["owner"] = "team-a", ["env"] = "test" };

        await writer.SetSecretAsync(name, SecretValue.FromString("tagged value"), new SecretWriteOptions { Tags = tags }, CancellationToken).ConfigureAwait(false);

        var secret = await GetExistingAsync(name).ConfigureAwait(false);
        AssertText("tagged value", secret.Value, "value written with tags");
        if (Fixture.RecordsTags)
        {
            Assert.Equal(tags.OrderBy(t => t.Key, StringComparer.Ordinal), secret.Properties.Tags.OrderBy(t => t.Key, StringComparer.Ordinal));
            Assert.Equal(tags.OrderBy(t => t.Key, StringComparer.Ordinal), Assert.Single(await ListAsync(scope).ConfigureAwait(false)).Tags.OrderBy(t => t.Key, StringComparer.Ordinal));
        }
    }

    /// <summary>Delete removes the secret: get returns null, list omits it, a second delete returns false.</summary>
    [Fact]
    public virtual async Task DeleteRemovesSecret()
    {
        var writer = RequireWriter();
        string scope = Fixture.CreateScope();
        string deleted = scope + "deleted";
        string kept = scope + "kept";
        await writer.SetSecretAsync(deleted, SecretValue.FromString("one"), cancellationToken: CancellationToken).ConfigureAwait(false);
        await writer.SetSecretAsync(deleted, SecretValue.FromString("two"), cancellationToken: CancellationToken).ConfigureAwait(false);
        await writer.SetSecretAsync(kept, SecretValue.FromString("kept"), cancellationToken: CancellationToken).ConfigureAwait(false);

        Assert.True(await writer.DeleteSecretAsync(deleted, CancellationToken).ConfigureAwait(false), "Deleting an existing secret returns true.");

        Assert.Null(await Store.GetSecretAsync(deleted, cancellationToken: CancellationToken).ConfigureAwait(false));
        await AssertFailsAsync(async () => await Store.GetRequiredSecretAsync(deleted, cancellationToken: CancellationToken).ConfigureAwait(false), SecretStoreErrorCode.NotFound).ConfigureAwait(false);
        Assert.Equal([kept], (await ListAsync(scope).ConfigureAwait(false)).Select(p => p.Name));
        Assert.False(await writer.DeleteSecretAsync(deleted, CancellationToken).ConfigureAwait(false), "Deleting a deleted secret returns false.");
        AssertText("kept", (await GetExistingAsync(kept).ConfigureAwait(false)).Value, "a sibling of the deleted secret");
    }

    /// <summary>Deleting a secret that never existed returns false.</summary>
    [Fact]
    public virtual async Task DeleteOfMissingSecretReturnsFalse()
    {
        var writer = RequireWriter();

        Assert.False(await writer.DeleteSecretAsync(Fixture.CreateScope() + "never", CancellationToken).ConfigureAwait(false));
    }

    /// <summary>A deleted secret can be set again and is then readable.</summary>
    [Fact]
    public virtual async Task SetAfterDeleteCreatesSecretAgain()
    {
        var writer = RequireWriter();
        string name = Fixture.CreateScope() + "reborn";
        await writer.SetSecretAsync(name, SecretValue.FromString("before"), cancellationToken: CancellationToken).ConfigureAwait(false);
        await writer.DeleteSecretAsync(name, CancellationToken).ConfigureAwait(false);

        await writer.SetSecretAsync(name, SecretValue.FromString("after"), cancellationToken: CancellationToken).ConfigureAwait(false);

        AssertText("after", (await GetExistingAsync(name).ConfigureAwait(false)).Value, "value set after a delete");
    }
}
