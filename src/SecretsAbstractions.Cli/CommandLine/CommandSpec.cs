namespace SecretsAbstractions.Cli.CommandLine;

/// <summary>An option of a command: <c>--name</c>, a flag or one that takes a value.</summary>
internal sealed record OptionSpec(string Name, string? ValueName, string Description)
{
    public bool TakesValue => ValueName is not null;

    public string Usage => TakesValue ? $"--{Name} <{ValueName}>" : $"--{Name}";
}

/// <summary>A positional argument of a command.</summary>
internal sealed record ArgumentSpec(string Name, bool Required, string Description)
{
    public string Usage => Required ? $"<{Name}>" : $"[<{Name}>]";
}

/// <summary>What a command accepts; the parser checks a command line against it and the help text is written from it.</summary>
internal sealed record CommandSpec(string Name, string Summary, IReadOnlyList<ArgumentSpec> Arguments, IReadOnlyList<OptionSpec> Options, string? Details = null)
{
    public OptionSpec? FindOption(string name) => Options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.Ordinal));
}
