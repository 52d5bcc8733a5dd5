using System.Reflection;
using Microsoft.Extensions.Options;
using SecretsAbstractions.Cli.CommandLine;
using SecretsAbstractions.Cli.Commands;
using SecretsAbstractions.Cli.Stores;

namespace SecretsAbstractions.Cli;

/// <summary>The <c>secrets</c> tool as a function of its inputs, so that tests run it in-process with their own
/// standard streams and environment; <c>Program.Main</c> passes the real ones.</summary>
internal static class SecretsCli
{
    private const string Tool = "secrets";

    /// <summary>Runs one command line and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The arguments after the tool's name.</param>
    /// <param name="standardInput">Piped standard input, or <see langword="null"/> when it is a terminal (then <c>set</c>
    /// needs <c>--value</c>).</param>
    /// <param name="standardOutput">Where values, names and reports go.</param>
    /// <param name="standardError">Where errors go, one line each, never with a value or token in them.</param>
    /// <param name="environment">The environment variables the tool reads.</param>
    /// <param name="options">Test hooks; <see langword="null"/> in production.</param>
    /// <param name="cancellationToken">Cancels the command (Ctrl+C).</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        Stream? standardInput,
        TextWriter standardOutput,
        TextWriter standardError,
        IReadOnlyDictionary<string, string?> environment,
        SecretsCliOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(standardOutput);
        ArgumentNullException.ThrowIfNull(standardError);
        ArgumentNullException.ThrowIfNull(environment);
        try
        {
            switch (CommandLineParser.Parse(args))
            {
                case ParseResult.ShowHelp { Command: null }:
                    HelpText.WriteOverview(standardOutput);
                    return ExitCodes.Success;
                case ParseResult.ShowHelp { Command: { } command }:
                    HelpText.WriteCommand(standardOutput, command);
                    return ExitCodes.Success;
                case ParseResult.ShowVersion:
                    await standardOutput.WriteLineAsync(ToolVersion).ConfigureAwait(false);
                    return ExitCodes.Success;
                case ParseResult.Run { Command: { } command }:
                    using (var stores = new StoreFactory(environment, options ?? SecretsCliOptions.Default))
                    {
                        var context = new CommandContext(command, stores, standardInput, standardOutput, standardError, cancellationToken);
                        return await CommandRunner.RunAsync(context).ConfigureAwait(false);
                    }

                default:
                    throw new InvalidOperationException("Unexpected parse result.");
            }
        }
        catch (UsageException error)
        {
            string help = error.CommandName is null ? $"Run '{Tool} --help'." : $"Run '{Tool} {error.CommandName} --help'.";
            return await FailAsync(standardError, ExitCodes.Usage, $"{error.Message} {help}").ConfigureAwait(false);
        }
        catch (SecretStoreException error)
        {
            return await FailAsync(standardError, ExitCodes.FromErrorCode(error.ErrorCode), error.Message).ConfigureAwait(false);
        }
        catch (CliException error)
        {
            return await FailAsync(standardError, error.ExitCode, error.Message).ConfigureAwait(false);
        }
        catch (OptionsValidationException error)
        {
            // The adapters validate their options before any call; their messages name options, never values.
            return await FailAsync(standardError, ExitCodes.Usage, $"invalid store options: {string.Join(" ", error.Failures)}").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await FailAsync(standardError, ExitCodes.Failure, "cancelled.").ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Local file errors (--out, --path, --config): their messages name paths, not contents.
            return await FailAsync(standardError, ExitCodes.Failure, error.Message).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The last resort of a command-line tool: one line and exit code 1, never a stack trace.
        catch (Exception error)
#pragma warning restore CA1031
        {
            // Only the type: an unexpected exception's message could quote anything, including a value.
            return await FailAsync(standardError, ExitCodes.Failure, $"unexpected error ({error.GetType().FullName}).").ConfigureAwait(false);
        }
    }

    internal static string ToolVersion =>
        typeof(SecretsCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Writes one error line: <c>secrets: message</c>, with any line breaks folded.</summary>
    internal static Task WriteErrorAsync(TextWriter standardError, string message) =>
        standardError.WriteLineAsync($"{Tool}: {OneLine(message)}");

    private static async Task<int> FailAsync(TextWriter standardError, int exitCode, string message)
    {
        await WriteErrorAsync(standardError, message).ConfigureAwait(false);
        await standardError.FlushAsync().ConfigureAwait(false);
        return exitCode;
    }

    private static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim();
}
