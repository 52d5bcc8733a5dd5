using System.Diagnostics;
using System.Diagnostics.Metrics;
using Polly;
using Polly.Timeout;

namespace SecretsAbstractions.Resilience.Internal;

/// <summary>The circuit state and retry instruments of <see cref="SecretStoreResilienceTelemetry"/>.</summary>
internal static class ResilienceInstrumentation
{
    private static readonly Meter Meter = new(SecretStoreTelemetry.MeterName, typeof(ResilienceInstrumentation).Assembly.GetName().Version?.ToString());

    private static readonly UpDownCounter<int> CircuitOpen = Meter.CreateUpDownCounter<int>(
        SecretStoreResilienceTelemetry.CircuitOpenInstrument,
        unit: "{circuit}",
        description: "1 while a secret store's circuit breaker refuses calls, 0 while it lets them through.");

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        SecretStoreResilienceTelemetry.RetriesInstrument,
        unit: "{retry}",
        description: "Retries of secret store operations, by error code.");

    public static void RecordRetry(ResilienceContext context, Exception? failure)
    {
        if (!Retries.Enabled)
        {
            return;
        }

        var call = ResilientCall.From(context);
        var tags = new TagList
        {
            { SecretStoreTelemetry.StoreNameTag, call?.StoreName },
            { SecretStoreTelemetry.OperationTag, call?.Operation },
            { SecretStoreTelemetry.ErrorTypeTag, failure switch
                {
                    SecretStoreException error => error.ErrorCode.ToString(),
                    TimeoutRejectedException => nameof(SecretStoreErrorCode.Timeout),
                    _ => failure?.GetType().Name,
                }
            },
        };
        Retries.Add(1, tags);
    }

    /// <summary>Tracks one circuit breaker, so that the counter moves once per real open/close transition
    /// (a half-open circuit that opens again is still open).</summary>
    public sealed class Circuit
    {
        private int _open;
        private string? _storeName;

        public void Opened(ResilienceContext context)
        {
            _storeName = ResilientCall.From(context)?.StoreName ?? _storeName;
            if (Interlocked.Exchange(ref _open, 1) == 0)
            {
                CircuitOpen.Add(1, new KeyValuePair<string, object?>(SecretStoreTelemetry.StoreNameTag, _storeName));
            }
        }

        public void Closed()
        {
            if (Interlocked.Exchange(ref _open, 0) == 1)
            {
                CircuitOpen.Add(-1, new KeyValuePair<string, object?>(SecretStoreTelemetry.StoreNameTag, _storeName));
            }
        }
    }
}
