using System.Buffers;
using System.Globalization;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecretsAbstractions.Internal;

/// <summary>
/// The JSON format of the file store: one object whose nested objects are name segments. A string leaf is
/// a text value; a number, <c>true</c> or <c>false</c> is its JSON literal; an array is its JSON text;
/// a <c>null</c> leaf is no secret; an object is a folder of secrets. Keys that cannot be a name segment
/// (empty, <c>.</c>, <c>..</c>, containing <c>/</c> or control characters) are not secrets either.
/// </summary>
internal static class JsonSecretsDocument
{
    // As appsettings.json: comments and trailing commas are accepted. Repeated keys are refused, because
    // readers disagree on which one wins.
    private static readonly JsonDocumentOptions Parsing = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        AllowDuplicateProperties = false,
        MaxDepth = 64,
    };

    private static readonly JsonWriterOptions Writing = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Parses a secrets file; a file with nothing but white space is an empty object.</summary>
    /// <param name="content">The file's bytes; they must stay unchanged while the document is in use.</param>
    /// <param name="document">The document, when the file is valid.</param>
    /// <param name="error">Why the file is not valid (where, never what is there), otherwise <see langword="null"/>.</param>
    public static bool TryParse(ReadOnlyMemory<byte> content, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out string? error)
    {
        if (content.Span.StartsWith(ByteOrderMark))
        {
            content = content[ByteOrderMark.Length..];
        }

        if (content.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            content = "{}"u8.ToArray();
        }

        try
        {
            document = JsonDocument.Parse(content, Parsing);
        }
        catch (JsonException parseError)
        {
            // The parser's own message may quote the file, so only the position is kept.
            document = null;
            error = parseError.LineNumber is { } line && parseError.BytePositionInLine is { } position
                ? string.Create(CultureInfo.InvariantCulture, $"is not valid JSON at line {line + 1}, byte {position + 1}")
                : "is not valid JSON (a key may be repeated in one object)";
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            document = null;
            error = "must hold one JSON object";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Copies a parsed secrets file into nodes that can be changed.</summary>
    public static JsonObject ToNodes(JsonDocument document) =>
        JsonObject.Create(document.RootElement)!.DeepClone().AsObject();

    public static string? Find(JsonElement root, string name)
    {
        JsonElement current = root;
        foreach (string segment in name.Split(SecretName.Separator))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        return LeafText(current);
    }

    /// <summary>The names of the secrets under <paramref name="prefix"/>, without reading their values.</summary>
    public static List<string> ListNames(JsonElement root, string? prefix)
    {
        var names = new List<string>();
        var pending = new Stack<(JsonElement Folder, string Name)>();
        pending.Push((root, string.Empty));
        while (pending.TryPop(out var folder))
        {
            foreach (var property in folder.Folder.EnumerateObject())
            {
                if (!IsSegment(property.Name))
                {
                    continue;
                }

                string name = folder.Name.Length == 0 ? property.Name : folder.Name + SecretName.Separator + property.Name;
                if (property.Value.ValueKind == JsonValueKind.Object)
                {
                    if (ListingPrefix.MayHoldMatches(name, prefix))
                    {
                        pending.Push((property.Value, name));
                    }
                }
                else if (property.Value.ValueKind != JsonValueKind.Null && SecretName.HasPrefix(name, prefix) && SecretName.IsValid(name))
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    /// <summary>Sets the string leaf <paramref name="name"/>, creating the objects on the way.</summary>
    /// <returns><see langword="null"/>, or the reason it conflicts with the document.</returns>
    public static string? TrySet(JsonObject root, string name, string value)
    {
        string[] segments = name.Split(SecretName.Separator);
        JsonObject folder = root;
        for (int i = 0; i < segments.Length - 1; i++)
        {
            if (!folder.TryGetPropertyValue(segments[i], out var child) || child is null)
            {
                var created = new JsonObject();
                folder[segments[i]] = created;
                folder = created;
            }
            else if (child is JsonObject childFolder)
            {
                folder = childFolder;
            }
            else
            {
                return $"'{string.Join(SecretName.Separator, segments, 0, i + 1)}' is a secret, so it cannot hold other secrets.";
            }
        }

        if (folder.TryGetPropertyValue(segments[^1], out var existing) && existing is JsonObject)
        {
            return "The name is an object of other secrets, so it cannot hold a value.";
        }

        folder[segments[^1]] = JsonValue.Create(value);
        return null;
    }

    /// <summary>Removes the leaf <paramref name="name"/>; objects on the way stay, even when left empty.</summary>
    /// <returns>Whether there was such a secret.</returns>
    public static bool Remove(JsonObject root, string name)
    {
        string[] segments = name.Split(SecretName.Separator);
        JsonObject? folder = root;
        for (int i = 0; i < segments.Length - 1 && folder is not null; i++)
        {
            folder = folder.TryGetPropertyValue(segments[i], out var child) ? child as JsonObject : null;
        }

        return folder is not null
            && folder.TryGetPropertyValue(segments[^1], out var leaf)
            && leaf is not null and not JsonObject
            && folder.Remove(segments[^1]);
    }

    /// <summary>Writes the document as indented UTF-8 JSON. The caller clears the returned array after use.</summary>
    public static byte[] Serialize(JsonObject root)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, Writing))
            {
                root.WriteTo(writer);
            }

            buffer.Write("\n"u8);
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            buffer.Clear();
        }
    }

    private static string? LeafText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => element.GetRawText(),
    };

    private static bool IsSegment(string key) =>
        !key.Contains(SecretName.Separator, StringComparison.Ordinal) && SecretName.IsValid(key);

}
