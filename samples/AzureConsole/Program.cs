// AzureConsole: read secrets from Azure Key Vault through the portable ISecretStore, with resilience.
// Needs a vault and an identity DefaultAzureCredential can use (az login, environment, managed identity):
//   AZURE_KEYVAULT_URL=https://myvault.vault.azure.net/ dotnet run --project samples/AzureConsole -- app/
// The argument is a listing prefix of logical names; Key Vault's "app--db--password" is "app/db/password".
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecretsAbstractions;

string? vaultUrl = Environment.GetEnvironmentVariable("AZURE_KEYVAULT_URL");
if (!Uri.TryCreate(vaultUrl, UriKind.Absolute, out var vaultUri))
{
    Console.Error.WriteLine("Set AZURE_KEYVAULT_URL to your vault's URI, such as https://myvault.vault.azure.net/.");
    return 2;
}

string prefix = args.Length > 0 ? args[0] : string.Empty;

var services = new ServiceCollection();
services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Information));
// The SDK sends each request once; UseResilience is the one layer that retries (honouring Retry-After).
services.AddAzureKeyVaultSecretStore(options => options.VaultUri = vaultUri)
    .UseResilience();
await using var provider = services.BuildServiceProvider();
var store = provider.GetRequiredService<ISecretStore>();

try
{
    var now = TimeProvider.System.GetUtcNow();
    int count = 0;
    await foreach (var properties in store.ListSecretsAsync(prefix))
    {
        count++;
        string state = !properties.Enabled ? "disabled" : properties.IsActiveAt(now) ? "active" : "expired or not yet valid";
        Console.WriteLine($"{properties.Name,-50} {state}, updated {properties.UpdatedOn:u}");
        if (properties.IsActiveAt(now))
        {
            // Printing a value prints a redaction marker; reveal it only where the application needs it.
            var secret = await store.GetRequiredSecretAsync(properties.Name);
            Console.WriteLine($"  version {secret.Version}, value {secret.Value}, {secret.Value.RevealString().Length} characters");
        }
    }

    Console.WriteLine($"{count} secret(s) under '{prefix}'.");
    return 0;
}
catch (SecretStoreException error)
{
    // The portable error code says what to do: Unauthenticated (sign in), AccessDenied (grant a role), Throttled, ...
    Console.Error.WriteLine($"{error.ErrorCode}: {error.Message}");
    return 1;
}
