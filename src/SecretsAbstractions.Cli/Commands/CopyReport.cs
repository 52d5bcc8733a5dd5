namespace SecretsAbstractions.Cli.Commands;

/// <summary>The lines <c>copy</c> prints: one per secret on standard output (with the reason of a failure on
/// standard error), and a summary.</summary>
internal sealed class CopyReport(CommandContext context, bool dryRun)
{
    public int Copied { get; private set; }

    public int Unchanged { get; private set; }

    public int Failed { get; private set; }

    /// <summary>Errors that no other secret would escape (credentials rejected, the backend unavailable or throttled
    /// after retries): the copy stops with the error's exit code instead of failing every remaining secret.</summary>
    public static bool StopsTheCopy(SecretStoreException error) =>
        error.ErrorCode is SecretStoreErrorCode.Unauthenticated or SecretStoreErrorCode.Unavailable
            or SecretStoreErrorCode.Throttled or SecretStoreErrorCode.Timeout;

    public Task CopiedAsync(string name, string? version)
    {
        Copied++;
        return context.Output.WriteLineAsync(dryRun
            ? $"would copy {name}"
            : version is null ? $"copied {name}" : $"copied {name} (version {version})");
    }

    public Task UnchangedAsync(string name)
    {
        Unchanged++;
        return context.Output.WriteLineAsync($"unchanged {name}");
    }

    public async Task FailedAsync(string name, string step, SecretStoreException error)
    {
        if (StopsTheCopy(error))
        {
            throw error;
        }

        Failed++;
        string reason = error.ErrorCode == SecretStoreErrorCode.InvalidName && step != "reading it"
            ? "the target store cannot hold this name: "
            : string.Empty;
        await context.Output.WriteLineAsync($"failed {name} ({error.ErrorCode})").ConfigureAwait(false);
        await SecretsCli.WriteErrorAsync(context.Error, $"copy {SecretName.ForDisplay(name)}: {step} failed: {reason}{error.Message}").ConfigureAwait(false);
    }

    public Task WriteSummaryAsync(bool stopped)
    {
        string summary = dryRun
            ? $"dry run: {Copied} to copy, {Unchanged} unchanged, {Failed} failed"
            : Copied == 0 && Failed == 0 && !stopped
                ? $"nothing new to copy: {Unchanged} unchanged"
                : $"{Copied} copied, {Unchanged} unchanged, {Failed} failed";
        return context.Output.WriteLineAsync(stopped ? $"stopped: {summary}" : summary);
    }
}
