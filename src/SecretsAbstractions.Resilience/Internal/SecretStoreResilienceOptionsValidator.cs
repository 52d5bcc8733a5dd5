using System.Globalization;
using Microsoft.Extensions.Options;

namespace SecretsAbstractions.Resilience.Internal;

/// <summary>Checks <see cref="SecretStoreResilienceOptions"/> and names every offending option with its value and its bounds.</summary>
internal sealed class SecretStoreResilienceOptionsValidator : IValidateOptions<SecretStoreResilienceOptions>
{
    private static readonly TimeSpan MaxSpan = TimeSpan.FromDays(1);
    private static readonly TimeSpan MinCircuitSpan = TimeSpan.FromMilliseconds(500);

    public static SecretStoreResilienceOptions ThrowIfInvalid(SecretStoreResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new SecretStoreResilienceOptionsValidator().Validate(Options.DefaultName, options);
        return result.Failed
            ? throw new OptionsValidationException(Options.DefaultName, typeof(SecretStoreResilienceOptions), result.Failures)
            : options;
    }

    public ValidateOptionsResult Validate(string? name, SecretStoreResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckSpan(failures, "TotalTimeout", options.TotalTimeout);
        CheckSpan(failures, "AttemptTimeout", options.AttemptTimeout);
        if (options.TotalTimeout is { } total && options.AttemptTimeout is { } attempt && attempt > total)
        {
            failures.Add(Format($"AttemptTimeout ({attempt}) must not exceed TotalTimeout ({total}): an attempt cannot take longer than the whole operation."));
        }

        if (options.Retry is not { } retry)
        {
            failures.Add("Retry must not be null; set Retry.MaxRetryAttempts = 0 to turn retries off.");
        }
        else
        {
            ValidateRetry(failures, retry);
        }

        if (options.CircuitBreaker is not { } breaker)
        {
            failures.Add("CircuitBreaker must not be null; set CircuitBreaker.Enabled = false to turn it off.");
        }
        else if (breaker.Enabled)
        {
            ValidateCircuitBreaker(failures, breaker, options.AttemptTimeout);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateRetry(List<string> failures, SecretStoreRetryOptions retry)
    {
        if (retry.MaxRetryAttempts is < 0 or > 100)
        {
            failures.Add(Format($"Retry.MaxRetryAttempts ({retry.MaxRetryAttempts}) must be between 0 and 100; 0 turns retries off."));
        }

        if (retry.BaseDelay < TimeSpan.Zero || retry.BaseDelay > MaxSpan)
        {
            failures.Add(Format($"Retry.BaseDelay ({retry.BaseDelay}) must be between 00:00:00 and {MaxSpan}."));
        }

        if (retry.MaxDelay < retry.BaseDelay || retry.MaxDelay > MaxSpan)
        {
            failures.Add(Format($"Retry.MaxDelay ({retry.MaxDelay}) must be at least Retry.BaseDelay ({retry.BaseDelay}) and at most {MaxSpan}."));
        }
    }

    private static void ValidateCircuitBreaker(List<string> failures, SecretStoreCircuitBreakerOptions breaker, TimeSpan? attemptTimeout)
    {
        if (double.IsNaN(breaker.FailureRatio) || breaker.FailureRatio <= 0 || breaker.FailureRatio > 1)
        {
            failures.Add(Format($"CircuitBreaker.FailureRatio ({breaker.FailureRatio}) must be greater than 0 and at most 1."));
        }

        if (breaker.MinimumThroughput < 2)
        {
            failures.Add(Format($"CircuitBreaker.MinimumThroughput ({breaker.MinimumThroughput}) must be at least 2."));
        }

        if (breaker.SamplingDuration < MinCircuitSpan || breaker.SamplingDuration > MaxSpan)
        {
            failures.Add(Format($"CircuitBreaker.SamplingDuration ({breaker.SamplingDuration}) must be between {MinCircuitSpan} and {MaxSpan}."));
        }
        else if (attemptTimeout is { } attempt && breaker.SamplingDuration < attempt * 2)
        {
            failures.Add(Format($"CircuitBreaker.SamplingDuration ({breaker.SamplingDuration}) must be at least twice AttemptTimeout ({attempt}), so that slow attempts are counted."));
        }

        if (breaker.BreakDuration < MinCircuitSpan || breaker.BreakDuration > MaxSpan)
        {
            failures.Add(Format($"CircuitBreaker.BreakDuration ({breaker.BreakDuration}) must be between {MinCircuitSpan} and {MaxSpan}."));
        }
    }

    private static void CheckSpan(List<string> failures, string option, TimeSpan? value)
    {
        if (value is { } span && (span <= TimeSpan.Zero || span > MaxSpan))
        {
            failures.Add(Format($"{option} ({span}) must be greater than 00:00:00 and at most {MaxSpan}, or null for none."));
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
