using System.Globalization;

namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>Builds request paths under <c>/v1/</c>: every segment is URL-escaped, so no segment can add a
/// separator, a query, a fragment or a relative step.</summary>
internal static class VaultPath
{
    private const int MaxDecodeRounds = 4;

    /// <summary>Escapes each <c>/</c>-separated segment of <paramref name="path"/>.</summary>
    public static string Escape(string path) =>
        path.Length == 0 ? string.Empty : string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>Explains why a configured path (mount, namespace, auth mount) is unusable, or returns <see langword="null"/>.</summary>
    public static string? GetPathError(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "it is empty";
        }

        string[] segments = path.Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            string segment = segments[i];
            if (segment.Length == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"segment {i + 1} is empty");
            }

            if (segment.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '?' or '#' or '%' or '\\'))
            {
                return string.Create(CultureInfo.InvariantCulture, $"segment {i + 1} holds white space, a control character or one of ? # % \\");
            }

            if (segment is "." or "..")
            {
                return string.Create(CultureInfo.InvariantCulture, $"segment {i + 1} is a relative step");
            }
        }

        return null;
    }

    /// <summary>Explains why a secret name segment could change the request path if some hop decoded it again
    /// (<c>%2e%2e</c>, <c>%2f</c>), or returns <see langword="null"/>.</summary>
    public static string? GetSegmentError(string segment)
    {
        string decoded = segment;
        for (int round = 0; round < MaxDecodeRounds && decoded.Contains('%', StringComparison.Ordinal); round++)
        {
            string next = Uri.UnescapeDataString(decoded);
            if (next == decoded)
            {
                break;
            }

            decoded = next;
            if (decoded is "." or ".." || decoded.Contains('/', StringComparison.Ordinal) || decoded.Contains('\\', StringComparison.Ordinal))
            {
                return "it is percent-encoded text that decodes to a relative step or a separator";
            }
        }

        return segment.Contains('\\', StringComparison.Ordinal) ? "it contains '\\', which some proxies read as a separator" : null;
    }
}
