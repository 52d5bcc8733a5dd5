// QuickStart: one ISecretStore chain over environment variables and a local secrets folder.
// Needs no server. Run from the repository root:
//   dotnet run --project samples/QuickStart
// Override a file secret from the environment (segments are joined by "__"):
//   QUICKSTART_api__key=from-env dotnet run --project samples/QuickStart
using QuickStart;
using SecretsAbstractions;

var secretsFolder = Path.Combine(AppContext.BaseDirectory, "secrets");

// 1. Two stores that need no server, read as one: the environment overrides the folder.
ISecretStore store = new CompositeSecretStore(
        "local",
        new EnvironmentVariablesSecretStore(new EnvironmentVariablesSecretStoreOptions { Prefix = "QUICKSTART_" }),
        new FileSecretStore(new FileSecretStoreOptions { Path = secretsFolder }))
    .AsBuilder()
    .Use(inner => new ConsoleAuditSecretStore(inner)) // a decorator: logs names, never values
    .Build();

Console.WriteLine("Secrets in the chain:");
await foreach (var properties in store.ListSecretsAsync())
{
    Console.WriteLine($"  {properties.Name}");
}

// 2. A JSON secret exposes its fields, the same way on every backend.
var db = await store.GetRequiredSecretAsync("db");
Console.WriteLine($"db user (a field of a JSON secret): {db.Value.GetField("user")!.RevealString()}");

// 3. Values are redacted wherever they are printed; revealing is an explicit call.
var password = db.Value.GetField("password")!;
Console.WriteLine($"db password, printed: {password}");
Console.WriteLine($"db password, revealed length: {password.RevealString().Length} characters");
Console.WriteLine($"the whole secret, printed: {db}");

// 4. A reference names store, secret, optional version and field in one string.
var reference = SecretReference.Parse("secret://local/db#host");
var host = await store.GetSecretValueAsync(reference);
Console.WriteLine($"{reference} -> {host!.RevealString()}");

var apiKey = await store.GetRequiredSecretAsync("api/key");
Console.WriteLine($"api/key comes from: {(Environment.GetEnvironmentVariable("QUICKSTART_api__key") is null ? "the secrets folder" : "the environment")}");
Console.WriteLine($"api/key, printed: {apiKey.Value}");

// 5. A bad name fails clearly, before any I/O.
try
{
    await store.GetSecretAsync("../etc/passwd");
}
catch (SecretStoreException error) when (error.ErrorCode == SecretStoreErrorCode.InvalidName)
{
    Console.WriteLine($"bad name refused: {error.Message}");
}
