// VaultConsole: write, read and list secrets in HashiCorp Vault through the portable ISecretStore.
// Start a dev server (in-memory, KV v2 at "secret/", root token "root") and point the sample at it:
//   vault server -dev -dev-root-token-id=root
//   VAULT_ADDR=http://127.0.0.1:8200 VAULT_TOKEN=root dotnet run --project samples/VaultConsole
// Every VAULT_* variable the vault CLI reads is honoured (VAULT_NAMESPACE, VAULT_CACERT, ...); ~/.vault-token too.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecretsAbstractions;
using SecretsAbstractions.HashiCorpVault;

if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VAULT_ADDR")))
{
    Console.Error.WriteLine("Set VAULT_ADDR (and VAULT_TOKEN), for example VAULT_ADDR=http://127.0.0.1:8200 VAULT_TOKEN=root for `vault server -dev -dev-root-token-id=root`.");
    return 2;
}

var services = new ServiceCollection();
services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Information));
services.AddHashiCorpVaultSecretStore(options => options.Mount = args.Length > 0 ? args[0] : "secret");
await using var provider = services.BuildServiceProvider();
var store = provider.GetRequiredService<ISecretStore>();

try
{
    // A JSON object in canonical form (sorted, compact) is stored as Vault fields; any other text as {"value": text}.
    var written = await store.SetSecretAsync("vault-console/db", """{"password":"change-me","user":"app"}""");
    Console.WriteLine($"Wrote {written.Name}, version {written.Version ?? "(KV v1: none)"}.");

    var secret = await store.GetRequiredSecretAsync("vault-console/db");
    Console.WriteLine($"Read {secret}: user = {secret.Value.GetField("user")?.RevealString()}, password = {secret.Value.GetField("password")}");

    await store.SetSecretAsync("vault-console/greeting", "hello from VaultConsole");
    await foreach (var properties in store.ListSecretsAsync("vault-console/"))
    {
        Console.WriteLine($"Listed {properties.Name}");
    }

    if (store is HashiCorpVaultSecretStore vault && secret.Version is { } version)
    {
        var next = await vault.SetSecretIfVersionAsync("vault-console/db", SecretValue.FromString("""{"password":"rotated","user":"app"}"""), long.Parse(version, System.Globalization.CultureInfo.InvariantCulture));
        Console.WriteLine($"Rotated with check-and-set to version {next.Version}.");
    }

    return 0;
}
catch (SecretStoreException error)
{
    // The message names the store, operation and secret, and carries Vault's error text; never a token or value.
    Console.Error.WriteLine(error.Message);
    return 1;
}
