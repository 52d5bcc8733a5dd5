namespace SecretsAbstractions;

/// <summary>One secret to read in a <see cref="ISecretStore.GetSecretsAsync"/> call.</summary>
/// <param name="Name">The logical name.</param>
/// <param name="Version">The version; latest by default.</param>
public readonly record struct SecretRequest(string Name, SecretVersion Version = default)
{
    /// <summary>Requests the latest version of <paramref name="name"/>.</summary>
    /// <param name="name">The logical name.</param>
    public static implicit operator SecretRequest(string name) => new(name);

    /// <summary>Requests the latest version of <paramref name="name"/>.</summary>
    /// <param name="name">The logical name.</param>
    public static SecretRequest FromString(string name) => new(name);
}

/// <summary>The outcome of one <see cref="SecretRequest"/>: the secret, not found, or an error.</summary>
public sealed class SecretResult
{
    private SecretResult(SecretRequest request, Secret? secret, SecretStoreException? error)
    {
        Request = request;
        Secret = secret;
        Error = error;
    }

    /// <summary>What was asked for.</summary>
    public SecretRequest Request { get; }

    /// <summary>The secret, when it was found.</summary>
    public Secret? Secret { get; }

    /// <summary>Why this secret could not be read, when it failed.</summary>
    public SecretStoreException? Error { get; }

    /// <summary>Whether the secret was read.</summary>
    public bool IsFound => Secret is not null;

    /// <summary>A secret that was read.</summary>
    /// <param name="request">The request.</param>
    /// <param name="secret">The secret.</param>
    public static SecretResult Found(SecretRequest request, Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return new(request, secret, null);
    }

    /// <summary>A secret or version that does not exist.</summary>
    /// <param name="request">The request.</param>
    public static SecretResult NotFound(SecretRequest request) => new(request, null, null);

    /// <summary>A secret that could not be read.</summary>
    /// <param name="request">The request.</param>
    /// <param name="error">Why.</param>
    public static SecretResult Failed(SecretRequest request, SecretStoreException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(request, null, error);
    }

    /// <summary>Describes the outcome without any value.</summary>
    public override string ToString() =>
        $"{SecretName.ForDisplay(Request.Name)}: {(Secret is not null ? "found" : Error is not null ? Error.ErrorCode.ToString() : "not found")}";
}
