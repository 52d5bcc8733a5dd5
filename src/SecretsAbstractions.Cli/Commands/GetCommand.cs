using System.Text;
using SecretsAbstractions.Cli.CommandLine;

namespace SecretsAbstractions.Cli.Commands;

/// <summary><c>secrets get &lt;name&gt; [--version v] [--field f] [--out file]</c>.</summary>
internal static class GetCommand
{
    public static async Task<int> RunAsync(CommandContext context)
    {
        var command = context.Command;
        string name = command.Argument(0)!;
        var store = context.SourceStore();
        var version = VersionArgument.Parse(command, store);
        var secret = await store.GetRequiredSecretAsync(name, version, context.CancellationToken).ConfigureAwait(false);
        var value = SelectField(command, name, secret.Value);

        if (command.Value(CommandTable.Out) is { } file)
        {
            await WriteFileAsync(file, value, context.CancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        string text = value.IsBinary ? Convert.ToBase64String(value.RevealBytes().Span) : value.RevealString();
        await context.Output.WriteAsync(text).ConfigureAwait(false);
        await context.Output.WriteAsync('\n').ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static SecretValue SelectField(ParsedCommand command, string name, SecretValue value)
    {
        if (command.Value(CommandTable.Field) is not { } field)
        {
            return value;
        }

        if (!value.TryGetFields(out var fields))
        {
            throw new CliException(ExitCodes.Failure, $"the value of secret '{SecretName.ForDisplay(name)}' is not a JSON object, so it has no field '{SecretName.ForDisplay(field)}'.");
        }

        return fields.TryGetValue(field, out var selected)
            ? selected
            : throw new CliException(ExitCodes.NotFound, $"secret '{SecretName.ForDisplay(name)}' has no field '{SecretName.ForDisplay(field)}'.");
    }

    private static async Task WriteFileAsync(string path, SecretValue value, CancellationToken cancellationToken)
    {
        var bytes = value.IsBinary ? value.RevealBytes() : Encoding.UTF8.GetBytes(value.RevealString());
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(path, options);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
    }
}
