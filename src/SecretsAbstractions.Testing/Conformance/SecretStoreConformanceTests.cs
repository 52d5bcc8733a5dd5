using System.Text;
using Xunit;

namespace SecretsAbstractions.Testing;

/// <summary>
/// The base of every conformance suite: access to the fixture's store and helpers shared by the suites.
/// Derive from the suites (<see cref="SecretStoreReadConformanceTests{TFixture}"/>, ...), not from this class.
/// </summary>
/// <typeparam name="TFixture">The store's fixture.</typeparam>
public abstract class SecretStoreConformanceTests<TFixture> : IClassFixture<TFixture>
    where TFixture : SecretStoreFixture
{
    /// <summary>Text that exercises escaping on every backend: non-ASCII letters, an emoji, quotes, a
    /// backslash and an inner line break, but no leading or trailing white space.</summary>
    protected const string ComplexText = "p@ss w0rd \"quoted\" \\ ünïcødé 🔐\nsecond line";

    /// <summary>Creates the suite over the fixture xunit provides.</summary>
    /// <param name="fixture">The store's fixture.</param>
    protected SecretStoreConformanceTests(TFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Fixture = fixture;
    }

    /// <summary>The store's fixture.</summary>
    protected TFixture Fixture { get; }

    /// <summary>The store under test.</summary>
    protected ISecretStore Store => Fixture.Store;

    /// <summary>The current test's cancellation token.</summary>
    protected CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    /// <summary>Whether the fixture declares <paramref name="capability"/>.</summary>
    /// <param name="capability">The capability.</param>
    protected bool Supports(SecretStoreCapabilities capability) => (Fixture.Capabilities & capability) == capability;

    /// <summary>Returns the writer, or skips the test when the store is read-only. Use it only in tests whose
    /// read-only behaviour is covered elsewhere.</summary>
    protected ISecretWriter RequireWriter()
    {
        Assert.SkipUnless(Supports(SecretStoreCapabilities.Write), "The store is read-only (no Write capability); its refusal of writes is checked by WriterMatchesWriteCapability.");
        return Assert.IsAssignableFrom<ISecretWriter>(Fixture.Writer);
    }

    /// <summary>Seeds secrets through <see cref="SecretStoreFixture.SeedAsync"/>.</summary>
    /// <param name="secrets">Names and values.</param>
    protected ValueTask SeedAsync(params (string Name, SecretValue Value)[] secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return Fixture.SeedAsync(secrets.ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal), CancellationToken);
    }

    /// <summary>Seeds text secrets through <see cref="SecretStoreFixture.SeedAsync"/>.</summary>
    /// <param name="secrets">Names and values.</param>
    protected ValueTask SeedAsync(params (string Name, string Value)[] secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return SeedAsync([.. secrets.Select(s => (s.Name, SecretValue.FromString(s.Value)))]);
    }

    /// <summary>Lists every secret under <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The prefix.</param>
    protected async Task<List<SecretProperties>> ListAsync(string? prefix)
    {
        var listed = new List<SecretProperties>();
        await foreach (var properties in Store.ListSecretsAsync(prefix, CancellationToken).ConfigureAwait(false))
        {
            listed.Add(properties);
        }

        return listed;
    }

    /// <summary>Reads a secret that must exist and returns it.</summary>
    /// <param name="name">The name.</param>
    /// <param name="version">The version.</param>
    protected async Task<Secret> GetExistingAsync(string name, SecretVersion version = default)
    {
        var secret = await Store.GetSecretAsync(name, version, CancellationToken).ConfigureAwait(false);
        Assert.True(secret is not null, $"Expected secret '{name}' (version {version}) to exist, but the store returned null.");
        Assert.Equal(name, secret.Name);
        return secret;
    }

    /// <summary>Asserts that <paramref name="actual"/> is text equal to <paramref name="expected"/>,
    /// without printing either on failure.</summary>
    /// <param name="expected">The expected text.</param>
    /// <param name="actual">The value read.</param>
    /// <param name="what">What is compared, for the failure message.</param>
    protected static void AssertText(string expected, SecretValue actual, string what)
    {
        ArgumentNullException.ThrowIfNull(actual);
        Assert.False(actual.IsBinary, $"{what}: expected a text value but the store returned bytes.");
        Assert.True(string.Equals(expected, actual.RevealString(), StringComparison.Ordinal), $"{what}: the value read differs from the value written.");
    }

    /// <summary>Asserts that <paramref name="actual"/> has exactly <paramref name="expected"/> as bytes,
    /// without printing either on failure.</summary>
    /// <param name="expected">The expected bytes.</param>
    /// <param name="actual">The value read.</param>
    /// <param name="what">What is compared, for the failure message.</param>
    protected static void AssertBytes(ReadOnlySpan<byte> expected, SecretValue actual, string what)
    {
        ArgumentNullException.ThrowIfNull(actual);
        Assert.True(expected.SequenceEqual(actual.RevealBytes().Span), $"{what}: the bytes read differ from the bytes written.");
    }

    /// <summary>Runs <paramref name="operation"/> and returns the <see cref="SecretStoreException"/> it must throw.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="expected">The error code it must have.</param>
    protected static async Task<SecretStoreException> AssertFailsAsync(Func<Task> operation, SecretStoreErrorCode expected)
    {
        var error = await Assert.ThrowsAsync<SecretStoreException>(operation).ConfigureAwait(false);
        Assert.Equal(expected, error.ErrorCode);
        return error;
    }

    /// <summary>Non-UTF-8 bytes: invalid sequences, a NUL byte and every byte value.</summary>
    protected static byte[] CreateNonUtf8Bytes()
    {
        var bytes = new byte[260];
        bytes[0] = 0xFF;
        bytes[1] = 0xFE;
        bytes[2] = 0x00;
        bytes[3] = 0xC3;
        for (int i = 4; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i - 4);
        }

        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
        return bytes;
    }
}
