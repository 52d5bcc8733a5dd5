using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Registry;
using SecretsAbstractions.Resilience;
using SecretsAbstractions.Resilience.Internal;

namespace SecretsAbstractions;

/// <summary>Adds resilience (timeouts, retries, circuit breaker, rate limiting) to a store with
/// <see cref="SecretStoreBuilder"/>. Put it inside a cache (<c>.UseCaching().UseResilience()</c>) so that cache hits never
/// pass through the pipeline and each backend call does.</summary>
/// <remarks>
/// <para>Errors keep the store's contract: every failure is a <see cref="SecretStoreException"/>. A timeout is
/// <see cref="SecretStoreErrorCode.Timeout"/>, an open circuit is <see cref="SecretStoreErrorCode.Unavailable"/>, and a
/// <see cref="SecretStoreException.RetryAfter"/> longer than what is left of the total timeout is
/// <see cref="SecretStoreErrorCode.Throttled"/> carrying that delay. The caller's own cancellation is an
/// <see cref="OperationCanceledException"/>, never retried.</para>
/// <para>Retries never multiply with an adapter's SDK retries: adapters keep their SDK's retries off and mark transient
/// failures with <see cref="SecretStoreException.IsTransient"/>; an adapter that retries on its own reports its final
/// failure with <c>isTransient: false</c>, which this decorator does not retry. See <see cref="SecretStoreRetryOptions"/>
/// for which writes are retried.</para>
/// </remarks>
public static class SecretStoreResilienceBuilderExtensions
{
    /// <summary>Adds the standard resilience pipeline (see <see cref="SecretStoreResilienceOptions"/> for its defaults).</summary>
    /// <param name="builder">The store builder.</param>
    /// <param name="configure">Changes the default options; validated before this method returns.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names each offending option.</exception>
    public static SecretStoreBuilder UseResilience(this SecretStoreBuilder builder, Action<SecretStoreResilienceOptions>? configure = null)
    {
        var options = new SecretStoreResilienceOptions();
        configure?.Invoke(options);
        return builder.UseResilience(options);
    }

    /// <summary>Adds the resilience pipeline described by <paramref name="options"/>.</summary>
    /// <param name="builder">The store builder.</param>
    /// <param name="options">The options; validated before this method returns. Later changes to them are not seen.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names each offending option.</exception>
    public static SecretStoreBuilder UseResilience(this SecretStoreBuilder builder, SecretStoreResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var snapshot = Copy(SecretStoreResilienceOptionsValidator.ThrowIfInvalid(options));
        return builder.Use((store, services) =>
        {
            var timeProvider = snapshot.TimeProvider ?? services.GetService<TimeProvider>() ?? TimeProvider.System;
            var pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }.AddSecretStoreResilience(snapshot).Build();
            return Create(store, pipeline, timeProvider);
        });
    }

    /// <summary>Runs the store's calls through the pipeline registered under <paramref name="pipelineName"/> in the
    /// resilience registry (<c>services.AddResiliencePipeline(pipelineName, ...)</c>, resolved through
    /// <see cref="ResiliencePipelineProvider{TKey}"/> when the store is built).</summary>
    /// <param name="builder">The store builder.</param>
    /// <param name="pipelineName">The name the pipeline is registered under. Register it with
    /// <see cref="SecretStoreResiliencePipelineBuilderExtensions.AddSecretStoreResilience"/> to get the standard strategies,
    /// including the fail-fast on a long retry-after; any other pipeline runs as it is, and its timeouts and open circuits
    /// are still reported as <see cref="SecretStoreErrorCode.Timeout"/> and <see cref="SecretStoreErrorCode.Unavailable"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">When the store is built: no resilience registry is registered.</exception>
    public static SecretStoreBuilder UseResilience(this SecretStoreBuilder builder, string pipelineName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(pipelineName);
        return builder.Use((store, services) =>
        {
            var provider = services.GetService<ResiliencePipelineProvider<string>>() ?? throw new InvalidOperationException(
                $"UseResilience(\"{pipelineName}\") needs the resilience registry: register the pipeline with services.AddResiliencePipeline(\"{pipelineName}\", ...) and build the store from those services.");
            var timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
            return Create(store, provider.GetPipeline(pipelineName), timeProvider);
        });
    }

    /// <summary>Runs the store's calls through <paramref name="pipeline"/>.</summary>
    /// <param name="builder">The store builder.</param>
    /// <param name="pipeline">The pipeline, for example one built with
    /// <see cref="SecretStoreResiliencePipelineBuilderExtensions.AddSecretStoreResilience"/>.</param>
    /// <param name="timeProvider">The clock the pipeline was built with; <see cref="TimeProvider.System"/> by default.</param>
    /// <returns>The builder.</returns>
    public static SecretStoreBuilder UseResilience(this SecretStoreBuilder builder, ResiliencePipeline pipeline, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(pipeline);
        return builder.Use(store => Create(store, pipeline, timeProvider ?? TimeProvider.System));
    }

    private static ResilientSecretStore Create(ISecretStore store, ResiliencePipeline pipeline, TimeProvider timeProvider)
    {
        string? storeName = null;
        return new ResilientSecretStore(store, new ResilienceExecutor(pipeline, timeProvider, () => storeName ??= store.GetMetadata().StoreName));
    }

    private static SecretStoreResilienceOptions Copy(SecretStoreResilienceOptions options) => new()
    {
        TotalTimeout = options.TotalTimeout,
        AttemptTimeout = options.AttemptTimeout,
        RateLimiter = options.RateLimiter,
        TimeProvider = options.TimeProvider,
        Retry = new SecretStoreRetryOptions
        {
            MaxRetryAttempts = options.Retry.MaxRetryAttempts,
            BaseDelay = options.Retry.BaseDelay,
            MaxDelay = options.Retry.MaxDelay,
            UseJitter = options.Retry.UseJitter,
            RetryAmbiguousWrites = options.Retry.RetryAmbiguousWrites,
        },
        CircuitBreaker = new SecretStoreCircuitBreakerOptions
        {
            Enabled = options.CircuitBreaker.Enabled,
            FailureRatio = options.CircuitBreaker.FailureRatio,
            MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
            SamplingDuration = options.CircuitBreaker.SamplingDuration,
            BreakDuration = options.CircuitBreaker.BreakDuration,
        },
    };
}
