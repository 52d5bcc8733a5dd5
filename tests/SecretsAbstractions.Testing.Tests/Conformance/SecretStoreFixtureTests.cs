using Microsoft.Extensions.Logging;
using SecretsAbstractions.Testing.Tests.Conformance.InMemory;

namespace SecretsAbstractions.Testing.Tests.Conformance;

public sealed class SecretStoreFixtureTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public void Scopes_are_unique_valid_prefixes_under_the_run_prefix()
    {
        var fixture = new InMemorySecretStoreFixture();

        var scopes = Enumerable.Range(0, 100).Select(_ => fixture.CreateScope()).ToList();

        Assert.Equal(scopes.Count, scopes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(scopes, scope =>
        {
            Assert.StartsWith(fixture.RunPrefix, scope, StringComparison.Ordinal);
            Assert.EndsWith("/", scope, StringComparison.Ordinal);
            Assert.True(SecretName.IsValid(scope + "name"));
            Assert.Matches("^[a-z0-9/]+$", scope);
        });
        Assert.NotEqual(fixture.RunPrefix, new InMemorySecretStoreFixture().RunPrefix);
    }

    [Fact]
    public void Store_is_unavailable_before_initialization()
    {
        var fixture = new InMemorySecretStoreFixture();

        Assert.Throws<InvalidOperationException>(() => fixture.Store);
    }

    [Fact]
    public async Task Default_seeding_writes_through_the_writer()
    {
        await using var fixture = new InMemorySecretStoreFixture();
        await fixture.InitializeAsync();
        string name = fixture.CreateScope() + "seeded";

        await fixture.SeedAsync(new Dictionary<string, SecretValue> { [name] = SecretValue.FromString("seeded value") }, CancellationToken);

        var secret = await fixture.Store.GetRequiredSecretAsync(name, cancellationToken: CancellationToken);
        Assert.Equal("seeded value", secret.Value.RevealString());
    }

    [Fact]
    public async Task Default_seeding_of_a_read_only_store_explains_what_to_override()
    {
        await using var fixture = new ReadOnlyWithoutSeeding();
        await fixture.InitializeAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await fixture.SeedAsync(new Dictionary<string, SecretValue> { ["a"] = SecretValue.FromString("x") }, CancellationToken));

        Assert.Contains("override SeedAsync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposal_deletes_everything_under_the_run_prefix_and_nothing_else()
    {
        var backend = new InMemorySecretStore();
        await backend.SetSecretAsync("outside/kept", "kept", cancellationToken: CancellationToken);
        var fixture = new SharedBackendFixture(backend);
        await fixture.InitializeAsync();
        await fixture.SeedAsync(
            new Dictionary<string, SecretValue>
            {
                [fixture.CreateScope() + "a"] = SecretValue.FromString("a"),
                [fixture.CreateScope() + "b/c"] = SecretValue.FromString("c"),
            },
            CancellationToken);

        await fixture.DisposeAsync();

        var remaining = new List<string>();
        await foreach (var properties in backend.ListSecretsAsync(cancellationToken: CancellationToken))
        {
            remaining.Add(properties.Name);
        }

        Assert.Equal(["outside/kept"], remaining);
    }

    [Fact]
    public async Task The_store_logs_into_the_capture()
    {
        await using var fixture = new SharedBackendFixture(new InMemorySecretStore());
        await fixture.InitializeAsync();

        fixture.LoggerFactory.CreateLogger("Probe").LogInformation("Hello {Who}", "world");

        var record = Assert.Single(fixture.Logs.Records);
        Assert.Equal("Probe", record.Category);
        Assert.Equal("Hello world", record.Message);
    }

    private sealed class SharedBackendFixture(InMemorySecretStore backend) : SecretStoreFixture
    {
        public override SecretStoreCapabilities Capabilities => SecretStoreCapabilities.Write | SecretStoreCapabilities.Versions | SecretStoreCapabilities.Binary;

        protected override ValueTask<ISecretStore> CreateStoreAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
            ValueTask.FromResult<ISecretStore>(backend);
    }

    private sealed class ReadOnlyWithoutSeeding : SecretStoreFixture
    {
        public override SecretStoreCapabilities Capabilities => SecretStoreCapabilities.None;

        protected override ValueTask<ISecretStore> CreateStoreAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
            ValueTask.FromResult<ISecretStore>(new ReadOnlyAdapter.ReadOnlyAdapterSecretStore(new InMemorySecretStore(), loggerFactory.CreateLogger<ReadOnlyAdapter.ReadOnlyAdapterSecretStore>()));
    }
}
