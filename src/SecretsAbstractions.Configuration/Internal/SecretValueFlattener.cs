using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace SecretsAbstractions.Configuration.Internal;

/// <summary>Turns a secret's value into configuration entries: one key for plain text, child keys for a JSON object,
/// made the way Microsoft.Extensions.Configuration.Json's parser makes them (checked against it by a test): objects by
/// key, arrays by index, <c>null</c> and an empty object as a key without a value, an empty array as an empty string.</summary>
internal static class SecretValueFlattener
{
    // The JSON configuration provider's parsing options.
    private static readonly JsonDocumentOptions Parsing = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    /// <summary>The entries of one secret.</summary>
    /// <param name="key">The secret's configuration key.</param>
    /// <param name="value">The value.</param>
    /// <param name="flattenJson">Whether a JSON object becomes child keys.</param>
    /// <param name="unparsedJson">Set when the value looked like a JSON object but could not be flattened; it is then
    /// one plain entry.</param>
    /// <remarks>A binary value is given as Base64 text (configuration values are strings).</remarks>
    public static KeyValuePair<string, string?>[] Flatten(string key, SecretValue value, bool flattenJson, out bool unparsedJson)
    {
        unparsedJson = false;
        if (value.IsBinary)
        {
            return [new(key, Convert.ToBase64String(value.RevealBytes().Span))];
        }

        string text = value.RevealString();
        if (!flattenJson || !LooksLikeObject(text))
        {
            return [new(key, text)];
        }

        var entries = TryFlattenObject(key, text);
        if (entries is null)
        {
            unparsedJson = true;
            return [new(key, text)];
        }

        return entries;
    }

    private static bool LooksLikeObject(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        return trimmed.Length > 0 && trimmed[0] == '{';
    }

    private static KeyValuePair<string, string?>[]? TryFlattenObject(string key, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, Parsing);
            var visitor = new Visitor();
            visitor.VisitObject(key, document.RootElement);
            return visitor.Failed ? null : [.. visitor.Entries];
        }
        catch (Exception error) when (error is JsonException or ArgumentException or InvalidOperationException)
        {
            // The exception text may quote the value, so it goes nowhere.
            return null;
        }
    }

    private sealed class Visitor
    {
        private readonly HashSet<string> _keys = new(StringComparer.OrdinalIgnoreCase);

        public List<KeyValuePair<string, string?>> Entries { get; } = [];

        public bool Failed { get; private set; }

        public void VisitObject(string path, JsonElement element)
        {
            bool empty = true;
            foreach (var property in element.EnumerateObject())
            {
                empty = false;
                Visit(ConfigurationPath.Combine(path, property.Name), property.Value);
            }

            if (empty)
            {
                Add(path, null);
            }
        }

        private void Visit(string path, JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    VisitObject(path, element);
                    break;
                case JsonValueKind.Array:
                    int index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        Visit(ConfigurationPath.Combine(path, index.ToString(CultureInfo.InvariantCulture)), item);
                        index++;
                    }

                    if (index == 0)
                    {
                        Add(path, string.Empty);
                    }

                    break;
                case JsonValueKind.Null:
                    Add(path, null);
                    break;
                default:
                    // JsonElement.ToString(), as the JSON provider uses it: a string's text, a number's JSON text, True/False.
                    Add(path, element.ToString());
                    break;
            }
        }

        private void Add(string path, string? value)
        {
            // The JSON provider rejects a document whose keys repeat (ignoring case); so do we.
            if (!_keys.Add(path))
            {
                Failed = true;
                return;
            }

            Entries.Add(new(path, value));
        }
    }
}
