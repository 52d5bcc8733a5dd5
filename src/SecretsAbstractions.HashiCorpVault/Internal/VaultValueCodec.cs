using System.Text.Encodings.Web;
using System.Text.Json;

namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>
/// Maps a portable text value to a Vault data map and back, so that every text round-trips exactly and native
/// Vault secrets read as their fields.
/// <list type="bullet">
/// <item>Reading: a data map that is exactly one string field named <c>value</c> reads as that text; any other data
/// map reads as its canonical JSON object text (compact, fields sorted by ordinal name at every depth, numbers as
/// Vault keeps them), so its fields are the secret's fields.</item>
/// <item>Writing: a text that is already the canonical JSON text of an object (other than a lone <c>value</c>
/// string) is stored as that data map; any other text (plain text, JSON in another layout) is stored as
/// <c>{"value": text}</c>.</item>
/// </list>
/// </summary>
internal static class VaultValueCodec
{
    public const string ValueField = "value";

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };
    private static readonly JsonWriterOptions Canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>The JSON data map to send for <paramref name="text"/>.</summary>
    public static void WriteDataMap(Utf8JsonWriter writer, string text)
    {
        if (TryParseCanonicalObject(text, out var document))
        {
            using (document)
            {
                document.RootElement.WriteTo(writer);
            }

            return;
        }

        writer.WriteStartObject();
        writer.WriteString(ValueField, text);
        writer.WriteEndObject();
    }

    /// <summary>The text of a data map read from Vault.</summary>
    public static string ReadDataMap(JsonElement data)
    {
        if (IsLoneValueString(data))
        {
            return data.GetProperty(ValueField).GetString()!;
        }

        return ToCanonicalText(data);
    }

    public static string ToCanonicalText(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Canonical))
        {
            WriteCanonical(writer, element);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static bool TryParseCanonicalObject(string text, out JsonDocument document)
    {
        document = null!;
        if (text.Length < 2 || text[0] != '{')
        {
            return false;
        }

        try
        {
            var parsed = JsonDocument.Parse(text, Strict);
            if (parsed.RootElement.ValueKind == JsonValueKind.Object && !IsLoneValueString(parsed.RootElement)
                && string.Equals(ToCanonicalText(parsed.RootElement), text, StringComparison.Ordinal))
            {
                document = parsed;
                return true;
            }

            parsed.Dispose();
            return false;
        }
        catch (Exception error) when (error is JsonException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsLoneValueString(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        using var properties = data.EnumerateObject();
        return properties.MoveNext() && properties.Current.NameEquals(ValueField)
            && properties.Current.Value.ValueKind == JsonValueKind.String && !properties.MoveNext();
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
