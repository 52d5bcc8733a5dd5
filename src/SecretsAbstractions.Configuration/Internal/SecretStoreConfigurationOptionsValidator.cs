using System.Globalization;
using Microsoft.Extensions.Options;

namespace SecretsAbstractions.Configuration.Internal;

/// <summary>The one place where <see cref="SecretStoreConfigurationOptions"/> are checked, when a source is added and
/// built; before any call to the store.</summary>
internal sealed class SecretStoreConfigurationOptionsValidator : IValidateOptions<SecretStoreConfigurationOptions>
{
    public static SecretStoreConfigurationOptionsValidator Instance { get; } = new();

    public static SecretStoreConfigurationOptions ThrowIfInvalid(SecretStoreConfigurationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = Instance.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SecretStoreConfigurationOptions), result.Failures);
        }

        return options;
    }

    public ValidateOptionsResult Validate(string? name, SecretStoreConfigurationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidatePrefix(options.Prefix, failures);
        ValidateNames(options, failures);

        if (options.ReloadInterval is { } interval)
        {
            if (interval < SecretStoreConfigurationOptions.MinReloadInterval || interval > SecretStoreConfigurationOptions.MaxDuration)
            {
                failures.Add(Describe(nameof(SecretStoreConfigurationOptions.ReloadInterval), "must be between one second and 365 days, or null for no reload", interval));
            }
            else if (options.ReloadJitter is { } jitter && (jitter < TimeSpan.Zero || jitter > interval / 2))
            {
                failures.Add(Describe(nameof(SecretStoreConfigurationOptions.ReloadJitter), "must be between zero and half of ReloadInterval, or null for a tenth of it", jitter));
            }
        }
        else if (options.ReloadJitter is { } jitter && jitter < TimeSpan.Zero)
        {
            failures.Add(Describe(nameof(SecretStoreConfigurationOptions.ReloadJitter), "must not be negative", jitter));
        }

        var timeout = options.StartupTimeout;
        if (timeout != Timeout.InfiniteTimeSpan && (timeout <= TimeSpan.Zero || timeout > SecretStoreConfigurationOptions.MaxDuration))
        {
            failures.Add(Describe(nameof(SecretStoreConfigurationOptions.StartupTimeout), "must be greater than zero and at most 365 days, or Timeout.InfiniteTimeSpan", timeout));
        }

        if (options.MaxConcurrency < 1 || options.MaxConcurrency > SecretStoreConfigurationOptions.MaxConcurrencyLimit)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"SecretStoreConfigurationOptions.MaxConcurrency must be between 1 and {SecretStoreConfigurationOptions.MaxConcurrencyLimit} (was {options.MaxConcurrency})."));
        }

        if (options.BatchSize < 1 || options.BatchSize > SecretStoreConfigurationOptions.MaxBatchSize)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"SecretStoreConfigurationOptions.BatchSize must be between 1 and {SecretStoreConfigurationOptions.MaxBatchSize} (was {options.BatchSize})."));
        }

        if (!Enum.IsDefined(options.CollisionBehavior))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"SecretStoreConfigurationOptions.CollisionBehavior must be NewestWins or Throw (was {(int)options.CollisionBehavior})."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidatePrefix(string? prefix, List<string> failures)
    {
        try
        {
            SecretName.ValidatePrefix(prefix);
        }
        catch (SecretStoreException error)
        {
            failures.Add($"SecretStoreConfigurationOptions.Prefix '{SecretName.ForDisplay(prefix)}' is not a valid listing prefix: {error.Message}");
        }
    }

    private static void ValidateNames(SecretStoreConfigurationOptions options, List<string> failures)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < options.SecretNames.Count; i++)
        {
            string? secretName = options.SecretNames[i];
            string where = string.Create(CultureInfo.InvariantCulture, $"SecretStoreConfigurationOptions.SecretNames[{i}]");
            if (SecretName.GetError(secretName) is { } error)
            {
                failures.Add($"{where} '{SecretName.ForDisplay(secretName)}' is not a valid secret name: {error}.");
            }
            else if (!SecretName.HasPrefix(secretName!, options.Prefix))
            {
                failures.Add($"{where} '{SecretName.ForDisplay(secretName)}' does not start with Prefix '{SecretName.ForDisplay(options.Prefix)}'.");
            }
            else if (!seen.Add(secretName!))
            {
                failures.Add($"{where} '{SecretName.ForDisplay(secretName)}' is listed more than once.");
            }
        }
    }

    private static string Describe(string option, string rule, TimeSpan value) =>
        string.Create(CultureInfo.InvariantCulture, $"SecretStoreConfigurationOptions.{option} {rule} (was {value}).");
}
