using SecretsAbstractions.Cli.CommandLine;
using SecretsAbstractions.Cli.Stores;

namespace SecretsAbstractions.Cli.Commands;

/// <summary>What a command runs with: its parsed command line, the stores, the standard streams and cancellation.</summary>
internal sealed record CommandContext(
    ParsedCommand Command,
    StoreFactory Stores,
    Stream? Input,
    TextWriter Output,
    TextWriter Error,
    CancellationToken CancellationToken)
{
    public ISecretStore SourceStore() => Stores.Create(StoreSelection.Source(Command));
}
