using SecretsAbstractions.Cli.CommandLine;
using SecretsAbstractions.Cli.Stores;

namespace SecretsAbstractions.Cli.Commands;

/// <summary>
/// <c>secrets copy [&lt;prefix&gt;] --to &lt;store&gt; [--dry-run]</c>: copies the latest value, content type and tags
/// of each secret under the prefix. Logical names are the same in both stores; each store maps them to its native
/// names by its own rules, so a name the target cannot hold fails that secret only. A secret whose latest value in
/// the target already equals the source's is left alone, which makes a rerun copy nothing new.
/// </summary>
internal static class CopyCommand
{
    public static async Task<int> RunAsync(CommandContext context)
    {
        var command = context.Command;
        string? prefix = command.Argument(0);
        bool dryRun = command.Has(CommandTable.DryRun);
        // Both command lines are checked before either store is built.
        var sourceSelection = StoreSelection.Source(command);
        var targetSelection = StoreSelection.Target(command);
        var source = context.Stores.Create(sourceSelection);
        var target = context.Stores.Create(targetSelection);
        if (target.GetWriter() is null)
        {
            throw new CliException($"store '{target.GetMetadata().StoreName}' is read-only, so nothing can be copied to it.");
        }

        var names = (await ListCommand.ListSortedAsync(source, prefix, context.CancellationToken).ConfigureAwait(false)).ConvertAll(p => p.Name);
        var report = new CopyReport(context, dryRun);
        if (names.Count == 0)
        {
            await context.Output.WriteLineAsync(prefix is null ? "nothing to copy: the store holds no secrets" : $"nothing to copy: no secrets under '{prefix}'").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        try
        {
            await foreach (var chunk in BatchReader.ReadAsync(source, names, context.CancellationToken).ConfigureAwait(false))
            {
                var existing = await ReadTargetAsync(target, chunk, context.CancellationToken).ConfigureAwait(false);
                for (int i = 0; i < chunk.Count; i++)
                {
                    await CopyOneAsync(context, report, target, chunk[i], existing[i], dryRun).ConfigureAwait(false);
                }
            }
        }
        catch (SecretStoreException)
        {
            await report.WriteSummaryAsync(stopped: true).ConfigureAwait(false);
            throw;
        }

        await report.WriteSummaryAsync(stopped: false).ConfigureAwait(false);
        return report.Failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static async Task CopyOneAsync(CommandContext context, CopyReport report, ISecretStore target, SecretResult read, SecretResult existing, bool dryRun)
    {
        string name = read.Request.Name;
        if (read.Error is { } readError)
        {
            await report.FailedAsync(name, "reading it", readError).ConfigureAwait(false);
            return;
        }

        if (read.Secret is not { } secret)
        {
            await report.FailedAsync(name, "reading it", new SecretStoreException(SecretStoreErrorCode.NotFound, "The secret was deleted after it was listed.")).ConfigureAwait(false);
            return;
        }

        if (existing.Error is { } targetError)
        {
            await report.FailedAsync(name, "reading the target", targetError).ConfigureAwait(false);
            return;
        }

        if (existing.Secret is { } current && SecretValues.AreEqual(secret.Value, current.Value))
        {
            await report.UnchangedAsync(name).ConfigureAwait(false);
            return;
        }

        if (dryRun)
        {
            await report.CopiedAsync(name, version: null).ConfigureAwait(false);
            return;
        }

        var options = new SecretWriteOptions
        {
            ContentType = secret.Properties.ContentType,
            Tags = secret.Properties.Tags.Count > 0 ? secret.Properties.Tags : null,
        };
        try
        {
            var written = await target.SetSecretAsync(name, secret.Value, options, context.CancellationToken).ConfigureAwait(false);
            await report.CopiedAsync(name, written.Version).ConfigureAwait(false);
        }
        catch (SecretStoreException error)
        {
            await report.FailedAsync(name, "writing it", error).ConfigureAwait(false);
        }
    }

    // The target's latest values, one result per name. A batch that fails as a whole (a store whose bulk read
    // refuses one bad name for all) is read again one by one, so that each name gets its own answer.
    private static async Task<IReadOnlyList<SecretResult>> ReadTargetAsync(ISecretStore target, IReadOnlyList<SecretResult> chunk, CancellationToken cancellationToken)
    {
        var requests = chunk.Select(r => r.Request).ToArray();
        try
        {
            return await target.GetSecretsAsync(requests, cancellationToken).ConfigureAwait(false);
        }
        catch (SecretStoreException error) when (!CopyReport.StopsTheCopy(error))
        {
            var results = new SecretResult[requests.Length];
            for (int i = 0; i < requests.Length; i++)
            {
                try
                {
                    var secret = await target.GetSecretAsync(requests[i].Name, requests[i].Version, cancellationToken).ConfigureAwait(false);
                    results[i] = secret is null ? SecretResult.NotFound(requests[i]) : SecretResult.Found(requests[i], secret);
                }
                catch (SecretStoreException one) when (!CopyReport.StopsTheCopy(one))
                {
                    results[i] = SecretResult.Failed(requests[i], one);
                }
            }

            return results;
        }
    }
}
