using System.Globalization;
using Microsoft.Extensions.Logging;
using SecretsAbstractions.Testing.Internal;
using Xunit;

namespace SecretsAbstractions.Testing;

/// <summary>
/// Creates the store under test for the conformance suites. A store's test project derives one
/// fixture from this class and one concrete test class from each suite (see <see cref="ConformanceCoverage"/>).
/// </summary>
/// <remarks>
/// <para>xunit creates one fixture per test class (<see cref="IClassFixture{TFixture}"/>), so each suite gets
/// its own store. Tests still isolate themselves from each other with <see cref="CreateScope"/>, so that a
/// fixture may share one backend (a protocol test server, a dev server) between suites.</para>
/// <para>The store receives <see cref="LoggerFactory"/>, which records every log record in <see cref="Logs"/>
/// so the suites can prove that no secret value is ever logged.</para>
/// </remarks>
public abstract class SecretStoreFixture : IAsyncLifetime
{
    private const string DefaultNameRoot = "conformance";

    private readonly string _runId = Guid.NewGuid().ToString("N")[..12];
    private ISecretStore? _store;
    private long _scopeCount;

    /// <summary>Creates the fixture and its log capture.</summary>
    protected SecretStoreFixture()
    {
        Logs = new CapturingLoggerProvider();
        LoggerFactory = new CapturingLoggerFactory(Logs);
    }

    /// <summary>What the store under test can do. The suites check that the store's
    /// <see cref="SecretStoreMetadata"/> reports exactly this, and test the absence behaviour of every
    /// capability not declared.</summary>
    public abstract SecretStoreCapabilities Capabilities { get; }

    /// <summary>The store under test, created by <see cref="CreateStoreAsync"/> in <see cref="InitializeAsync"/>.</summary>
    /// <exception cref="InvalidOperationException">The fixture has not been initialized.</exception>
    public ISecretStore Store => _store ?? throw new InvalidOperationException("The fixture has not been initialized; xunit calls InitializeAsync before the first test.");

    /// <summary>The store's write capability, or <see langword="null"/> when it is read-only.</summary>
    public ISecretWriter? Writer => Store.GetWriter();

    /// <summary>Every log record, scope and exception the store logged through <see cref="LoggerFactory"/>.</summary>
    public CapturingLoggerProvider Logs { get; }

    /// <summary>The logger factory to give the store; everything logged through it is captured in <see cref="Logs"/>.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>How many calls the store has made to its backend so far (HTTP requests, file reads), or
    /// <see langword="null"/> when the fixture cannot observe them (the default). When reported, the suites
    /// prove that invalid names fail before any backend call.</summary>
    public virtual long? BackendCallCount => null;

    /// <summary>Whether the store records <see cref="SecretWriteOptions.ContentType"/> and returns it in
    /// <see cref="SecretProperties.ContentType"/>; <see langword="false"/> by default. When it does not, the
    /// suites check that a write with a content type still succeeds (the store ignores what it cannot record).</summary>
    public virtual bool RecordsContentType => false;

    /// <summary>Whether the store records <see cref="SecretWriteOptions.Tags"/> and returns them in
    /// <see cref="SecretProperties.Tags"/>; <see langword="false"/> by default. When it does not, the suites
    /// check that a write with tags still succeeds.</summary>
    public virtual bool RecordsTags => false;

    /// <summary>A version id, well-formed for this backend, that no secret has; <c>999999999</c> by default.
    /// Override it when the backend's version ids have a fixed shape (a UUID, 32 hex digits).</summary>
    public virtual string MissingVersionId => "999999999";

    /// <summary>The stage that always designates the latest version (AWS <c>AWSCURRENT</c>), for stores with
    /// <see cref="SecretStoreCapabilities.Stages"/>; <see langword="null"/> by default, which skips that check.</summary>
    public virtual string? CurrentStage => null;

    /// <summary>The first segment of every name the suites use; <c>conformance</c> by default.</summary>
    protected virtual string NameRoot => DefaultNameRoot;

    /// <summary>The prefix, ending with <c>/</c>, under which everything this fixture creates is named:
    /// the name root followed by a segment unique to this fixture instance.</summary>
    public string RunPrefix => string.Concat(NameRoot, "/", _runId, "/");

    /// <summary>Returns a new prefix, ending with <c>/</c>, that no other test uses. Names built from it
    /// use only lower-case ASCII letters, digits and <c>/</c>, which every backend accepts.</summary>
    public string CreateScope() =>
        string.Create(CultureInfo.InvariantCulture, $"{RunPrefix}s{Interlocked.Increment(ref _scopeCount)}/");

    /// <summary>Puts secrets into the backend, the way the application's operators would.
    /// The default writes each one, in order, through the store's <see cref="ISecretWriter"/>;
    /// a read-only store overrides it to use the backend's own means (environment variables, files).</summary>
    /// <param name="secrets">The secrets, by logical name.</param>
    /// <param name="cancellationToken">Cancels seeding.</param>
    /// <exception cref="InvalidOperationException">The store is read-only and the fixture does not override this method.</exception>
    public virtual async ValueTask SeedAsync(IReadOnlyDictionary<string, SecretValue> secrets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var writer = Writer ?? throw new InvalidOperationException(
            $"{GetType().Name}: the store under test is read-only, so the fixture must override SeedAsync to seed secrets through the backend's own means.");
        foreach (var (name, value) in secrets)
        {
            await writer.SetSecretAsync(name, value, options: null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates the store under test.</summary>
    /// <param name="loggerFactory">The logger factory to give the store.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>The store.</returns>
    protected abstract ValueTask<ISecretStore> CreateStoreAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken);

    /// <summary>Creates the store under test.</summary>
    public virtual async ValueTask InitializeAsync()
    {
        _store = await CreateStoreAsync(LoggerFactory, TestContext.Current.CancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{GetType().Name}.CreateStoreAsync returned null.");
    }

    /// <summary>Removes what the suites created and disposes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Removes what the suites created (<see cref="CleanUpAsync"/>), then disposes the store and the loggers.</summary>
    protected virtual async ValueTask DisposeAsyncCore()
    {
        if (_store is null)
        {
            return;
        }

        try
        {
            await CleanUpAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            switch (_store)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }

            LoggerFactory.Dispose();
        }
    }

    /// <summary>Deletes every secret under <see cref="RunPrefix"/> when the store is writable, so that runs
    /// against a long-lived backend leave nothing behind. Override it to clean up another way, or not at all.</summary>
    /// <param name="cancellationToken">Cancels the clean-up.</param>
    protected virtual async ValueTask CleanUpAsync(CancellationToken cancellationToken)
    {
        if (Writer is not { } writer)
        {
            return;
        }

        var names = new List<string>();
        await foreach (var properties in Store.ListSecretsAsync(RunPrefix, cancellationToken).ConfigureAwait(false))
        {
            names.Add(properties.Name);
        }

        foreach (string name in names)
        {
            await writer.DeleteSecretAsync(name, cancellationToken).ConfigureAwait(false);
        }
    }
}
