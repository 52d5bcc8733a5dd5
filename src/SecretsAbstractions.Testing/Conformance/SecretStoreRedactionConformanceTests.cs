using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Xunit;

namespace SecretsAbstractions.Testing;

/// <summary>Conformance of redaction: a canary value never appears in the text of the objects a store
/// returns, in the errors around it, or in anything the store logs.</summary>
/// <typeparam name="TFixture">The store's fixture.</typeparam>
/// <param name="fixture">The store's fixture.</param>
public abstract class SecretStoreRedactionConformanceTests<TFixture>(TFixture fixture) : SecretStoreConformanceTests<TFixture>(fixture)
    where TFixture : SecretStoreFixture
{
    /// <summary>Secrets, values, fields, properties and bulk results read from the store print no value:
    /// not in <c>ToString</c>, interpolation, composite formatting or JSON serialization.</summary>
    [Fact]
    public virtual async Task ReadObjectsNeverShowTheValue()
    {
        string canary = RedactionAssert.NewCanary();
        string scope = Fixture.CreateScope();
        string text = scope + "text";
        string json = scope + "json";
        await SeedAsync((text, canary), (json, $$"""{"password":"{{canary}}"}""")).ConfigureAwait(false);

        var textSecret = await GetExistingAsync(text).ConfigureAwait(false);
        var jsonSecret = await GetExistingAsync(json).ConfigureAwait(false);
        var field = jsonSecret.Value.GetField("password");
        var results = await Store.GetSecretsAsync([text, json], CancellationToken).ConfigureAwait(false);
        var listed = await ListAsync(scope).ConfigureAwait(false);

        Assert.NotNull(field);
        foreach (var secret in new[] { textSecret, jsonSecret }.Concat(results.Select(r => r.Secret!)))
        {
            AssertRedacted(canary, secret);
        }

        AssertRedacted(canary, field);
        Assert.All(results, result => RedactionAssert.DoesNotContain(canary, result.ToString(), "SecretResult.ToString()"));
        Assert.All(listed, properties => RedactionAssert.DoesNotContain(canary, properties.ToString() + string.Join(",", properties.Tags), "listed SecretProperties"));
    }

    /// <summary>Errors raised around a canary secret do not carry its value: a missing or unsupported version,
    /// a required secret that is missing, and (when writable) a set with an invalid name or a cancelled set.</summary>
    [Fact]
    public virtual async Task ErrorsNeverShowTheValue()
    {
        string canary = RedactionAssert.NewCanary();
        string scope = Fixture.CreateScope();
        string name = scope + "secret";
        await SeedAsync((name, canary)).ConfigureAwait(false);

        var versionError = await Assert.ThrowsAsync<SecretStoreException>(async () =>
            await Store.GetRequiredSecretAsync(name, SecretVersion.FromId(Fixture.MissingVersionId), CancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        RedactionAssert.NotInException(canary, versionError, "a read of a missing version");
        var missingError = await Assert.ThrowsAsync<SecretStoreException>(async () =>
            await Store.GetRequiredSecretAsync(scope + "missing", cancellationToken: CancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        RedactionAssert.NotInException(canary, missingError, "a read of a missing secret");

        if (Fixture.Writer is { } writer)
        {
            var invalidError = await Assert.ThrowsAsync<SecretStoreException>(async () =>
                await writer.SetSecretAsync("a//b", SecretValue.FromString(canary), cancellationToken: CancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            RedactionAssert.NotInException(canary, invalidError, "a set with an invalid name");
            var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
                await writer.SetSecretAsync(name, SecretValue.FromString(canary), cancellationToken: new CancellationToken(canceled: true)).ConfigureAwait(false)).ConfigureAwait(false);
            RedactionAssert.NotInException(canary, cancelled, "a cancelled set");
        }
    }

    /// <summary>Nothing the store logs, at any level, while seeding, reading, listing, writing and failing
    /// around a canary secret contains its value.</summary>
    [Fact]
    public virtual async Task LogsNeverShowTheValue()
    {
        string canary = RedactionAssert.NewCanary();
        string scope = Fixture.CreateScope();
        string name = scope + "secret";
        string json = scope + "json";
        await SeedAsync((name, canary), (json, $$"""{"password":"{{canary}}"}""")).ConfigureAwait(false);

        var secret = await GetExistingAsync(name).ConfigureAwait(false);
        _ = (await GetExistingAsync(json).ConfigureAwait(false)).Value.GetField("password");
        _ = await ListAsync(scope).ConfigureAwait(false);
        _ = await Store.GetSecretsAsync([name, json, scope + "missing", "a//b"], CancellationToken).ConfigureAwait(false);
        await IgnoreStoreErrorAsync(async () => await Store.GetSecretAsync(name, SecretVersion.FromId(Fixture.MissingVersionId), CancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        if (Fixture.Writer is { } writer)
        {
            await writer.SetSecretAsync(name, SecretValue.FromString(canary + "-next"), cancellationToken: CancellationToken).ConfigureAwait(false);
            await IgnoreStoreErrorAsync(async () => await writer.SetSecretAsync("a//b", SecretValue.FromString(canary), cancellationToken: CancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            await writer.DeleteSecretAsync(name, CancellationToken).ConfigureAwait(false);
        }

        Assert.Equal(name, secret.Name);
        RedactionAssert.NotInLogs(canary, Fixture.Logs);
    }

    // The reflection-based serializer on purpose: it checks what an application's default JsonSerializer writes.
    // Conformance tests run on the JIT in test projects, never trimmed or compiled ahead of time.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Test code, run on the JIT; checks the default serializer.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Test code, run on the JIT; checks the default serializer.")]
    private static void AssertRedacted(string canary, Secret secret)
    {
        AssertRedacted(canary, secret.Value);
        RedactionAssert.DoesNotContain(canary, secret.ToString(), "Secret.ToString()");
        RedactionAssert.DoesNotContain(canary, secret.Properties.ToString(), "SecretProperties.ToString()");
        RedactionAssert.DoesNotContain(canary, $"{secret} {secret.Properties}", "string interpolation of a Secret");
        RedactionAssert.DoesNotContain(canary, JsonSerializer.Serialize(secret), "JSON serialization of a Secret");
        RedactionAssert.DoesNotContain(canary, string.Join(",", secret.Properties.Tags) + secret.Properties.ContentType, "the tags or content type of a Secret");
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Test code, run on the JIT; checks the default serializer.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Test code, run on the JIT; checks the default serializer.")]
    private static void AssertRedacted(string canary, SecretValue value)
    {
        RedactionAssert.DoesNotContain(canary, value.ToString(), "SecretValue.ToString()");
        RedactionAssert.DoesNotContain(canary, $"{value}", "string interpolation of a SecretValue");
        RedactionAssert.DoesNotContain(canary, string.Format(CultureInfo.InvariantCulture, "{0}", value), "composite formatting of a SecretValue");
        RedactionAssert.DoesNotContain(canary, JsonSerializer.Serialize(value), "JSON serialization of a SecretValue");
    }

    private static async Task IgnoreStoreErrorAsync(Func<Task> operation)
    {
        try
        {
            await operation().ConfigureAwait(false);
        }
        catch (SecretStoreException)
        {
            // The operation is run only for what it might log.
        }
    }
}
