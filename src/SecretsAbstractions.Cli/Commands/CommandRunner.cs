namespace SecretsAbstractions.Cli.Commands;

/// <summary>Runs the command a command line names.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(CommandContext context)
    {
        int exitCode = context.Command.Command.Name switch
        {
            "get" => await GetCommand.RunAsync(context).ConfigureAwait(false),
            "list" => await ListCommand.RunAsync(context).ConfigureAwait(false),
            "set" => await SetCommand.RunAsync(context).ConfigureAwait(false),
            "delete" => await DeleteCommand.RunAsync(context).ConfigureAwait(false),
            "copy" => await CopyCommand.RunAsync(context).ConfigureAwait(false),
            "export" => await ExportCommand.RunAsync(context).ConfigureAwait(false),
            string name => throw new InvalidOperationException($"The command '{name}' has no implementation."),
        };
        await context.Output.FlushAsync(context.CancellationToken).ConfigureAwait(false);
        return exitCode;
    }
}
