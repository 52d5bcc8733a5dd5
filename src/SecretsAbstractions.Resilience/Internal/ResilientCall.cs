using Polly;

namespace SecretsAbstractions.Resilience.Internal;

/// <summary>What the pipeline's strategies need to know about the call they protect, kept in the
/// <see cref="ResilienceContext"/>: names for the errors they raise, the operation (sets are retried differently)
/// and when the call started (a <see cref="SecretStoreException.RetryAfter"/> must fit in the total timeout).</summary>
internal sealed class ResilientCall
{
    public static readonly ResiliencePropertyKey<ResilientCall> Key = new("SecretsAbstractions.Call");

    public ResilientCall(string storeName, string operation, string? secretName, long startTimestamp)
    {
        StoreName = storeName;
        Operation = operation;
        SecretName = secretName;
        StartTimestamp = startTimestamp;
    }

    public string StoreName { get; }

    public string Operation { get; }

    public string? SecretName { get; }

    public long StartTimestamp { get; }

    /// <summary>Set when the retry gave up because the backend asked to wait longer than the time left.</summary>
    public TimeSpan? RetryAfterBeyondBudget { get; set; }

    public static ResilientCall? From(ResilienceContext context) =>
        context.Properties.TryGetValue(Key, out var call) ? call : null;
}
