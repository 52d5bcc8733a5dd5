using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SecretsAbstractions.AwsSecretsManager.Tests.Server;

/// <summary>Signature Version 4 as the service computes it, written from the specification and proven against the
/// official test suite (<c>SigV4VectorTests</c>); the test server verifies every request with it.</summary>
public static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public static string EmptyPayloadHash { get; } = Hash([]);

    public static string Hash(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>The canonical request: method, canonical URI, canonical query, canonical headers, signed headers, payload hash.</summary>
    public static string CanonicalRequest(string method, string canonicalUri, string canonicalQuery, IEnumerable<KeyValuePair<string, string>> headers, IReadOnlyList<string> signedHeaders, string payloadHash)
    {
        var builder = new StringBuilder();
        builder.Append(method).Append('\n').Append(canonicalUri).Append('\n').Append(canonicalQuery).Append('\n');
        var byName = headers.GroupBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(h => TrimAll(h.Value)).ToList(), StringComparer.Ordinal);
        foreach (string name in signedHeaders)
        {
            builder.Append(name).Append(':').Append(byName.TryGetValue(name, out var values) ? string.Join(',', values) : string.Empty).Append('\n');
        }

        builder.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>The canonical query string: parameters URI-encoded, sorted by name then value.</summary>
    public static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return string.Empty;
        }

        var pairs = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p =>
        {
            int eq = p.IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? p : p[..eq];
            string value = eq < 0 ? string.Empty : p[(eq + 1)..];
            return (Key: Encode(Uri.UnescapeDataString(key)), Value: Encode(Uri.UnescapeDataString(value)));
        });
        return string.Join('&', pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
    }

    /// <summary>The canonical URI of a non-S3 service: dot segments removed, empty segments collapsed, each segment of the
    /// path as sent URI-encoded (so an already percent-encoded path is encoded a second time).</summary>
    public static string CanonicalUri(string rawPath, bool normalize = true)
    {
        if (!normalize)
        {
            return string.Join('/', rawPath.Split('/').Select(Encode));
        }

        var segments = new List<string>();
        foreach (string segment in rawPath.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        string path = "/" + string.Join('/', segments.Select(Encode));
        return path.Length > 1 && rawPath.EndsWith('/') ? path + "/" : path;
    }

    public static string Scope(string date, string region, string service) => $"{date}/{region}/{service}/aws4_request";

    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{scope}\n{Hash(Encoding.UTF8.GetBytes(canonicalRequest))}";

    public static string Signature(string secretKey, string date, string region, string service, string stringToSign)
    {
        byte[] key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    public static string ToAmzDate(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string TrimAll(string value)
    {
        var builder = new StringBuilder();
        bool space = false;
        foreach (char c in value.Trim())
        {
            if (c == ' ')
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
