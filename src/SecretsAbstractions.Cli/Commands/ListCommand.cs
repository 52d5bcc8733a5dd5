using System.Globalization;
using System.Text;
using System.Text.Json;
using SecretsAbstractions.Cli.CommandLine;

namespace SecretsAbstractions.Cli.Commands;

/// <summary><c>secrets list [&lt;prefix&gt;] [--long] [--json]</c>: names and properties from the store's listing,
/// never values.</summary>
internal static class ListCommand
{
    private const int ProbeConcurrency = 8;

    public static async Task<int> RunAsync(CommandContext context)
    {
        var command = context.Command;
        bool json = command.Has(CommandTable.Json);
        bool isLong = command.Has(CommandTable.Long);
        if (json && isLong)
        {
            throw command.Error("--long and --json cannot be combined: --json already holds every listed property.");
        }

        var store = context.SourceStore();
        var secrets = await ListSortedAsync(store, command.Argument(0), context.CancellationToken).ConfigureAwait(false);
        if (json || isLong)
        {
            await AddMetadataAsync(store, secrets, context.CancellationToken).ConfigureAwait(false);
        }

        if (json)
        {
            await context.Output.WriteAsync(ToJson(secrets)).ConfigureAwait(false);
            await context.Output.WriteAsync('\n').ConfigureAwait(false);
            return ExitCodes.Success;
        }

        foreach (var secret in secrets)
        {
            await context.Output.WriteAsync(isLong ? LongLine(secret) : secret.Name).ConfigureAwait(false);
            await context.Output.WriteAsync('\n').ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary>Every secret under <paramref name="prefix"/>, sorted by name (ordinal).</summary>
    public static async Task<List<SecretProperties>> ListSortedAsync(ISecretStore store, string? prefix, CancellationToken cancellationToken)
    {
        var secrets = new List<SecretProperties>();
        await foreach (var properties in store.ListSecretsAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            secrets.Add(properties);
        }

        secrets.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return secrets;
    }

    /// <summary>Listings of some stores carry names only (Vault) or no version (AWS). When the store can tell a
    /// secret's latest properties without reading its value (<see cref="ISecretChangeProbe"/>: Vault KV v2 metadata,
    /// AWS DescribeSecret), <c>--long</c> and <c>--json</c> ask it, a few secrets at a time.</summary>
    private static async Task AddMetadataAsync(ISecretStore store, List<SecretProperties> secrets, CancellationToken cancellationToken)
    {
        if (store.GetService<ISecretChangeProbe>() is not { } probe)
        {
            return;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = ProbeConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, secrets.Count, options, async (i, token) =>
        {
            if (secrets[i] is { Version: null, UpdatedOn: null } listed
                && await probe.GetLatestPropertiesAsync(listed.Name, token).ConfigureAwait(false) is { } latest)
            {
                secrets[i] = latest with { Name = listed.Name };
            }
        }).ConfigureAwait(false);
    }

    private static string LongLine(SecretProperties secret) => string.Join(
        '\t',
        secret.Name,
        secret.Version ?? "-",
        secret.UpdatedOn is { } updated ? FormatTime(updated) : "-",
        secret.Enabled ? "enabled" : "disabled",
        secret.ContentType is { Length: > 0 } contentType ? contentType : "-");

    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string ToJson(List<SecretProperties> secrets)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var secret in secrets)
            {
                writer.WriteStartObject();
                writer.WriteString("name", secret.Name);
                WriteOptional(writer, "version", secret.Version);
                writer.WriteStartArray("stages");
                foreach (string stage in secret.Stages)
                {
                    writer.WriteStringValue(stage);
                }

                writer.WriteEndArray();
                WriteTime(writer, "createdOn", secret.CreatedOn);
                WriteTime(writer, "updatedOn", secret.UpdatedOn);
                WriteTime(writer, "expiresOn", secret.ExpiresOn);
                WriteTime(writer, "notBefore", secret.NotBefore);
                writer.WriteBoolean("enabled", secret.Enabled);
                WriteOptional(writer, "contentType", secret.ContentType);
                writer.WriteStartObject("tags");
                foreach (var tag in secret.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(tag.Key, tag.Value);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? time) =>
        WriteOptional(writer, name, time is { } value ? FormatTime(value) : null);
}
