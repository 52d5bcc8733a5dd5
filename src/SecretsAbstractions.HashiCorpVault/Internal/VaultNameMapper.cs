using System.Globalization;

namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>Vault's naming rules over the core ones. A logical name is the KV path as it is (case-sensitive,
/// <c>/</c>-separated); its segments are URL-escaped only when a request is built (<see cref="VaultPath.Escape"/>).
/// Refused here, before any I/O: segments that decode to a relative step or separator, and backslashes.</summary>
internal sealed class VaultNameMapper : SecretNameMapper
{
    public static VaultNameMapper Instance { get; } = new();

    protected override string? GetBackendError(string name)
    {
        string[] segments = name.Split(SecretName.Separator);
        for (int i = 0; i < segments.Length; i++)
        {
            if (VaultPath.GetSegmentError(segments[i]) is { } reason)
            {
                return string.Create(CultureInfo.InvariantCulture, $"segment {i + 1} cannot be a Vault path segment: {reason}");
            }
        }

        return null;
    }

    protected override string MapToNative(string name) => name;

    protected override string? MapToLogical(string nativeName) => nativeName;
}
