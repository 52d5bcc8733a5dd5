using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.AzureKeyVault.Tests;

/// <summary>A canary value and the bearer token never appear in the store's logs, the Azure SDK's own event
/// source logs, exceptions, or the URIs sent to Key Vault.</summary>
public sealed class RedactionTests : IAsyncLifetime
{
    private KeyVaultHarness _harness = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await KeyVaultHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Canary_and_token_stay_out_of_logs_exceptions_and_uris()
    {
        string canary = RedactionAssert.NewCanary();
        string token = _harness.Server.AcceptedToken;
        var sdkEvents = new ConcurrentQueue<string>();
        using var listener = new AzureEventSourceListener(
            (e, message) => sdkEvents.Enqueue(message + " " + string.Join(" ", e.Payload ?? [])),
            EventLevel.Verbose);
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var store = _harness.CreateStore(logger: loggerFactory.CreateLogger<AzureKeyVaultSecretStore>());
        var errors = new List<Exception>();

        await store.SetSecretAsync("app/canary", canary, new SecretWriteOptions { ContentType = "text/plain" }, Ct);
        await store.SetSecretAsync("app/json", $$"""{"password":"{{canary}}"}""", cancellationToken: Ct);
        var secret = await store.GetRequiredSecretAsync("app/canary", cancellationToken: Ct);
        _ = await store.GetSecretsAsync(["app/canary", "app/json", "app/missing"], Ct);
        _ = await store.ListSecretsAsync("app/", Ct).ToListAsync(Ct);
        _harness.Server.ThrottleNext(1, retryAfterSeconds: 3);
        errors.Add(await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("app/canary", cancellationToken: Ct)));
        _harness.Server.Disable("app--canary");
        errors.Add(await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("app/canary", cancellationToken: Ct)));
        await store.DeleteSecretAsync("app/canary", Ct);
        errors.Add(await Assert.ThrowsAsync<SecretStoreException>(async () => await store.SetSecretAsync("app/canary", canary, cancellationToken: Ct)));
        _harness.Server.FailNext(500, "InternalServerError", "Injected.");
        errors.Add(await Assert.ThrowsAsync<SecretStoreException>(async () => await store.SetSecretAsync("app/other", canary, cancellationToken: Ct)));

        Assert.Equal(canary, secret.Value.RevealString());
        Assert.NotEmpty(sdkEvents);
        Assert.NotEmpty(logs.Records);
        foreach (string secretText in new[] { canary, token })
        {
            RedactionAssert.NotInLogs(secretText, logs);
            Assert.All(sdkEvents, e => RedactionAssert.DoesNotContain(secretText, e, "the Azure SDK's event source logs"));
            Assert.All(errors, e => RedactionAssert.NotInException(secretText, e, "a failed Key Vault operation"));
            Assert.All(_harness.Server.Requests, r => RedactionAssert.DoesNotContain(secretText, r.Target + string.Join(",", r.Headers.Values), "a request URI or header"));
        }
    }

    /// <summary>The capture above can fail: with the SDK's content logging on (which the store's options refuse),
    /// the same listener sees the value.</summary>
    [Fact]
    public async Task The_event_listener_would_see_values_if_content_logging_were_on()
    {
        string canary = RedactionAssert.NewCanary();
        var sdkEvents = new ConcurrentQueue<string>();
        using var listener = new AzureEventSourceListener(
            (e, message) => sdkEvents.Enqueue(message + " " + string.Join(" ", e.Payload ?? [])),
            EventLevel.Verbose);
        var options = _harness.Server.CreateClientOptions();
        options.Diagnostics.IsLoggingContentEnabled = true;
        var client = new SecretClient(_harness.Server.VaultUri, _harness.Credential, options);

        await client.SetSecretAsync("leaky", canary, Ct);

        Assert.Contains(sdkEvents, e => e.Contains(canary, StringComparison.Ordinal));
    }
}
