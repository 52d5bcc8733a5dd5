namespace SecretsAbstractions.Internal;

/// <summary>How a <see cref="FileSecretStore"/> lays secrets out on disk. The store validates names,
/// versions, write permission and cancellation, and holds the write lock; a layout does the I/O.</summary>
internal interface IFileSecretLayout
{
    /// <summary>Validates names for this layout and maps them to the path of their file (directory
    /// format) or keeps them as they are (JSON format).</summary>
    SecretNameMapper Mapper { get; }

    /// <summary>What the layout adds to reading, listing and (when allowed) writing.</summary>
    SecretStoreCapabilities Capabilities { get; }

    ValueTask<Secret?> GetAsync(string name, string nativeName, CancellationToken cancellationToken);

    IAsyncEnumerable<SecretProperties> ListAsync(string? prefix, CancellationToken cancellationToken);

    ValueTask<SecretProperties> SetAsync(string name, string nativeName, SecretValue value, DateTimeOffset now, CancellationToken cancellationToken);

    // now: the last write time of a file that is rewritten rather than deleted (JSON format).
    ValueTask<bool> DeleteAsync(string name, string nativeName, DateTimeOffset now, CancellationToken cancellationToken);
}
