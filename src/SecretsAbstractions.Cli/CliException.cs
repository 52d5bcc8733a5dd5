namespace SecretsAbstractions.Cli;

/// <summary>A command failed for a reason the tool itself found (a missing field, a name dotenv cannot hold); the
/// message is the one line printed and never holds a value.</summary>
internal sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; } = ExitCodes.Failure;
}
