using Microsoft.Extensions.Options;

namespace SecretsAbstractions.Internal;

internal static class OptionsValidation
{
    /// <summary>Runs <paramref name="validator"/> and throws <see cref="OptionsValidationException"/> when it fails.</summary>
    public static TOptions ThrowIfInvalid<TOptions>(IValidateOptions<TOptions> validator, TOptions options)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures);
        }

        return options;
    }
}
