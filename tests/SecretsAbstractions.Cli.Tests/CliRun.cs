using System.Text;
using SecretsAbstractions.Cli;

namespace SecretsAbstractions.Cli.Tests;

/// <summary>What one run of the tool gave back.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>Runs the tool in-process with its own environment, standard input and hooks; the process environment is
/// never touched.</summary>
internal sealed class CliRun
{
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    public SecretsCliOptions Options { get; set; } = FastRetries;

    /// <summary>The production resilience defaults, with retry delays of a millisecond so that tests of
    /// "unavailable after retries" do not wait for the real backoff.</summary>
    public static SecretsCliOptions FastRetries { get; } = new()
    {
        ConfigureResilience = options =>
        {
            options.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        },
    };

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync((byte[]?)null, args);

    public Task<CliResult> RunWithInputAsync(string input, params string[] args) =>
        RunWithInputAsync(Encoding.UTF8.GetBytes(input), args);

    public async Task<CliResult> RunWithInputAsync(byte[]? input, params string[] args)
    {
        using var stdin = input is null ? null : new MemoryStream(input);
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        int exitCode = await SecretsCli.RunAsync(args, stdin, stdout, stderr, Environment, Options, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
