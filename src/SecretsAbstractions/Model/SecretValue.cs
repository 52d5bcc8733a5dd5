using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecretsAbstractions;

/// <summary>
/// The value of a secret: text or bytes. It never shows its content by accident: <see cref="ToString()"/>,
/// string interpolation, the debugger and JSON serialization all print <see cref="Redacted"/>.
/// Reading the content is an explicit call to <see cref="RevealString"/> or <see cref="RevealBytes"/>.
/// </summary>
/// <remarks>
/// A text value that is a JSON object exposes its top-level fields through
/// <see cref="TryGetFields"/> and <see cref="GetField"/>, the same way on every backend:
/// a JSON string field gives its text, a number, <c>true</c> or <c>false</c> gives its JSON literal,
/// <c>null</c> gives an empty string, and an object or array gives its JSON text. A value with
/// duplicate field names is not exposed as fields, because backends disagree on which one wins.
/// </remarks>
[DebuggerDisplay(Redacted)]
[JsonConverter(typeof(SecretValueJsonConverter))]
public sealed class SecretValue : ISpanFormattable
{
    /// <summary>What is printed in place of a secret value.</summary>
    public const string Redacted = "[redacted]";

    private static readonly JsonDocumentOptions FieldParsing = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly string? _text;

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly byte[]? _bytes;

    // Parsed on first use; a benign race can parse twice and keep either result.
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private FieldsState? _fields;

    private SecretValue(string? text, byte[]? bytes)
    {
        _text = text;
        _bytes = bytes;
    }

    /// <summary>Creates a text value.</summary>
    /// <param name="value">The text.</param>
    public static SecretValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new SecretValue(value, null);
    }

    /// <summary>Creates a binary value from a copy of <paramref name="value"/>.</summary>
    /// <param name="value">The bytes.</param>
    public static SecretValue FromBytes(ReadOnlySpan<byte> value) => new(null, value.ToArray());

    /// <summary>Whether the value is bytes rather than text.</summary>
    public bool IsBinary => _bytes is not null;

    /// <summary>Reveals a text value.</summary>
    /// <returns>The text.</returns>
    /// <exception cref="InvalidOperationException">The value is binary; use <see cref="RevealBytes"/>.</exception>
    public string RevealString() =>
        _text ?? throw new InvalidOperationException("The secret value is binary; read it with RevealBytes().");

    /// <summary>Reveals the value as bytes: a binary value as it is, a text value encoded as UTF-8.</summary>
    /// <returns>The bytes. Do not modify them.</returns>
    public ReadOnlyMemory<byte> RevealBytes() => _bytes ?? Encoding.UTF8.GetBytes(_text!);

    /// <summary>Gets the top-level fields of a value that is a JSON object.</summary>
    /// <param name="fields">The fields by name (case-sensitive), when the value is a JSON object.</param>
    /// <returns><see langword="true"/> when the value is text holding one JSON object with unique field names.</returns>
    public bool TryGetFields([NotNullWhen(true)] out IReadOnlyDictionary<string, SecretValue>? fields)
    {
        FieldsState? state = _fields;
        if (state is null)
        {
            state = new FieldsState(ParseFields(_text));
            _fields = state;
        }

        fields = state.Fields;
        return fields is not null;
    }

    /// <summary>Gets one top-level field of a value that is a JSON object.</summary>
    /// <param name="name">The field name (case-sensitive).</param>
    /// <returns>The field's value, or <see langword="null"/> when the value is not a JSON object or has no such field.</returns>
    public SecretValue? GetField(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGetFields(out var fields) && fields.TryGetValue(name, out var field) ? field : null;
    }

    /// <summary>Returns <see cref="Redacted"/>, never the value.</summary>
    public override string ToString() => Redacted;

    /// <summary>Returns <see cref="Redacted"/>, never the value.</summary>
    /// <param name="format">Ignored.</param>
    /// <param name="formatProvider">Ignored.</param>
    public string ToString(string? format, IFormatProvider? formatProvider) => Redacted;

    /// <summary>Writes <see cref="Redacted"/>, never the value.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="charsWritten">How many characters were written.</param>
    /// <param name="format">Ignored.</param>
    /// <param name="provider">Ignored.</param>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        bool fits = Redacted.AsSpan().TryCopyTo(destination);
        charsWritten = fits ? Redacted.Length : 0;
        return fits;
    }

    private static Dictionary<string, SecretValue>? ParseFields(string? text)
    {
        if (text is null || !LooksLikeObject(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text, FieldParsing);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var fields = new Dictionary<string, SecretValue>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = new SecretValue(FieldText(property.Value), null);
            }

            return fields;
        }
        catch (Exception error) when (error is JsonException or ArgumentException or InvalidOperationException)
        {
            // Not JSON, duplicate names, or text with unpaired surrogates. The exception text may quote
            // the value, so it goes nowhere.
            return null;
        }
    }

    private static bool LooksLikeObject(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        return trimmed.Length > 0 && trimmed[0] == '{';
    }

    private static string FieldText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Null => string.Empty,
        _ => element.GetRawText(),
    };

    private sealed record FieldsState(IReadOnlyDictionary<string, SecretValue>? Fields);
}

/// <summary>Writes <see cref="SecretValue.Redacted"/> in place of a secret value; refuses to read one,
/// so that a redacted document can never be mistaken for the secret.</summary>
internal sealed class SecretValueJsonConverter : JsonConverter<SecretValue>
{
    public override SecretValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new JsonException("A SecretValue is never read from JSON: serialized secret values are redacted.");

    public override void Write(Utf8JsonWriter writer, SecretValue value, JsonSerializerOptions options) =>
        writer.WriteStringValue(SecretValue.Redacted);
}
