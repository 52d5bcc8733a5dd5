namespace SecretsAbstractions.Cli.CommandLine;

/// <summary>Every command and option of the tool, in one place: the parser and the help text both read them.</summary>
internal static class CommandTable
{
    public const string Store = "store";
    public const string Config = "config";
    public const string Mount = "mount";
    public const string VaultUri = "vault-uri";
    public const string Prefix = "prefix";
    public const string Path = "path";
    public const string Version = "version";
    public const string Field = "field";
    public const string Out = "out";
    public const string Long = "long";
    public const string Json = "json";
    public const string Value = "value";
    public const string To = "to";
    public const string DryRun = "dry-run";
    public const string Format = "format";
    public const string Help = "help";

    /// <summary>The options of <c>--to</c>'s backend have the source's names with this in front.</summary>
    public const string TargetPrefix = "to-";

    private static readonly OptionSpec[] StoreOptions =
    [
        new(Store, "store", "The store: vault, aws, azure, env or file; with --config, the name of a store in its SecretStores section."),
        new(Config, "file.json", "A JSON configuration file whose SecretStores section declares the stores (the library's schema)."),
        new(Mount, "mount", "Vault: the KV mount (default: secret)."),
        new(VaultUri, "uri", "Azure Key Vault: the vault URI (default: AZURE_KEYVAULT_URL)."),
        new(Prefix, "prefix", "env: the prefix of the variables that hold secrets (APP_ makes APP_db__password the secret db/password)."),
        new(Path, "path", "file: a directory with one file per secret, or one JSON file."),
    ];

    private static readonly OptionSpec[] TargetOptions =
    [
        new(To, "store", "The store to copy to: vault, aws, azure, env or file; with --config, the name of a declared store."),
        new(TargetPrefix + Mount, "mount", "Vault target: the KV mount (default: secret)."),
        new(TargetPrefix + VaultUri, "uri", "Azure Key Vault target: the vault URI (default: AZURE_KEYVAULT_URL)."),
        new(TargetPrefix + Prefix, "prefix", "env target: the variable prefix (env stores are read-only, so this only names them)."),
        new(TargetPrefix + Path, "path", "file target: a directory or a JSON file."),
    ];

    private static readonly OptionSpec HelpOption = new(Help, null, "Show this help.");

    public static IReadOnlyList<CommandSpec> All { get; } =
    [
        new(
            "get",
            "Print a secret's value and a newline.",
            [new("name", true, "The secret's name, like app/db/password.")],
            [
                new(Version, "version", "A version as the backend names it: a Vault version number, an AWS version id or stage label (AWSPREVIOUS), an Azure version id. stage:<label> forces a stage."),
                new(Field, "field", "Print one field of a JSON-object value (a Vault secret's value is its data map)."),
                new(Out, "file", "Write the value's bytes to this file (created 0600) instead of printing it; binary values are otherwise printed as base64."),
                .. StoreOptions, HelpOption,
            ]),
        new(
            "list",
            "Print the names of the secrets under a prefix, one per line, sorted.",
            [new("prefix", false, "Only names that start with this text (app/ or app/d).")],
            [
                new(Long, null, "Also print version, updated (UTC), enabled and content type, tab-separated; '-' when the store's listing does not say."),
                new(Json, null, "Print a JSON array of objects with every listed property (never values)."),
                .. StoreOptions, HelpOption,
            ]),
        new(
            "set",
            "Store a new version of a secret and print its version id.",
            [new("name", true, "The secret's name.")],
            [
                new(Value, "value", "The value; without it the value is read from standard input, byte for byte (text when it is UTF-8, else binary)."),
                .. StoreOptions, HelpOption,
            ]),
        new(
            "delete",
            "Delete a secret (as the backend deletes: Azure soft-deletes, AWS schedules the deletion).",
            [new("name", true, "The secret's name.")],
            [.. StoreOptions, HelpOption]),
        new(
            "copy",
            "Copy the latest value, content type and tags of each secret under a prefix to another store.",
            [new("prefix", false, "Only secrets whose names start with this text.")],
            [
                .. TargetOptions,
                new(DryRun, null, "Report what would be copied without writing anything."),
                .. StoreOptions, HelpOption,
            ],
            Details: """
                Each secret is reported on its own line: 'copied <name> (version <v>)', 'unchanged <name>' (the target's
                latest value already equals the source's) or 'failed <name> (<error code>)', with the reason on
                standard error; a name the target cannot hold fails that secret only. A last line sums it up; when
                nothing was copied or failed it reads 'nothing new to copy: <n> unchanged'. The exit code is 0 when
                every secret was copied or unchanged, 1 when some failed, and the error's own code when the copy had
                to stop (a listing that fails, credentials rejected, a backend unavailable after retries).
                """),
        new(
            "export",
            "Print the secrets under a prefix as a dotenv file or a JSON object.",
            [new("prefix", false, "Only secrets whose names start with this text.")],
            [
                new(Format, "dotenv|json", "dotenv: NAME=value lines, '/' written as '__'; json: one object of name to value. Required."),
                .. StoreOptions, HelpOption,
            ],
            Details: """
                Every secret is read before anything is printed, so a failure prints no partial file. Binary values
                are written as base64.
                """),
    ];

    public static CommandSpec? Find(string name) => All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
