using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HostedApp;

/// <summary>Logs when the options that hold secrets change. It logs lengths, never the values.</summary>
internal sealed partial class SecretWatcher(
    IOptionsMonitor<DatabaseOptions> database,
    IOptionsMonitor<ApiOptions> api,
    ILogger<SecretWatcher> logger) : IHostedService, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Started(logger, database.CurrentValue.Password.Length, api.CurrentValue.Key.Length);
        string lastPassword = database.CurrentValue.Password;
        string lastKey = api.CurrentValue.Key;
        _subscriptions.Add(database.OnChange(options =>
        {
            if (!string.Equals(Interlocked.Exchange(ref lastPassword, options.Password), options.Password, StringComparison.Ordinal))
            {
                Rotated(logger, "Database:Password", options.Password.Length);
            }
        })!);
        _subscriptions.Add(api.OnChange(options =>
        {
            if (!string.Equals(Interlocked.Exchange(ref lastKey, options.Key), options.Key, StringComparison.Ordinal))
            {
                Rotated(logger, "Api:Key", options.Key.Length);
            }
        })!);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching secrets: Database:Password has {PasswordLength} characters, Api:Key {KeyLength}. Change a file under the secrets folder to rotate one.")]
    private static partial void Started(ILogger logger, int passwordLength, int keyLength);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Key} was rotated; IOptionsMonitor now has a value of {Length} characters.")]
    private static partial void Rotated(ILogger logger, string key, int length);
}
