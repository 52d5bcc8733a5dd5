using System.Globalization;
using Microsoft.Extensions.Options;

namespace SecretsAbstractions.Configuration.Internal;

/// <summary>The one place where <see cref="SecretReferenceOptions"/> are checked, when <c>AddSecretReferences</c> is called.</summary>
internal sealed class SecretReferenceOptionsValidator : IValidateOptions<SecretReferenceOptions>
{
    public static SecretReferenceOptionsValidator Instance { get; } = new();

    public static SecretReferenceOptions ThrowIfInvalid(SecretReferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = Instance.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SecretReferenceOptions), result.Failures);
        }

        return options;
    }

    public ValidateOptionsResult Validate(string? name, SecretReferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var max = SecretReferenceOptions.MaxDuration;
        if (options.ReloadInterval is { } interval && (interval < SecretReferenceOptions.MinReloadInterval || interval > max))
        {
            failures.Add(Describe(nameof(SecretReferenceOptions.ReloadInterval), "must be between 1 second and 365 days, or null for no periodic reload", interval));
        }

        if (options.ReloadJitter is { } jitter)
        {
            if (options.ReloadInterval is null)
            {
                failures.Add("SecretReferenceOptions.ReloadJitter needs a ReloadInterval.");
            }
            else if (jitter < TimeSpan.Zero || jitter > options.ReloadInterval)
            {
                failures.Add(Describe(nameof(SecretReferenceOptions.ReloadJitter), "must be between zero and ReloadInterval, or null for a tenth of ReloadInterval", jitter));
            }
        }

        if (options.LoadTimeout != Timeout.InfiniteTimeSpan && (options.LoadTimeout <= TimeSpan.Zero || options.LoadTimeout > max))
        {
            failures.Add(Describe(nameof(SecretReferenceOptions.LoadTimeout), "must be greater than zero and at most 365 days, or Timeout.InfiniteTimeSpan", options.LoadTimeout));
        }

        if (options.MaxConcurrency < 1)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"SecretReferenceOptions.MaxConcurrency must be at least 1 (was {options.MaxConcurrency})."));
        }

        if (!Enum.IsDefined(options.BinaryMode))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"SecretReferenceOptions.BinaryMode must be Refuse or Base64 (was {(int)options.BinaryMode})."));
        }

        if (options.StoreProvider is null && string.IsNullOrEmpty(options.StoresSectionPath))
        {
            failures.Add("SecretReferenceOptions.StoresSectionPath must not be empty when no StoreProvider is set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Describe(string option, string rule, TimeSpan value) =>
        string.Create(CultureInfo.InvariantCulture, $"SecretReferenceOptions.{option} {rule} (was {value}).");
}
