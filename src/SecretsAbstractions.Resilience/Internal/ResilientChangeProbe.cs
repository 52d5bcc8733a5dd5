namespace SecretsAbstractions.Resilience.Internal;

/// <summary>Runs the inner change probe's calls through the pipeline, as reads: a probe that fails transiently is
/// retried, and the circuit breaker and rate limiter count it like any other call to the backend.</summary>
internal sealed class ResilientChangeProbe(ISecretChangeProbe innerProbe, ResilienceExecutor executor) : ISecretChangeProbe
{
    public ValueTask<SecretProperties?> GetLatestPropertiesAsync(string name, CancellationToken cancellationToken = default) =>
        executor.ExecuteAsync(
            SecretStoreOperations.GetLatestProperties,
            name,
            (Probe: innerProbe, Name: name),
            static (s, ct) => s.Probe.GetLatestPropertiesAsync(s.Name, ct),
            cancellationToken);
}
