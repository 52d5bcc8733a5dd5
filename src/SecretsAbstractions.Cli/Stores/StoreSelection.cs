using SecretsAbstractions.Cli.CommandLine;

namespace SecretsAbstractions.Cli.Stores;

/// <summary>Which store a command works on, as the command line says: a backend kind with its options, or a
/// store declared in a configuration file.</summary>
internal sealed record StoreSelection(string Store, string? ConfigFile, string? Mount, string? VaultUri, string? Prefix, string? Path, string OptionPrefix)
{
    public const string Vault = "vault";
    public const string Aws = "aws";
    public const string Azure = "azure";
    public const string Env = "env";
    public const string File = "file";

    public static IReadOnlyList<string> Kinds { get; } = [Vault, Aws, Azure, Env, File];

    /// <summary>The store the command reads (<c>--store</c> and its options).</summary>
    public static StoreSelection Source(ParsedCommand command) =>
        Create(command, command.Value(CommandTable.Store), CommandTable.Store, string.Empty);

    /// <summary>The store <c>copy</c> writes to (<c>--to</c> and the <c>--to-</c> options).</summary>
    public static StoreSelection Target(ParsedCommand command) =>
        Create(command, command.Value(CommandTable.To), CommandTable.To, CommandTable.TargetPrefix);

    private static StoreSelection Create(ParsedCommand command, string? store, string storeOption, string optionPrefix)
    {
        string? config = command.Value(CommandTable.Config);
        if (store is null)
        {
            throw command.Error(config is null
                ? $"--{storeOption} is required: one of {string.Join(", ", Kinds)}, or a store declared in a --config file."
                : $"--{storeOption} is required: the name of a store declared in '{config}'.");
        }

        var selection = new StoreSelection(
            store,
            config,
            command.Value(optionPrefix + CommandTable.Mount),
            command.Value(optionPrefix + CommandTable.VaultUri),
            command.Value(optionPrefix + CommandTable.Prefix),
            command.Value(optionPrefix + CommandTable.Path),
            optionPrefix);
        selection.CheckOptions(command, storeOption);
        return selection;
    }

    // An option that the selected store does not use is a mistake worth reporting, not ignoring.
    private void CheckOptions(ParsedCommand command, string storeOption)
    {
        (string Option, string? Value, string Kind)[] backendOptions =
        [
            (CommandTable.Mount, Mount, Vault),
            (CommandTable.VaultUri, VaultUri, Azure),
            (CommandTable.Prefix, Prefix, Env),
            (CommandTable.Path, Path, File),
        ];
        foreach (var (option, value, kind) in backendOptions)
        {
            if (value is null)
            {
                continue;
            }

            if (ConfigFile is not null)
            {
                throw command.Error($"--{OptionPrefix}{option} cannot be used with --config: a declared store takes its options from the file.");
            }

            if (!string.Equals(Store, kind, StringComparison.Ordinal))
            {
                throw command.Error($"--{OptionPrefix}{option} applies to --{storeOption} {kind} only.");
            }
        }

        if (ConfigFile is null && !Kinds.Contains(Store, StringComparer.Ordinal))
        {
            throw command.Error($"--{storeOption} must be one of {string.Join(", ", Kinds)} (or a store declared in a --config file), not '{SecretName.ForDisplay(Store)}'.");
        }

        if (ConfigFile is null && Store == File && Path is null)
        {
            throw command.Error($"--{storeOption} file needs --{OptionPrefix}{CommandTable.Path} <path>: a directory or a JSON file.");
        }
    }
}
