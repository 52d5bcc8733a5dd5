namespace SecretsAbstractions.Cli.Commands;

/// <summary><c>secrets delete &lt;name&gt;</c>: deletes as the backend deletes; a secret that does not exist is
/// exit code 3, so a script can tell.</summary>
internal static class DeleteCommand
{
    public static async Task<int> RunAsync(CommandContext context)
    {
        string name = context.Command.Argument(0)!;
        var store = context.SourceStore();
        bool existed = await store.DeleteSecretAsync(name, context.CancellationToken).ConfigureAwait(false);
        return existed
            ? ExitCodes.Success
            : throw new CliException(ExitCodes.NotFound, $"secret '{SecretName.ForDisplay(name)}' does not exist in store '{store.GetMetadata().StoreName}'.");
    }
}
