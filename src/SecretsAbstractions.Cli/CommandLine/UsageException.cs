namespace SecretsAbstractions.Cli.CommandLine;

/// <summary>The command line or the store configuration is wrong (exit code 2); the message says what and where.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The command whose help the message points to, if any.</summary>
    public string? CommandName { get; init; }
}
