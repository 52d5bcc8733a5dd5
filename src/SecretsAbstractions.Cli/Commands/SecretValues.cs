using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecretsAbstractions.Cli.Commands;

/// <summary>Whether two stores hold the same value, as <c>copy</c> decides "unchanged".</summary>
internal static class SecretValues
{
    /// <summary>Equal text or bytes; or two JSON objects with the same content, because a backend may give back a
    /// JSON object with other spacing or key order than was written (Vault keeps a data map, not the text).</summary>
    public static bool AreEqual(SecretValue source, SecretValue target)
    {
        if (source.IsBinary || target.IsBinary)
        {
            return source.RevealBytes().Span.SequenceEqual(target.RevealBytes().Span);
        }

        string sourceText = source.RevealString();
        string targetText = target.RevealString();
        return string.Equals(sourceText, targetText, StringComparison.Ordinal)
            || (source.TryGetFields(out _) && target.TryGetFields(out _) && JsonEquals(sourceText, targetText));
    }

    private static bool JsonEquals(string left, string right)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(left), JsonNode.Parse(right));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
