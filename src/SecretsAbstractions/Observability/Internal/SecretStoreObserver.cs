using System.Runtime.CompilerServices;

namespace SecretsAbstractions.Internal;

/// <summary>Times each store operation and reports how it ended; the logging and telemetry decorators derive from it.
/// It sees names, never values.</summary>
internal abstract class SecretStoreObserver(TimeProvider timeProvider)
{
    /// <summary>Called when an operation starts; the result is handed back to <see cref="OnCompleted"/>.</summary>
    protected abstract object? OnStarted(string operation);

    /// <summary>Called once when an operation ends.</summary>
    /// <param name="state">What <see cref="OnStarted"/> returned.</param>
    /// <param name="operation">One of <see cref="SecretStoreOperations"/>.</param>
    /// <param name="secretName">The secret concerned, if any (for logs at Debug, when allowed).</param>
    /// <param name="outcome">One of the <see cref="SecretStoreTelemetry"/> outcomes.</param>
    /// <param name="error">The failure, when <paramref name="outcome"/> is a failure or a cancellation.</param>
    /// <param name="elapsed">How long the operation took.</param>
    protected abstract void OnCompleted(object? state, string operation, string? secretName, string outcome, Exception? error, TimeSpan elapsed);

    public static string ErrorType(Exception error) =>
        error is SecretStoreException storeError ? storeError.ErrorCode.ToString() : error.GetType().FullName ?? error.GetType().Name;

    public async ValueTask<TResult> ObserveAsync<TResult, TState>(
        string operation,
        string? secretName,
        TState state,
        Func<TState, CancellationToken, ValueTask<TResult>> call,
        Func<TResult, string> outcomeOf,
        CancellationToken cancellationToken)
    {
        long started = timeProvider.GetTimestamp();
        object? observation = OnStarted(operation);
        TResult result;
        try
        {
            result = await call(state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            OnCompleted(observation, operation, secretName, OutcomeOf(error, cancellationToken), error, timeProvider.GetElapsedTime(started));
            throw;
        }

        OnCompleted(observation, operation, secretName, outcomeOf(result), null, timeProvider.GetElapsedTime(started));
        return result;
    }

    /// <summary>Observes a listing from the first page to the end of the enumeration (or the caller stopping early,
    /// which counts as a success).</summary>
    public async IAsyncEnumerable<SecretProperties> ObserveListAsync(
        IAsyncEnumerable<SecretProperties> listing, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long started = timeProvider.GetTimestamp();
        object? observation = OnStarted(SecretStoreOperations.ListSecrets);
        Exception? failure = null;
        var enumerator = listing.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception error)
                {
                    failure = error;
                    throw;
                }

                if (!more)
                {
                    break;
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
            OnCompleted(
                observation,
                SecretStoreOperations.ListSecrets,
                secretName: null,
                failure is null ? SecretStoreTelemetry.OutcomeSuccess : OutcomeOf(failure, cancellationToken),
                failure,
                timeProvider.GetElapsedTime(started));
        }
    }

    private static string OutcomeOf(Exception error, CancellationToken cancellationToken) =>
        error is OperationCanceledException && cancellationToken.IsCancellationRequested
            ? SecretStoreTelemetry.OutcomeCancelled
            : SecretStoreTelemetry.OutcomeFailure;
}
