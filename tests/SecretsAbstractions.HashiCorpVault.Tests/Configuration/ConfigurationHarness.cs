using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using SecretsAbstractions.Configuration;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Tests.Configuration;

/// <summary>
/// One configuration built over an adapter's store with <c>AddSecretStore</c>, its reloads driven by a
/// <see cref="FakeTimeProvider"/>: the provider's logs are captured, change notifications counted, and each tick the
/// clock starts is awaited. Shared by the adapter test projects (linked into the AWS and Azure ones).
/// </summary>
internal sealed class ConfigurationHarness : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private IDisposable? _changeSubscription;

    public ConfigurationHarness(FakeTimeProvider time)
    {
        Time = time;
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
    }

    public FakeTimeProvider Time { get; }

    /// <summary>Every log of the configuration providers (and of the store, when it is created with <see cref="LoggerFactory"/>).</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public ILoggerFactory LoggerFactory { get; }

    public IConfigurationRoot Root { get; private set; } = null!;

    public SecretStoreConfigurationProvider Provider => Root.Providers.OfType<SecretStoreConfigurationProvider>().Single();

    public int ChangeNotifications { get; private set; }

    /// <summary>Builds a configuration over <paramref name="store"/> with the harness's clock and logs, reloading every
    /// <see cref="Interval"/>, then <paramref name="configure"/>.</summary>
    public IConfigurationRoot Build(ISecretStore store, Action<SecretStoreConfigurationOptions>? configure = null)
    {
        Root = new ConfigurationBuilder()
            .AddSecretStore(store, options =>
            {
                options.TimeProvider = Time;
                options.LoggerFactory = LoggerFactory;
                options.ReloadInterval = Interval;
                configure?.Invoke(options);
            })
            .Build();
        _changeSubscription = ChangeToken.OnChange(Root.GetReloadToken, () => ChangeNotifications++);
        return Root;
    }

    /// <summary>Advances the clock by one reload interval, checks that the reload timer fired once, waits for the
    /// reload it started, and checks that it succeeded (or, with <paramref name="expectFailure"/>, that it failed).</summary>
    public async Task TickAsync(bool expectFailure = false)
    {
        long before = Provider.TimerTicks;
        Time.Advance(Interval);
        Assert.Equal(before + 1, Provider.TimerTicks);
        var tick = Provider.CurrentTick;
        await tick;
        Assert.True(tick.IsCompletedSuccessfully, "the reload task ended in a fault or cancellation");
        Assert.True(expectFailure == Provider.Status.IsFailing, $"expected the reload to {(expectFailure ? "fail" : "succeed")}; last error: {Provider.Status.LastErrorType}");
    }

    /// <summary>Writes the secrets every adapter's configuration tests start from: two under <c>app/</c> (one a JSON
    /// object) and one outside it.</summary>
    public static async Task SeedAsync(ISecretStore store, CancellationToken cancellationToken)
    {
        await store.SetSecretAsync("app/db/password", "pw", cancellationToken: cancellationToken);
        await store.SetSecretAsync("app/json", """{"user":"u","hosts":["a","b"]}""", cancellationToken: cancellationToken);
        await store.SetSecretAsync("other/outside", "x", cancellationToken: cancellationToken);
    }

    /// <summary>Checks that the seeded secrets under <c>app/</c>, and only those, became keys, the JSON object as
    /// child keys.</summary>
    public static void AssertSeededKeys(IConfiguration root) =>
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["db:password"] = "pw",
                ["json:hosts:0"] = "a",
                ["json:hosts:1"] = "b",
                ["json:user"] = "u",
            },
            root.AsEnumerable().Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary());

    /// <summary>Every key and value of <paramref name="root"/>, to compare before and after reloads.</summary>
    public static Dictionary<string, string?> Snapshot(IConfiguration root) => root.AsEnumerable().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public void Dispose()
    {
        _changeSubscription?.Dispose();
        (Root as IDisposable)?.Dispose();
        LoggerFactory.Dispose();
        Logs.Dispose();
    }
}
