// A generic host whose IOptionsMonitor<T> picks up rotated secrets live.
//
//   dotnet run --project samples/HostedApp              runs until Ctrl+C; rotate a secret by editing a file under the
//                                                       secrets folder it prints (for example with `echo -n new > ...`)
//   dotnet run --project samples/HostedApp -- --demo    rotates both secrets itself in a temporary folder, waits for
//                                                       IOptionsMonitor to see them, checks health, exits 0 (a smoke test)
//
// Two ways secrets reach configuration, both reloading on an interval:
// - AddSecretStore loads the secrets under "hostedapp/" as keys: hostedapp/Database/Password is Database:Password.
// - AddSecretReferences resolves ${secret:...} in any other value: appsettings.json's Api:Key is
//   ${secret:secret://local/shared/api-key}.
// Values are never printed or logged: only their lengths.
using System.Diagnostics;
using System.Security.Cryptography;
using HostedApp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecretsAbstractions;
using SecretsAbstractions.Configuration;

const string PasswordSecret = "hostedapp/Database/Password";
const string ApiKeySecret = "shared/api-key";

bool demo = args.Contains("--demo");
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = [.. args.Where(a => a != "--demo")],
    ContentRootPath = AppContext.BaseDirectory,
});

var settings = builder.Configuration.GetSection("Secrets").Get<SecretsSettings>() ?? new SecretsSettings();
if (demo)
{
    // Fast enough for a smoke test; the cache's time to live stays below the reload interval.
    settings.Path = Directory.CreateTempSubdirectory("hostedapp-secrets-").FullName;
    settings.ReloadInterval = TimeSpan.FromSeconds(1);
    settings.CacheTimeToLive = TimeSpan.FromMilliseconds(500);
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
}

string folder = Path.GetFullPath(settings.Path, builder.Environment.ContentRootPath);
Directory.CreateDirectory(folder);
try
{
    // What an operator or a secrets operator does from outside the application: write new values to the store.
    var rotator = new FileSecretStore(new FileSecretStoreOptions { Path = folder, StoreName = "rotator", AllowWrites = true });
    await SeedAsync(rotator, PasswordSecret, ApiKeySecret);

    // The application's view of the store: resilience inside, a cache outside. The cache keeps direct reads cheap; its
    // time to live is below the reload interval and refresh-ahead is off, so every reload reads past it.
    ISecretStore local = new FileSecretStore(new FileSecretStoreOptions { Path = folder, StoreName = "local", TrimTrailingNewLine = true })
        .AsBuilder()
        .UseCaching(o =>
        {
            o.TimeToLive = settings.CacheTimeToLive;
            o.RefreshAheadThreshold = null;
        })
        .UseResilience()
        .Build();
    using var ownedStore = local as IDisposable;

    // Configuration is built before the host's logging: give the providers a console logger of their own.
    using var configurationLogging = LoggerFactory.Create(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning));

    // AddSecretReferences takes over the sources added so far (appsettings.json, environment, command line). The
    // secret store source comes after it: its values are secrets, never scanned for references, and it stays at the
    // root of configuration, where SecretStoreConfigurationHealthCheck finds it.
    builder.Configuration
        .AddSecretReferences(new Dictionary<string, ISecretStore> { ["local"] = local }, options =>
        {
            options.ReloadInterval = settings.ReloadInterval;
            options.LoggerFactory = configurationLogging;
        })
        .AddSecretStore(local, options =>
        {
            options.Prefix = "hostedapp/";
            options.ReloadInterval = settings.ReloadInterval;
            options.LoggerFactory = configurationLogging;
        });

    builder.Services.AddKeyedSecretStore("local", local);
    builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection("Database"));
    builder.Services.Configure<ApiOptions>(builder.Configuration.GetSection("Api"));
    builder.Services.AddHostedService<SecretWatcher>();
    builder.Services.AddHealthChecks()
        .Add(SecretStoreHealthCheck.CreateRegistration("secret-store-local", storeKey: "local"))
        .Add(SecretStoreConfigurationHealthCheck.CreateRegistration("secrets-configuration"))
        .Add(SecretReferenceHealthCheck.CreateRegistration("secret-references"));

    using var host = builder.Build();
    if (!demo)
    {
        Console.WriteLine($"Secrets folder: {folder}");
        await host.RunAsync();
        return 0;
    }

    return await RunDemoAsync(host, rotator);
}
finally
{
    if (demo)
    {
        Directory.Delete(folder, recursive: true);
    }
}

static async Task SeedAsync(ISecretStore store, params string[] names)
{
    foreach (string name in names)
    {
        if (await store.GetSecretAsync(name) is null)
        {
            await store.SetSecretAsync(name, NewSecret(24));
        }
    }
}

static string NewSecret(int length) =>
    RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);

static async Task<int> RunDemoAsync(IHost host, ISecretStore rotator)
{
    await host.StartAsync();
    var database = host.Services.GetRequiredService<IOptionsMonitor<DatabaseOptions>>();
    var api = host.Services.GetRequiredService<IOptionsMonitor<ApiOptions>>();
    Console.WriteLine(
        $"Started: Database:Password has {database.CurrentValue.Password.Length} characters, Api:Key {api.CurrentValue.Key.Length} (values are never printed).");

    var clock = new Stopwatch();
    var passwordSeen = WhenChanged(database, o => o.Password, clock);
    var keySeen = WhenChanged(api, o => o.Key, clock);
    clock.Start();
    await rotator.SetSecretAsync(PasswordSecret, NewSecret(40));
    await rotator.SetSecretAsync(ApiKeySecret, NewSecret(48));
    Console.WriteLine($"Rotated {PasswordSecret} (now 40 characters) and {ApiKeySecret} (now 48) in the store.");

    try
    {
        await Task.WhenAll(passwordSeen, keySeen).WaitAsync(TimeSpan.FromSeconds(30));
    }
    catch (TimeoutException)
    {
        Console.WriteLine($"FAILED: after 30 s, IOptionsMonitor saw the new password: {passwordSeen.IsCompleted}, the new API key: {keySeen.IsCompleted}.");
        await host.StopAsync();
        return 1;
    }

    var (passwordAfter, passwordLength) = await passwordSeen;
    var (keyAfter, keyLength) = await keySeen;
    Console.WriteLine($"IOptionsMonitor<DatabaseOptions> saw the rotated password after {passwordAfter.TotalSeconds:F1} s ({passwordLength} characters; AddSecretStore).");
    Console.WriteLine($"IOptionsMonitor<ApiOptions> saw the rotated API key after {keyAfter.TotalSeconds:F1} s ({keyLength} characters; ${{secret:...}} reference).");

    var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    foreach (var (name, entry) in health.Entries)
    {
        Console.WriteLine($"Health '{name}': {entry.Status} ({entry.Description})");
    }

    await host.StopAsync();
    bool ok = passwordLength == 40 && keyLength == 48 && health.Status == HealthStatus.Healthy;
    Console.WriteLine(ok ? "Demo passed." : "FAILED: unexpected lengths or health.");
    return ok ? 0 : 1;
}

static Task<(TimeSpan After, int Length)> WhenChanged<T>(IOptionsMonitor<T> monitor, Func<T, string> read, Stopwatch clock)
{
    string before = read(monitor.CurrentValue);
    var seen = new TaskCompletionSource<(TimeSpan, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
    var subscription = monitor.OnChange(options =>
    {
        string now = read(options);
        if (!string.Equals(now, before, StringComparison.Ordinal))
        {
            seen.TrySetResult((clock.Elapsed, now.Length));
        }
    });
    _ = seen.Task.ContinueWith(_ => subscription?.Dispose(), TaskScheduler.Default);
    return seen.Task;
}
