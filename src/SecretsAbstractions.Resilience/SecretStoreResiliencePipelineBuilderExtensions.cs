using System.Diagnostics.CodeAnalysis;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using SecretsAbstractions.Resilience.Internal;

namespace SecretsAbstractions.Resilience;

/// <summary>Adds the secret store strategies to a Polly pipeline builder, for example to register them by name in the
/// resilience registry (<c>services.AddResiliencePipeline("secrets", b =&gt; b.AddSecretStoreResilience(options))</c>) and
/// share them with <see cref="SecretStoreResilienceBuilderExtensions.UseResilience(SecretStoreBuilder, string)"/>.</summary>
public static class SecretStoreResiliencePipelineBuilderExtensions
{
    /// <summary>Adds, outermost first: the total timeout, the retry, the rate limiter, the circuit breaker and the attempt
    /// timeout described by <paramref name="options"/>, each only when it is configured.</summary>
    /// <param name="builder">The pipeline builder; its <see cref="ResiliencePipelineBuilderBase.TimeProvider"/> is the clock.</param>
    /// <param name="options">The options; validated here.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    [UnconditionalSuppressMessage(
        "Trimming",
        "IL2026:RequiresUnreferencedCode",
        Justification = "AddStrategy validates the rate limiter's options with data annotations; the DynamicDependency keeps their members, as Polly does for its own strategies.")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(RateLimiterStrategy.Options))]
    public static ResiliencePipelineBuilder AddSecretStoreResilience(this ResiliencePipelineBuilder builder, SecretStoreResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        SecretStoreResilienceOptionsValidator.ThrowIfInvalid(options);
        var timeProvider = builder.TimeProvider ?? TimeProvider.System;
        if (options.TotalTimeout is { } totalTimeout)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Name = "SecretStoreTotalTimeout", Timeout = totalTimeout });
        }

        if (options.Retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(CreateRetry(options, timeProvider));
        }

        if (options.RateLimiter is { } limiter)
        {
            builder.AddStrategy(_ => new RateLimiterStrategy(limiter), new RateLimiterStrategy.Options());
        }

        if (options.CircuitBreaker.Enabled)
        {
            var breaker = options.CircuitBreaker;
            var circuit = new ResilienceInstrumentation.Circuit();
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                Name = "SecretStoreCircuitBreaker",
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(SecretStoreFailures.CountsAgainstBackend(args.Outcome.Exception)),
                OnOpened = args =>
                {
                    circuit.Opened(args.Context);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    circuit.Closed();
                    return ValueTask.CompletedTask;
                },
            });
        }

        if (options.AttemptTimeout is { } attemptTimeout)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Name = "SecretStoreAttemptTimeout", Timeout = attemptTimeout });
        }

        return builder;
    }

    private static RetryStrategyOptions CreateRetry(SecretStoreResilienceOptions options, TimeProvider timeProvider)
    {
        var retry = options.Retry;
        return new RetryStrategyOptions
        {
            Name = "SecretStoreRetry",
            MaxRetryAttempts = retry.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            Delay = retry.BaseDelay,
            MaxDelay = retry.MaxDelay,
            UseJitter = retry.UseJitter,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args, options, timeProvider)),
            OnRetry = static args =>
            {
                ResilienceInstrumentation.RecordRetry(args.Context, args.Outcome.Exception);
                return ValueTask.CompletedTask;
            },
            DelayGenerator = static args => ValueTask.FromResult(
                args.Outcome.Exception is SecretStoreException { RetryAfter: { } retryAfter } ? retryAfter : (TimeSpan?)null),
        };
    }

    private static bool ShouldRetry(RetryPredicateArguments<object> args, SecretStoreResilienceOptions options, TimeProvider timeProvider)
    {
        var exception = args.Outcome.Exception;
        if (!SecretStoreFailures.IsTransient(exception))
        {
            return false;
        }

        var call = ResilientCall.From(args.Context);
        if (call is null)
        {
            return true;
        }

        if (call.Operation == SecretStoreOperations.SetSecret && !options.Retry.RetryAmbiguousWrites && SecretStoreFailures.IsAmbiguousForWrites(exception))
        {
            return false;
        }

        if (exception is SecretStoreException { RetryAfter: { } retryAfter } && options.TotalTimeout is { } totalTimeout)
        {
            var remaining = totalTimeout - timeProvider.GetElapsedTime(call.StartTimestamp);
            if (retryAfter >= remaining)
            {
                if (args.AttemptNumber < options.Retry.MaxRetryAttempts)
                {
                    call.RetryAfterBeyondBudget = retryAfter;
                }

                return false;
            }
        }

        return true;
    }
}
