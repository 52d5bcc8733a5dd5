using System.Globalization;
using Microsoft.Extensions.Options;

namespace SecretsAbstractions.Caching.Internal;

/// <summary>The one place where <see cref="SecretCacheOptions"/> are checked, when a cache is composed.</summary>
internal sealed class SecretCacheOptionsValidator : IValidateOptions<SecretCacheOptions>
{
    public static SecretCacheOptionsValidator Instance { get; } = new();

    public static SecretCacheOptions ThrowIfInvalid(SecretCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = Instance.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SecretCacheOptions), result.Failures);
        }

        return options;
    }

    public ValidateOptionsResult Validate(string? name, SecretCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var max = SecretCacheOptions.MaxDuration;
        if (options.TimeToLive <= TimeSpan.Zero || options.TimeToLive > max)
        {
            failures.Add(Describe(nameof(SecretCacheOptions.TimeToLive), "must be greater than zero and at most 365 days", options.TimeToLive));
        }

        if (options.TimeToLiveJitter is { } jitter && (jitter < TimeSpan.Zero || jitter > options.TimeToLive))
        {
            failures.Add(Describe(nameof(SecretCacheOptions.TimeToLiveJitter), "must be between zero and TimeToLive, or null for a tenth of TimeToLive", jitter));
        }

        if (options.RefreshAheadThreshold is { } threshold && !(threshold > 0 && threshold < 1))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"SecretCacheOptions.RefreshAheadThreshold must be greater than 0 and less than 1, or null to turn refresh-ahead off (was {threshold})."));
        }

        if (options.MaxStaleness < TimeSpan.Zero || options.MaxStaleness > max)
        {
            failures.Add(Describe(nameof(SecretCacheOptions.MaxStaleness), "must be between zero (no fail-safe) and 365 days", options.MaxStaleness));
        }

        if (options.FailSafeRetryInterval <= TimeSpan.Zero || options.FailSafeRetryInterval > max)
        {
            failures.Add(Describe(nameof(SecretCacheOptions.FailSafeRetryInterval), "must be greater than zero and at most 365 days", options.FailSafeRetryInterval));
        }

        if (options.NegativeTimeToLive < TimeSpan.Zero || options.NegativeTimeToLive > max)
        {
            failures.Add(Describe(nameof(SecretCacheOptions.NegativeTimeToLive), "must be between zero (no negative caching) and 365 days", options.NegativeTimeToLive));
        }

        if (options.MaxEntries < 1)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"SecretCacheOptions.MaxEntries must be at least 1 (was {options.MaxEntries})."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Describe(string option, string rule, TimeSpan value) =>
        string.Create(CultureInfo.InvariantCulture, $"SecretCacheOptions.{option} {rule} (was {value}).");
}
