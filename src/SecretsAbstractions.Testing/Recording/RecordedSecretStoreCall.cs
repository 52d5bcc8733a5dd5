namespace SecretsAbstractions.Testing;

/// <summary>One call recorded by a <see cref="RecordingSecretStore"/>: the operation and what it asked for.
/// Names are not secret; values are never recorded.</summary>
public sealed class RecordedSecretStoreCall
{
    /// <summary>Creates a recorded call.</summary>
    /// <param name="operation">One of <see cref="SecretStoreOperations"/>.</param>
    /// <param name="secrets">The secrets asked for.</param>
    /// <param name="prefix">The listing prefix, for <see cref="SecretStoreOperations.ListSecrets"/>.</param>
    public RecordedSecretStoreCall(string operation, IReadOnlyList<SecretRequest> secrets, string? prefix = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentNullException.ThrowIfNull(secrets);
        Operation = operation;
        Secrets = secrets;
        Prefix = prefix;
    }

    /// <summary>The operation: one of <see cref="SecretStoreOperations"/>.</summary>
    public string Operation { get; }

    /// <summary>The secrets asked for: one for a get, set or delete (sets and deletes with
    /// <see cref="SecretVersion.Latest"/>), every request of a bulk get, none for a listing.</summary>
    public IReadOnlyList<SecretRequest> Secrets { get; }

    /// <summary>The prefix of a listing (<see langword="null"/> when it listed everything, or for other operations).</summary>
    public string? Prefix { get; }

    /// <summary>Describes the call: the operation and the names or prefix.</summary>
    public override string ToString() =>
        Operation == SecretStoreOperations.ListSecrets
            ? $"{Operation}(prefix: {SecretName.ForDisplay(Prefix ?? string.Empty)})"
            : $"{Operation}({string.Join(", ", Secrets.Select(s => SecretName.ForDisplay(s.Name)))})";
}
