using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecretsAbstractions.HashiCorpVault.Tests.Server;

/// <summary>JSON helpers of the test server. Data maps are written with keys sorted at every depth and numbers as
/// sent, as Vault (Go maps, json.Number) does.</summary>
internal static class VaultJsonNodes
{
    public static JsonObject Envelope(JsonNode? data = null, JsonNode? auth = null, long leaseDuration = 0) => new()
    {
        ["request_id"] = Guid.NewGuid().ToString(),
        ["lease_id"] = string.Empty,
        ["renewable"] = false,
        ["lease_duration"] = leaseDuration,
        ["data"] = data,
        ["wrap_info"] = null,
        ["warnings"] = null,
        ["auth"] = auth,
    };

    public static JsonNode? Sorted(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new JsonObject(element.EnumerateObject()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Name, Sorted(p.Value)))),
        JsonValueKind.Array => new JsonArray([.. element.EnumerateArray().Select(Sorted)]),
        JsonValueKind.Null => null,
        _ => JsonValue.Create(element),
    };

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static JsonObject StringMap(IReadOnlyDictionary<string, string>? map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in (map ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            result[key] = value;
        }

        return result;
    }

    /// <summary>A duration as Go's <c>time.Duration.String</c> writes whole seconds, the way Vault reports them:
    /// <c>0s</c>, <c>45s</c>, <c>1m30s</c>, <c>1h0m0s</c>.</summary>
    public static string GoDuration(TimeSpan duration)
    {
        long seconds = (long)duration.TotalSeconds;
        long hours = seconds / 3600, minutes = seconds / 60 % 60, rest = seconds % 60;
        return hours > 0 ? FormattableString.Invariant($"{hours}h{minutes}m{rest}s")
            : minutes > 0 ? FormattableString.Invariant($"{minutes}m{rest}s")
            : FormattableString.Invariant($"{rest}s");
    }

    /// <summary>Parses a Vault duration: seconds as a number or string, or Go syntax such as <c>1h</c>, <c>30s</c>, <c>1h30m</c>.</summary>
    public static TimeSpan? ParseDuration(JsonElement? value)
    {
        if (value is not { } element)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        string text = element.GetString()!;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long plain))
        {
            return TimeSpan.FromSeconds(plain);
        }

        var total = TimeSpan.Zero;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                continue;
            }

            if (i == start || !long.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out long amount))
            {
                return null;
            }

            total += text[i] switch
            {
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                's' => TimeSpan.FromSeconds(amount),
                _ => TimeSpan.MinValue,
            };
            if (total < TimeSpan.Zero)
            {
                return null;
            }

            start = i + 1;
        }

        return start == text.Length ? total : null;
    }
}
