using Xunit;

namespace SecretsAbstractions.Testing;

/// <summary>Names every store must refuse with <see cref="SecretStoreErrorCode.InvalidName"/> before any I/O,
/// by case, so that test names stay readable.</summary>
public static class InvalidSecretNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["parent-segment"] = "../x",
        ["empty-segment"] = "a//b",
        ["current-segment"] = "a/./b",
        ["newline"] = "a\nb",
        ["empty"] = string.Empty,
        ["leading-separator"] = "/a",
        ["trailing-separator"] = "a/",
        ["too-long"] = new string('a', SecretName.MaxLength + 1),
    };

    // "" lists everything and "a/" is the start of valid names, so both are valid listing prefixes.
    private static readonly HashSet<string> ValidAsPrefix = new(StringComparer.Ordinal) { "empty", "trailing-separator" };

    /// <summary>Every case, for <c>[MemberData]</c> of a get, set or delete test.</summary>
    public static TheoryData<string> Cases => [.. Names.Keys];

    /// <summary>The cases that are also invalid as a listing prefix.</summary>
    public static TheoryData<string> PrefixCases => [.. Names.Keys.Where(name => !ValidAsPrefix.Contains(name))];

    /// <summary>The name of a case.</summary>
    /// <param name="caseName">One of <see cref="Cases"/>.</param>
    /// <exception cref="ArgumentException">There is no such case.</exception>
    public static string Get(string caseName)
    {
        ArgumentNullException.ThrowIfNull(caseName);
        return Names.TryGetValue(caseName, out string? name) ? name : throw new ArgumentException($"Unknown invalid-name case '{caseName}'.", nameof(caseName));
    }
}
