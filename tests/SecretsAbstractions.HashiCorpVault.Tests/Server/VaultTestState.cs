using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace SecretsAbstractions.HashiCorpVault.Tests.Server;

/// <summary>A token of the test server: TTL and max TTL on the server's clock, policies, namespace.</summary>
internal sealed class VaultTestToken
{
    public required string Id { get; init; }

    public required string Accessor { get; init; }

    public required string Namespace { get; init; }

    public required IReadOnlyList<string> Policies { get; init; }

    public required TimeSpan CreationTtl { get; init; }

    /// <summary>When the token can no longer be renewed past; <see cref="DateTimeOffset.MaxValue"/> when unlimited.</summary>
    public required DateTimeOffset MaxExpiresAt { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required bool Renewable { get; init; }

    public required string Path { get; init; }

    /// <summary>When the token expires; <see langword="null"/> for a token without TTL (root).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public bool Revoked { get; set; }

    public bool IsValidAt(DateTimeOffset now) => !Revoked && (ExpiresAt is not { } expiresAt || now < expiresAt);

    public static string NewId() => "hvs." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
}

/// <summary>A policy: path patterns (a trailing <c>*</c> is a prefix glob, <c>+</c> one segment) and capabilities.</summary>
internal sealed class VaultTestPolicy(string name)
{
    private readonly List<(string Pattern, HashSet<string> Capabilities)> _rules = [];

    public string Name { get; } = name;

    public VaultTestPolicy Allow(string pattern, params string[] capabilities)
    {
        _rules.Add((pattern, new HashSet<string>(capabilities, StringComparer.Ordinal)));
        return this;
    }

    /// <summary>The capabilities of the most specific matching rule (longest pattern), or none.</summary>
    public HashSet<string>? CapabilitiesFor(string path)
    {
        HashSet<string>? best = null;
        int bestLength = -1;
        foreach (var (pattern, capabilities) in _rules)
        {
            if (Matches(pattern, path) && pattern.Length > bestLength)
            {
                best = capabilities;
                bestLength = pattern.Length;
            }
        }

        return best;
    }

    private static bool Matches(string pattern, string path)
    {
        bool glob = pattern.EndsWith('*');
        string body = Regex.Escape(glob ? pattern[..^1] : pattern).Replace(@"\+", "[^/]+", StringComparison.Ordinal);
        return Regex.IsMatch(path, "^" + body + (glob ? ".*" : string.Empty) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}

/// <summary>A role or user of a login method: the credential it accepts and the token it issues.</summary>
internal sealed record VaultTestLogin(string Method, string Mount, string Key, string Credential, string? SecondCredential, IReadOnlyList<string> Policies, TimeSpan Ttl, TimeSpan MaxTtl);

/// <summary>One namespace: its KV mounts, policies and login methods.</summary>
internal sealed class VaultTestNamespace(string path)
{
    public string Path { get; } = path;

    public Dictionary<string, KvTestMount> Mounts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, VaultTestPolicy> Policies { get; } = new(StringComparer.Ordinal);

    public List<VaultTestLogin> Logins { get; } = [];
}
