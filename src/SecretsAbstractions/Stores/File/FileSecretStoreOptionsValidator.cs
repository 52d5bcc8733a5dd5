using Microsoft.Extensions.Options;

namespace SecretsAbstractions.Internal;

/// <summary>The one place where <see cref="FileSecretStoreOptions"/> are checked, used by the store's
/// constructor and by options validation at start.</summary>
internal sealed class FileSecretStoreOptionsValidator : IValidateOptions<FileSecretStoreOptions>
{
    public static FileSecretStoreOptionsValidator Instance { get; } = new();

    public ValidateOptionsResult Validate(string? name, FileSecretStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add($"{nameof(FileSecretStoreOptions.Path)} must be set to a directory or a JSON file.");
        }
        else if (options.Path.Any(char.IsControl))
        {
            failures.Add($"{nameof(FileSecretStoreOptions.Path)} must not contain control characters.");
        }

        if (!Enum.IsDefined(options.Format))
        {
            failures.Add($"{nameof(FileSecretStoreOptions.Format)} must be {nameof(FileSecretStoreFormat.Directory)} or {nameof(FileSecretStoreFormat.Json)}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
