namespace SecretsAbstractions;

/// <summary>How a <see cref="FileSecretStore"/> lays out its secrets.</summary>
public enum FileSecretStoreFormat
{
    /// <summary>A directory with one file per secret; subdirectories are name segments
    /// (<c>db/password</c> is the file <c>db/password</c> under the root). Fits Kubernetes and Docker
    /// mounted secrets such as <c>/run/secrets</c>.</summary>
    Directory = 0,

    /// <summary>One JSON file; nested objects are name segments
    /// (<c>{"db":{"password":"..."}}</c> holds the secret <c>db/password</c>).</summary>
    Json = 1,
}

/// <summary>Options of <see cref="FileSecretStore"/>.</summary>
public sealed class FileSecretStoreOptions
{
    /// <summary>The root directory (<see cref="FileSecretStoreFormat.Directory"/>) or the JSON file
    /// (<see cref="FileSecretStoreFormat.Json"/>). Required. A relative path is relative to the current directory.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>How secrets are laid out; <see cref="FileSecretStoreFormat.Directory"/> by default.</summary>
    public FileSecretStoreFormat Format { get; set; } = FileSecretStoreFormat.Directory;

    /// <summary>Whether the store offers <see cref="ISecretWriter"/>; <see langword="false"/> by default,
    /// since mounted secrets are read-only. Writes replace files atomically.</summary>
    public bool AllowWrites { get; set; }

    /// <summary>Whether one trailing <c>\n</c> or <c>\r\n</c> is removed from text values read from files
    /// (as written by <c>echo value &gt; file</c>); <see langword="false"/> by default, so values round-trip exactly.
    /// Applies to the <see cref="FileSecretStoreFormat.Directory"/> format; JSON strings are read as they are.</summary>
    public bool TrimTrailingNewLine { get; set; }

    /// <summary>The name of the store in errors, logs and metrics; <c>File</c> by default.</summary>
    public string? StoreName { get; set; }
}
