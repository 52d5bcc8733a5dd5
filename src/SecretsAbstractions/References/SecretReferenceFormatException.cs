using System.Globalization;

namespace SecretsAbstractions;

/// <summary>
/// A string is not a valid secret reference (see <see cref="SecretReference"/> for the grammar).
/// <see cref="Position"/> says where parsing stopped and the message says what was expected there.
/// </summary>
/// <remarks>The message quotes the reference text, with control and format characters escaped; a
/// reference names a secret and never holds its value.</remarks>
public sealed class SecretReferenceFormatException : FormatException
{
    /// <summary>Creates an exception whose position is not known (<see cref="Position"/> is -1).</summary>
    public SecretReferenceFormatException()
        : this("Invalid secret reference.")
    {
    }

    /// <summary>Creates an exception whose position is not known (<see cref="Position"/> is -1).</summary>
    /// <param name="message">What is wrong.</param>
    public SecretReferenceFormatException(string message)
        : this(message, position: -1)
    {
    }

    /// <summary>Creates an exception whose position is not known (<see cref="Position"/> is -1).</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SecretReferenceFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Position = -1;
    }

    /// <summary>Creates an exception for an error at <paramref name="position"/>.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="position">The 0-based index in the reference text where the error is.</param>
    public SecretReferenceFormatException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    /// <summary>The 0-based index in the reference text where parsing failed (the text's length when
    /// it ended too early); -1 when not known.</summary>
    public int Position { get; }

    /// <summary>Creates the exception for <paramref name="text"/>, failing at <paramref name="position"/>.</summary>
    /// <param name="text">The whole reference text.</param>
    /// <param name="position">Where the error is.</param>
    /// <param name="expected">What was expected there, starting with "expected", without a final period.</param>
    internal static SecretReferenceFormatException At(string text, int position, string expected) =>
        new(
            string.Create(
                CultureInfo.InvariantCulture,
                $"Invalid secret reference at position {position}: {expected}. Reference: '{SecretName.ForDisplay(text)}'."),
            position);
}
