using System.Globalization;
using System.Text;

namespace SecretsAbstractions.Configuration;

/// <summary>
/// The first load of configuration found references it could not resolve. The message lists each failure with its
/// configuration key and reference text; it never holds a secret value.
/// </summary>
public sealed class SecretReferenceResolutionException : Exception
{
    private const int MaxListed = 10;

    /// <summary>Creates an exception without details.</summary>
    public SecretReferenceResolutionException()
        : this("Secret references in configuration could not be resolved.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public SecretReferenceResolutionException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SecretReferenceResolutionException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates the exception for <paramref name="errors"/>.</summary>
    /// <param name="errors">The failures, at least one.</param>
    /// <remarks><see cref="Exception.InnerException"/> is the first failure's cause when that is a
    /// <see cref="SecretStoreException"/> or <see cref="SecretReferenceFormatException"/>, whose messages never hold a
    /// value. Another exception a store threw is only in <see cref="SecretReferenceResolutionError.Exception"/>: its
    /// message is the store's own text, and <see cref="Exception.ToString"/> of this exception must stay safe to log.</remarks>
    public SecretReferenceResolutionException(IReadOnlyList<SecretReferenceResolutionError> errors)
        : base(Describe(errors), errors.Select(e => e.Exception).FirstOrDefault(e => e is SecretStoreException or SecretReferenceFormatException))
    {
        Errors = errors;
    }

    /// <summary>Every reference that failed, in configuration key order.</summary>
    public IReadOnlyList<SecretReferenceResolutionError> Errors { get; }

    private static string Describe(IReadOnlyList<SecretReferenceResolutionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        var text = new StringBuilder(errors.Count == 1
            ? "1 secret reference in configuration could not be resolved:"
            : string.Create(CultureInfo.InvariantCulture, $"{errors.Count} secret references in configuration could not be resolved:"));
        foreach (var error in errors.Take(MaxListed))
        {
            text.AppendLine().Append("- ").Append(error.ToString());
        }

        if (errors.Count > MaxListed)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"- and {errors.Count - MaxListed} more (see Errors).");
        }

        return text.ToString();
    }
}
