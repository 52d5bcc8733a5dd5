namespace SecretsAbstractions.Resilience.Internal;

/// <summary>Runs the inner writer's calls through the pipeline; which write failures are retried is decided by the retry
/// predicate (see <see cref="SecretStoreRetryOptions"/>).</summary>
internal sealed class ResilientSecretWriter(ISecretWriter innerWriter, ResilienceExecutor executor) : ISecretWriter
{
    public ValueTask<SecretProperties> SetSecretAsync(string name, SecretValue value, SecretWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        executor.ExecuteAsync(
            SecretStoreOperations.SetSecret,
            name,
            (Writer: innerWriter, Name: name, Value: value, Options: options),
            static (s, ct) => s.Writer.SetSecretAsync(s.Name, s.Value, s.Options, ct),
            cancellationToken);

    public ValueTask<bool> DeleteSecretAsync(string name, CancellationToken cancellationToken = default) =>
        executor.ExecuteAsync(
            SecretStoreOperations.DeleteSecret,
            name,
            (Writer: innerWriter, Name: name),
            static (s, ct) => s.Writer.DeleteSecretAsync(s.Name, ct),
            cancellationToken);
}
