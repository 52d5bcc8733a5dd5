using SecretsAbstractions.Cli.CommandLine;

namespace SecretsAbstractions.Cli.Commands;

/// <summary>Reads <c>--version</c> the way the backend names versions.</summary>
internal static class VersionArgument
{
    private const string StagePrefix = "stage:";

    /// <summary>
    /// <c>stage:&lt;label&gt;</c> is a stage. On a store with stages (AWS), a value that is not a version id (AWS
    /// version ids are UUIDs) is a stage label, so <c>AWSPREVIOUS</c> works as it does in the AWS CLI. Anything else
    /// is a version id: a Vault version number, an AWS version id, an Azure version id.
    /// </summary>
    public static SecretVersion Parse(ParsedCommand command, ISecretStore store)
    {
        if (command.Value(CommandTable.Version) is not { } text)
        {
            return SecretVersion.Latest;
        }

        try
        {
            if (text.StartsWith(StagePrefix, StringComparison.Ordinal))
            {
                return SecretVersion.FromStage(text[StagePrefix.Length..]);
            }

            bool hasStages = store.GetMetadata().Capabilities.HasFlag(SecretStoreCapabilities.Stages);
            return hasStages && !Guid.TryParse(text, out _) ? SecretVersion.FromStage(text) : SecretVersion.FromId(text);
        }
        catch (ArgumentException)
        {
            throw command.Error("--version must be a version id or stage without white space or control characters.");
        }
    }
}
