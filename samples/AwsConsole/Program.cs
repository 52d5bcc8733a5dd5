// AwsConsole: read secrets from AWS Secrets Manager through the portable ISecretStore, with resilience.
// Needs a region and credentials AWSSDK.Core's default chain can find (environment, profile, SSO, instance role):
//   AWS_REGION=eu-west-1 dotnet run --project samples/AwsConsole -- app/
// Against LocalStack: AWS_ENDPOINT_URL_SECRETS_MANAGER=http://127.0.0.1:4566 AWS_REGION=us-east-1 \
//   AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test dotnet run --project samples/AwsConsole -- app/
// Each argument is a name prefix to list and batch-read ("app/"), or a secret ARN to read, full or partial
// ("arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-AbCdEf" or "...:secret:app/db"), which is how a
// secret shared from another account is reached.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecretsAbstractions;
using SecretsAbstractions.AwsSecretsManager;

string[] targets = args.Length > 0 ? args : [string.Empty];

var services = new ServiceCollection();
services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Information));
// Region, endpoint and credentials come from the environment; UseResilience retries throttling and outages.
services.AddAwsSecretsManagerSecretStore(_ => { })
    .UseResilience();
await using var provider = services.BuildServiceProvider();

try
{
    var store = provider.GetRequiredService<ISecretStore>();
    var names = new List<SecretRequest>();
    foreach (string target in targets)
    {
        if (AwsSecretsManagerSecretNameMapper.IsArn(target))
        {
            // An ARN goes where a name goes; it is checked (shape, region) before any request.
            names.Add(target);
            continue;
        }

        await foreach (var properties in store.ListSecretsAsync(target))
        {
            names.Add(properties.Name);
        }
    }

    // One BatchGetSecretValue call per 20 names or ARNs; a secret that fails fails only its own result.
    foreach (var result in await store.GetSecretsAsync(names))
    {
        if (result.Secret is { } secret)
        {
            // Printing a value prints a redaction marker; reveal it only where the application needs it.
            string fields = secret.Value.TryGetFields(out var map) ? $", fields {string.Join(", ", map.Keys)}" : string.Empty;
            Console.WriteLine($"{secret.Name,-50} version {secret.Version} ({string.Join(", ", secret.Properties.Stages)}), value {secret.Value}{fields}");
        }
        else
        {
            Console.WriteLine($"{result.Request.Name,-50} {result.Error?.ErrorCode.ToString() ?? "not found"}");
        }
    }

    Console.WriteLine($"{names.Count} secret(s) requested.");
    return 0;
}
catch (SecretStoreException error)
{
    // The portable error code says what to do: Unauthenticated (credentials), AccessDenied (IAM policy), Throttled,
    // InvalidName (a name or ARN Secrets Manager cannot take, refused before any request), ...
    Console.Error.WriteLine($"{error.ErrorCode}: {error.Message}");
    return 1;
}
