using System.Globalization;

namespace SecretsAbstractions.Configuration;

/// <summary>One reference in a configuration value that could not be resolved: where it is, what it says and why it
/// failed. Never holds a secret value.</summary>
public sealed class SecretReferenceResolutionError
{
    internal SecretReferenceResolutionError(string key, string? reference, int offset, int position, string reason, Exception? exception)
    {
        ConfigurationKey = key;
        Reference = reference;
        Offset = offset;
        Position = position;
        Reason = reason;
        Exception = exception;
    }

    /// <summary>The configuration key whose value holds the reference, such as <c>ConnectionStrings:Db</c>.</summary>
    public string ConfigurationKey { get; }

    /// <summary>The reference as written between <c>${secret:</c> and <c>}</c>; <see langword="null"/> when the
    /// <c>${secret:</c> has no closing <c>}</c>.</summary>
    public string? Reference { get; }

    /// <summary>The 0-based index of the <c>${secret:</c> in the configuration value.</summary>
    public int Offset { get; }

    /// <summary>The 0-based index in <see cref="Reference"/> where it stops following the grammar
    /// (<see cref="SecretReferenceFormatException.Position"/>); -1 when the reference is well formed.</summary>
    public int Position { get; }

    /// <summary>Why the reference failed, without the configuration key and the reference.</summary>
    public string Reason { get; }

    /// <summary>The cause: a <see cref="SecretReferenceFormatException"/>, a <see cref="SecretStoreException"/>, or
    /// another exception a store threw; <see langword="null"/> when there is none (an unterminated reference).</summary>
    public Exception? Exception { get; }

    /// <summary>The <see cref="SecretStoreErrorCode"/> of a store failure; <see langword="null"/> for a reference
    /// that does not parse or an exception other than <see cref="SecretStoreException"/>.</summary>
    public SecretStoreErrorCode? ErrorCode => (Exception as SecretStoreException)?.ErrorCode;

    /// <summary>Describes the failure: the key, the reference, its place in the value and the reason.</summary>
    public override string ToString() =>
        Reference is null
            ? string.Create(CultureInfo.InvariantCulture, $"Configuration key '{SecretName.ForDisplay(ConfigurationKey)}': {Reason}")
            : string.Create(CultureInfo.InvariantCulture,
                $"Configuration key '{SecretName.ForDisplay(ConfigurationKey)}', secret reference '{SecretName.ForDisplay(Reference)}' (at index {Offset} of the value): {Reason}");
}
