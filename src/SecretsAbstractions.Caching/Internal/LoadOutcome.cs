using System.Runtime.ExceptionServices;

namespace SecretsAbstractions.Caching.Internal;

/// <summary>What one backend call gave every reader that waited for it: a secret (or not found), a stale
/// secret kept by fail-safe, or an error. Never a faulted task, so a refresh nobody waits for is never unobserved.</summary>
internal sealed class LoadOutcome
{
    private readonly ExceptionDispatchInfo? _error;

    private LoadOutcome(Secret? secret, bool isStale, ExceptionDispatchInfo? error)
    {
        Secret = secret;
        IsStale = isStale;
        _error = error;
    }

    public Secret? Secret { get; }

    public bool IsStale { get; }

    public static LoadOutcome Loaded(Secret? secret) => new(secret, isStale: false, error: null);

    public static LoadOutcome Stale(Secret? secret) => new(secret, isStale: true, error: null);

    public static LoadOutcome Failed(Exception error) => new(null, isStale: false, ExceptionDispatchInfo.Capture(error));

    public Secret? GetSecretOrThrow()
    {
        _error?.Throw();
        return Secret;
    }
}
