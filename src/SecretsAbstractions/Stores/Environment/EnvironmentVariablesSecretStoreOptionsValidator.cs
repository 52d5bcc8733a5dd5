using Microsoft.Extensions.Options;

namespace SecretsAbstractions.Internal;

/// <summary>The one place where <see cref="EnvironmentVariablesSecretStoreOptions"/> are checked,
/// used by the store's constructor and by options validation at start.</summary>
internal sealed class EnvironmentVariablesSecretStoreOptionsValidator : IValidateOptions<EnvironmentVariablesSecretStoreOptions>
{
    public static EnvironmentVariablesSecretStoreOptionsValidator Instance { get; } = new();

    public ValidateOptionsResult Validate(string? name, EnvironmentVariablesSecretStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Prefix is { } prefix && prefix.Any(c => c == '=' || c == '\0' || char.IsControl(c)))
        {
            return ValidateOptionsResult.Fail($"{nameof(EnvironmentVariablesSecretStoreOptions.Prefix)} must not contain '=' or control characters.");
        }

        return ValidateOptionsResult.Success;
    }
}
