namespace SecretsAbstractions.Cli.CommandLine;

/// <summary>The help text, written from <see cref="CommandTable"/>.</summary>
internal static class HelpText
{
    public static void WriteOverview(TextWriter output)
    {
        output.WriteLine("Usage: secrets <command> [arguments] [options]");
        output.WriteLine();
        output.WriteLine("One vocabulary for secrets in HashiCorp Vault, AWS Secrets Manager, Azure Key Vault, environment variables and files.");
        output.WriteLine();
        output.WriteLine("Commands:");
        foreach (var command in CommandTable.All)
        {
            output.WriteLine($"  {command.Name,-8} {command.Summary}");
        }

        output.WriteLine();
        WriteStoreSelection(output);
        output.WriteLine();
        WriteExitCodes(output);
        output.WriteLine();
        output.WriteLine("Run 'secrets <command> --help' for a command's arguments and options.");
    }

    public static void WriteCommand(TextWriter output, CommandSpec command)
    {
        string arguments = string.Concat(command.Arguments.Select(a => " " + a.Usage));
        output.WriteLine($"Usage: secrets {command.Name}{arguments} [options]");
        output.WriteLine();
        output.WriteLine(command.Summary);
        if (command.Details is { } details)
        {
            output.WriteLine();
            output.WriteLine(details);
        }

        if (command.Arguments.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Arguments:");
            foreach (var argument in command.Arguments)
            {
                output.WriteLine($"  {argument.Usage,-22} {argument.Description}");
            }
        }

        output.WriteLine();
        output.WriteLine("Options:");
        foreach (var option in command.Options)
        {
            output.WriteLine($"  {option.Usage,-22} {option.Description}");
        }

        output.WriteLine();
        WriteStoreSelection(output);
        output.WriteLine();
        WriteExitCodes(output);
    }

    private static void WriteStoreSelection(TextWriter output)
    {
        output.WriteLine("""
            Stores (--store, and --to for copy):
              vault   VAULT_ADDR, VAULT_TOKEN (or ~/.vault-token), VAULT_NAMESPACE, VAULT_CACERT; --mount (default secret)
              aws     AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE (the SDK's chain);
                      AWS_ENDPOINT_URL_SECRETS_MANAGER or AWS_ENDPOINT_URL
              azure   --vault-uri or AZURE_KEYVAULT_URL, with DefaultAzureCredential
              env     environment variables, read-only; --prefix
              file    --path: a directory (one file per secret) or a JSON file
              --config <file.json> --store <name>: a store declared in the file's SecretStores section.
            Transient failures and throttling are retried (the library's resilience defaults); nothing is cached.
            """.TrimEnd());
    }

    private static void WriteExitCodes(TextWriter output)
    {
        output.WriteLine("""
            Exit codes: 0 success, 1 other failure, 2 usage error, 3 not found, 4 access denied or unauthenticated,
            5 unavailable or throttled after retries.
            """.TrimEnd());
    }
}
