using Microsoft.Extensions.Options;

namespace SecretsAbstractions.AwsSecretsManager.Internal;

/// <summary>The one place where <see cref="AwsSecretsManagerSecretStoreOptions"/> are checked.</summary>
internal sealed class AwsSecretsManagerSecretStoreOptionsValidator : IValidateOptions<AwsSecretsManagerSecretStoreOptions>
{
    public static AwsSecretsManagerSecretStoreOptionsValidator Instance { get; } = new();

    public ValidateOptionsResult Validate(string? name, AwsSecretsManagerSecretStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Credentials is not null && !string.IsNullOrEmpty(options.Profile))
        {
            failures.Add($"Set either {nameof(options.Credentials)} or {nameof(options.Profile)}, not both.");
        }

        if (options.ServiceUrl is { } url)
        {
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{nameof(options.ServiceUrl)} must be an absolute http or https URI.");
            }
            else if (!string.IsNullOrEmpty(url.UserInfo) || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
            {
                failures.Add($"{nameof(options.ServiceUrl)} must not carry user information, a query or a fragment.");
            }

            if (options.UseFips)
            {
                failures.Add($"{nameof(options.UseFips)} cannot be combined with {nameof(options.ServiceUrl)}: FIPS and custom endpoint are not supported.");
            }
        }

        if (options.Region is { } region && (region.Length == 0 || !region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            failures.Add($"{nameof(options.Region)} must be a region's system name, such as eu-west-1.");
        }

        if (options.RequestTimeout < TimeSpan.FromMilliseconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{nameof(options.RequestTimeout)} must be from 1 millisecond to 10 minutes.");
        }

        if (options.RecoveryWindowInDays is < 7 or > 30)
        {
            failures.Add($"{nameof(options.RecoveryWindowInDays)} must be from 7 to 30.");
        }

        if (options.MaxBatchConcurrency is < 1 or > 64)
        {
            failures.Add($"{nameof(options.MaxBatchConcurrency)} must be from 1 to 64.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static void ThrowIfInvalid(AwsSecretsManagerSecretStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = Instance.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(AwsSecretsManagerSecretStoreOptions), result.Failures);
        }
    }
}
