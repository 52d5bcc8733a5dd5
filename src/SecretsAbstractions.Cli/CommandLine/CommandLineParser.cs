namespace SecretsAbstractions.Cli.CommandLine;

/// <summary>The outcome of parsing: a command to run, or help or the tool's version to print.</summary>
internal abstract record ParseResult
{
    public sealed record Run(ParsedCommand Command) : ParseResult;

    public sealed record ShowHelp(CommandSpec? Command) : ParseResult;

    public sealed record ShowVersion : ParseResult;
}

/// <summary>
/// A small POSIX-style parser: <c>secrets &lt;command&gt; [arguments] [--option value | --option=value | --flag]</c>,
/// options anywhere after the command, <c>--</c> ending the options. Everything it refuses is a
/// <see cref="UsageException"/> naming the command and the offending word, before any store is touched.
/// </summary>
internal static class CommandLineParser
{
    public static ParseResult Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new UsageException("no command given.");
        }

        string first = args[0];
        switch (first)
        {
            case "--help" or "-h" or "help":
                if (args.Count > 2)
                {
                    throw new UsageException("help takes at most one command name.");
                }

                return new ParseResult.ShowHelp(args.Count == 2 ? FindCommand(args[1]) : null);
            case "--version" when args.Count == 1:
                return new ParseResult.ShowVersion();
        }

        var command = FindCommand(first);
        var arguments = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        bool optionsEnded = false;
        for (int i = 1; i < args.Count; i++)
        {
            string word = args[i];
            if (optionsEnded || word == "-" || !word.StartsWith('-'))
            {
                arguments.Add(word);
                continue;
            }

            if (word == "--")
            {
                optionsEnded = true;
                continue;
            }

            if (word is "-h" or "--help")
            {
                return new ParseResult.ShowHelp(command);
            }

            if (!word.StartsWith("--", StringComparison.Ordinal))
            {
                throw Error(command, $"unknown option '{Display(word)}'; options are spelled --name.");
            }

            int equals = word.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? word[2..] : word[2..equals];
            var option = command.FindOption(name) ?? throw Error(command, $"unknown option '--{Display(name)}'.");
            if (options.ContainsKey(name))
            {
                throw Error(command, $"option '--{name}' is given more than once.");
            }

            if (!option.TakesValue)
            {
                if (equals >= 0)
                {
                    throw Error(command, $"option '--{name}' takes no value.");
                }

                options[name] = null;
                continue;
            }

            string value;
            if (equals >= 0)
            {
                value = word[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw Error(command, $"option '--{name}' needs a value ({option.Usage}).");
            }

            if (value.Length == 0 && name != CommandTable.Value)
            {
                throw Error(command, $"option '--{name}' needs a non-empty value.");
            }

            options[name] = value;
        }

        int required = command.Arguments.Count(a => a.Required);
        if (arguments.Count < required)
        {
            throw Error(command, $"missing {string.Join(" ", command.Arguments.Where(a => a.Required).Skip(arguments.Count).Select(a => a.Usage))}.");
        }

        if (arguments.Count > command.Arguments.Count)
        {
            // The word is not echoed: it may be a value typed in the wrong place.
            throw Error(command, $"too many arguments: {command.Name} takes {string.Join(" ", command.Arguments.Select(a => a.Usage))}, got {arguments.Count}.");
        }

        return new ParseResult.Run(new ParsedCommand(command, arguments, options));
    }

    private static CommandSpec FindCommand(string name) =>
        CommandTable.Find(name) ?? throw new UsageException(
            $"unknown command '{Display(name)}'; commands are {string.Join(", ", CommandTable.All.Select(c => c.Name))}.");

    private static UsageException Error(CommandSpec command, string message) =>
        new($"{command.Name}: {message}") { CommandName = command.Name };

    // Words are echoed in errors; a value passed by mistake in the wrong place must not be, so long words are cut.
    private static string Display(string word) => SecretName.ForDisplay(word.Length > 40 ? word[..40] + "..." : word);
}
