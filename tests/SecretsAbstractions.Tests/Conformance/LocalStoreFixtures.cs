using System.Collections;
using Microsoft.Extensions.Logging;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Tests.Conformance;

/// <summary>Environment variables under a prefix unique to this fixture, seeded with
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> and removed afterwards.</summary>
public sealed class EnvironmentVariablesFixture : SecretStoreFixture
{
    private readonly string _prefix = $"SA_CONFORMANCE_{Guid.NewGuid():N}_";

    public override SecretStoreCapabilities Capabilities => SecretStoreCapabilities.None;

    public override ValueTask SeedAsync(IReadOnlyDictionary<string, SecretValue> secrets, CancellationToken cancellationToken = default)
    {
        foreach (var (name, value) in secrets)
        {
            Environment.SetEnvironmentVariable(_prefix + name.Replace("/", "__", StringComparison.Ordinal), value.RevealString());
        }

        return ValueTask.CompletedTask;
    }

    protected override ValueTask<ISecretStore> CreateStoreAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ISecretStore>(new EnvironmentVariablesSecretStore(new EnvironmentVariablesSecretStoreOptions { Prefix = _prefix }));

    protected override ValueTask CleanUpAsync(CancellationToken cancellationToken)
    {
        foreach (string variable in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(v => v.StartsWith(_prefix, StringComparison.Ordinal)))
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Base of the file store fixtures: a temporary root deleted afterwards.</summary>
public abstract class FileStoreFixture : SecretStoreFixture
{
    protected string Root { get; } = Directory.CreateTempSubdirectory("sa-conformance-").FullName;

    protected abstract FileSecretStoreOptions CreateOptions();

    protected override ValueTask<ISecretStore> CreateStoreAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ISecretStore>(new FileSecretStore(CreateOptions(), logger: loggerFactory.CreateLogger<FileSecretStore>()));

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        Directory.Delete(Root, recursive: true);
    }
}

/// <summary>A read-only secrets directory, as mounted by Kubernetes or Docker, seeded by writing files.</summary>
public sealed class ReadOnlyDirectoryFixture : FileStoreFixture
{
    public override SecretStoreCapabilities Capabilities => SecretStoreCapabilities.Binary;

    public override async ValueTask SeedAsync(IReadOnlyDictionary<string, SecretValue> secrets, CancellationToken cancellationToken = default)
    {
        foreach (var (name, value) in secrets)
        {
            string path = Path.Combine([Root, .. name.Split('/')]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, value.RevealBytes().ToArray(), cancellationToken);
        }
    }

    protected override FileSecretStoreOptions CreateOptions() => new() { Path = Root };
}

/// <summary>A writable secrets directory, seeded through the store's own writer.</summary>
public sealed class WritableDirectoryFixture : FileStoreFixture
{
    public override SecretStoreCapabilities Capabilities => SecretStoreCapabilities.Write | SecretStoreCapabilities.Binary;

    protected override FileSecretStoreOptions CreateOptions() => new() { Path = Root, AllowWrites = true };
}

/// <summary>A writable JSON secrets file, seeded through the store's own writer.</summary>
public sealed class WritableJsonFileFixture : FileStoreFixture
{
    public override SecretStoreCapabilities Capabilities => SecretStoreCapabilities.Write;

    protected override FileSecretStoreOptions CreateOptions() =>
        new() { Path = Path.Combine(Root, "secrets.json"), Format = FileSecretStoreFormat.Json, AllowWrites = true };
}

/// <summary>Two in-memory layers read as one through <see cref="CompositeSecretStore"/>, seeded into the lower layer.</summary>
public sealed class CompositeFixture : SecretStoreFixture
{
    private readonly InMemorySecretStore _upper = new();
    private readonly InMemorySecretStore _lower = new();

    public override SecretStoreCapabilities Capabilities => SecretStoreCapabilities.Versions | SecretStoreCapabilities.Binary;

    public override async ValueTask SeedAsync(IReadOnlyDictionary<string, SecretValue> secrets, CancellationToken cancellationToken = default)
    {
        foreach (var (name, value) in secrets)
        {
            await _lower.SetSecretAsync(name, value, cancellationToken: cancellationToken);
        }
    }

    protected override ValueTask<ISecretStore> CreateStoreAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ISecretStore>(new CompositeSecretStore(_upper, _lower));
}
