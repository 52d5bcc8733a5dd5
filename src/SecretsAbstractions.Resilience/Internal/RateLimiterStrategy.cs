using System.Threading.RateLimiting;
using Polly;

namespace SecretsAbstractions.Resilience.Internal;

/// <summary>Takes one permit from the caller's <see cref="RateLimiter"/> before each attempt.</summary>
internal sealed class RateLimiterStrategy(RateLimiter limiter) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        RateLimitLease lease;
        try
        {
            lease = await limiter.AcquireAsync(1, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (OperationCanceledException error)
        {
            return Outcome.FromException<TResult>(error);
        }

        using (lease)
        {
            if (!lease.IsAcquired)
            {
                var call = ResilientCall.From(context);
                return Outcome.FromException<TResult>(new RateLimitRejectedException()
                {
                    StoreName = call?.StoreName,
                    Operation = call?.Operation,
                    SecretName = call?.SecretName,
                    RetryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null,
                });
            }

            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }
    }

    public sealed class Options : ResilienceStrategyOptions
    {
        public Options() => Name = "SecretStoreRateLimiter";
    }
}
