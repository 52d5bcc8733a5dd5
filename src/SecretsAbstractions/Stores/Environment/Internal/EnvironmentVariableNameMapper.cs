using System.Globalization;

namespace SecretsAbstractions.Internal;

/// <summary>
/// Maps logical names to environment variable names the way the configuration's environment variables
/// provider maps keys: the store's prefix, then the name with each <c>/</c> written as <c>__</c>
/// (<c>db/password</c> is <c>APP_db__password</c> with the prefix <c>APP_</c>).
/// </summary>
/// <remarks>
/// The mapping must be reversible, so that a listed variable reads back by its listed name. It is when
/// no segment contains <c>__</c> and no segment but the last ends with <c>_</c> (otherwise <c>a_/b</c>
/// and <c>a/_b</c> would both be <c>a___b</c>); names breaking these rules are refused, and variables
/// whose names would need them are not listed.
/// </remarks>
internal sealed class EnvironmentVariableNameMapper : SecretNameMapper
{
    private const string NativeSeparator = "__";

    private readonly string _prefix;

    public EnvironmentVariableNameMapper(string? prefix) => _prefix = prefix ?? string.Empty;

    protected override string? GetBackendError(string name)
    {
        if (name.Contains('=', StringComparison.Ordinal))
        {
            return "'=' cannot appear in an environment variable name";
        }

        string[] segments = name.Split(SecretName.Separator);
        for (int i = 0; i < segments.Length; i++)
        {
            if (segments[i].Contains(NativeSeparator, StringComparison.Ordinal))
            {
                return string.Create(CultureInfo.InvariantCulture, $"segment {i + 1} contains '__', which stands for '/' in environment variable names");
            }

            if (i < segments.Length - 1 && segments[i].EndsWith('_'))
            {
                return string.Create(CultureInfo.InvariantCulture, $"segment {i + 1} ends with '_', which would run into the '__' that stands for the '/' after it");
            }
        }

        return null;
    }

    protected override string MapToNative(string name) =>
        _prefix + name.Replace("/", NativeSeparator, StringComparison.Ordinal);

    protected override string? MapToLogical(string nativeName)
    {
        if (nativeName.Length <= _prefix.Length || !nativeName.StartsWith(_prefix, StringComparison.Ordinal))
        {
            return null;
        }

        string rest = nativeName[_prefix.Length..];

        // A '/' in the variable's own name would come back as '__' and so designate another variable.
        return rest.Contains(SecretName.Separator, StringComparison.Ordinal)
            ? null
            : rest.Replace(NativeSeparator, "/", StringComparison.Ordinal);
    }
}
