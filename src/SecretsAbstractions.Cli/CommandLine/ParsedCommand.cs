namespace SecretsAbstractions.Cli.CommandLine;

/// <summary>A command line checked against its <see cref="CommandSpec"/>.</summary>
internal sealed class ParsedCommand(CommandSpec command, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> options)
{
    public CommandSpec Command { get; } = command;

    public IReadOnlyList<string> Arguments { get; } = arguments;

    public string? Argument(int index) => index < Arguments.Count ? Arguments[index] : null;

    public bool Has(string option) => options.ContainsKey(option);

    public string? Value(string option) => options.TryGetValue(option, out string? value) ? value : null;

    public UsageException Error(string message) => new($"{Command.Name}: {message}") { CommandName = Command.Name };
}
