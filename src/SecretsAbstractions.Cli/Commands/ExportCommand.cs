using System.Text;
using System.Text.Json;
using SecretsAbstractions.Cli.CommandLine;

namespace SecretsAbstractions.Cli.Commands;

/// <summary><c>secrets export [&lt;prefix&gt;] --format dotenv|json</c>. Every secret is read before anything is
/// printed, so that a failure leaves no partial file behind.</summary>
internal static class ExportCommand
{
    public static async Task<int> RunAsync(CommandContext context)
    {
        var command = context.Command;
        bool json = command.Value(CommandTable.Format) switch
        {
            "json" => true,
            "dotenv" => false,
            null => throw command.Error("--format is required: dotenv or json."),
            _ => throw command.Error("--format must be dotenv or json."),
        };

        var store = context.SourceStore();
        var names = (await ListCommand.ListSortedAsync(store, command.Argument(0), context.CancellationToken).ConfigureAwait(false)).ConvertAll(p => p.Name);
        var secrets = new List<Secret>(names.Count);
        await foreach (var chunk in BatchReader.ReadAsync(store, names, context.CancellationToken).ConfigureAwait(false))
        {
            foreach (var result in chunk)
            {
                if (result.Error is { } error)
                {
                    throw error;
                }

                // A secret deleted between the listing and the read is simply no longer there.
                if (result.Secret is { } secret)
                {
                    secrets.Add(secret);
                }
            }
        }

        string text = json ? ToJson(secrets) : ToDotEnv(secrets);
        await context.Output.WriteAsync(text).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string Text(SecretValue value) =>
        value.IsBinary ? Convert.ToBase64String(value.RevealBytes().Span) : value.RevealString();

    private static string ToJson(List<Secret> secrets)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var secret in secrets)
            {
                writer.WriteString(secret.Name, Text(secret.Value));
            }

            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string ToDotEnv(List<Secret> secrets)
    {
        var text = new StringBuilder();
        foreach (var secret in secrets)
        {
            text.Append(DotEnv.Key(secret.Name)).Append('=').Append(DotEnv.Quote(Text(secret.Value))).Append('\n');
        }

        return text.ToString();
    }
}
