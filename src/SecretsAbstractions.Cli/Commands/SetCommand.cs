using System.Text;
using SecretsAbstractions.Cli.CommandLine;

namespace SecretsAbstractions.Cli.Commands;

/// <summary><c>secrets set &lt;name&gt; [--value v]</c>: stores a new version from <c>--value</c> or standard input
/// and prints its version id (nothing for stores without versions).</summary>
internal static class SetCommand
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<int> RunAsync(CommandContext context)
    {
        var command = context.Command;
        string name = command.Argument(0)!;
        var value = command.Value(CommandTable.Value) is { } text
            ? SecretValue.FromString(text)
            : await ReadInputAsync(context).ConfigureAwait(false);
        var store = context.SourceStore();
        var written = await store.SetSecretAsync(name, value, options: null, context.CancellationToken).ConfigureAwait(false);
        if (written.Version is { } version)
        {
            await context.Output.WriteAsync(version).ConfigureAwait(false);
            await context.Output.WriteAsync('\n').ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary>Standard input, byte for byte: UTF-8 text (a leading byte order mark dropped) is a text value,
    /// anything else a binary one.</summary>
    private static async Task<SecretValue> ReadInputAsync(CommandContext context)
    {
        if (context.Input is null)
        {
            throw context.Command.Error("no value: pipe it on standard input or pass --value.");
        }

        using var buffer = new MemoryStream();
        await context.Input.CopyToAsync(buffer, context.CancellationToken).ConfigureAwait(false);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        try
        {
            return SecretValue.FromString(StrictUtf8.GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            return SecretValue.FromBytes(bytes);
        }
        finally
        {
            bytes.Clear();
        }
    }
}
