using System.Globalization;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace SecretsAbstractions.Resilience.Internal;

/// <summary>Runs one store call through the pipeline and turns what the pipeline throws into
/// <see cref="SecretStoreException"/>s: an expired timeout is <see cref="SecretStoreErrorCode.Timeout"/>, an open circuit is
/// <see cref="SecretStoreErrorCode.Unavailable"/>, a retry-after that does not fit in the total timeout is
/// <see cref="SecretStoreErrorCode.Throttled"/>, as is a permit refused by the rate limiter. Cancellation by the caller passes through unchanged.</summary>
internal sealed class ResilienceExecutor(ResiliencePipeline pipeline, TimeProvider timeProvider, Func<string> storeName)
{
    public async ValueTask<TResult> ExecuteAsync<TResult, TState>(
        string operation, string? secretName, TState state, Func<TState, CancellationToken, ValueTask<TResult>> callback, CancellationToken cancellationToken)
    {
        var call = new ResilientCall(storeName(), operation, secretName, timeProvider.GetTimestamp());
        var context = ResilienceContextPool.Shared.Get(operation, continueOnCapturedContext: false, cancellationToken);
        context.Properties.Set(ResilientCall.Key, call);
        try
        {
            return await pipeline.ExecuteAsync(
                static (ctx, args) => args.Callback(args.State, ctx.CancellationToken),
                context,
                (Callback: callback, State: state)).ConfigureAwait(false);
        }
        catch (SecretStoreException error) when (call.RetryAfterBeyondBudget is { } retryAfter)
        {
            throw Translate(call, error is RateLimitRejectedException ? null : error, SecretStoreErrorCode.Throttled, string.Create(
                CultureInfo.InvariantCulture,
                $"The store asked to wait {retryAfter} before retrying, which does not fit in the total timeout; failing now instead of waiting."),
                retryAfter);
        }
        catch (RateLimitRejectedException error)
        {
            // The same failure, as the public type: callers never see this package's internal exception.
            throw new SecretStoreException(SecretStoreErrorCode.Throttled, RateLimitRejectedException.Reason, innerException: null, isTransient: true)
            {
                StoreName = call.StoreName,
                Operation = call.Operation,
                SecretName = call.SecretName,
                RetryAfter = error.RetryAfter,
            };
        }
        catch (TimeoutRejectedException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw Translate(call, error, SecretStoreErrorCode.Timeout, string.Create(
                CultureInfo.InvariantCulture, $"The operation did not finish within its timeout of {error.Timeout}."), retryAfter: null);
        }
        catch (BrokenCircuitException error)
        {
            throw Translate(call, error, SecretStoreErrorCode.Unavailable,
                "The circuit breaker is open after recent failures of the store; the call was refused without reaching it.", error.RetryAfter);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static SecretStoreException Translate(ResilientCall call, Exception? error, SecretStoreErrorCode code, string message, TimeSpan? retryAfter) =>
        new(code, message, error, isTransient: true)
        {
            StoreName = call.StoreName,
            Operation = call.Operation,
            SecretName = call.SecretName,
            RetryAfter = retryAfter,
        };
}
