namespace SecretsAbstractions;

/// <summary>What a <see cref="SecretVersion"/> designates.</summary>
public enum SecretVersionKind
{
    /// <summary>The latest (current) version.</summary>
    Latest = 0,

    /// <summary>A version id as the backend spells it: a Vault version number, an AWS version id,
    /// an Azure version id.</summary>
    Id = 1,

    /// <summary>A named stage or label that moves between versions, such as AWS <c>AWSPREVIOUS</c>.</summary>
    Stage = 2,
}

/// <summary>
/// Which version of a secret to read: the latest (the default value), a version id, or a named stage.
/// </summary>
public readonly struct SecretVersion : IEquatable<SecretVersion>
{
    private SecretVersion(SecretVersionKind kind, string? value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>The latest version; also the <see langword="default"/> value.</summary>
    public static SecretVersion Latest => default;

    /// <summary>What this version designates.</summary>
    public SecretVersionKind Kind { get; }

    /// <summary>The version id or stage name; <see langword="null"/> for <see cref="Latest"/>.</summary>
    public string? Value { get; }

    /// <summary>Whether this is the latest version.</summary>
    public bool IsLatest => Kind == SecretVersionKind.Latest;

    /// <summary>Designates a version by its backend id.</summary>
    /// <param name="versionId">The id: not empty, no white space or control characters.</param>
    /// <exception cref="ArgumentException"><paramref name="versionId"/> is empty or has white space or control characters.</exception>
    public static SecretVersion FromId(string versionId) => new(SecretVersionKind.Id, Check(versionId, nameof(versionId)));

    /// <summary>Designates the version that carries a stage or label, such as <c>AWSPREVIOUS</c>.</summary>
    /// <param name="stage">The stage: not empty, no white space or control characters.</param>
    /// <exception cref="ArgumentException"><paramref name="stage"/> is empty or has white space or control characters.</exception>
    public static SecretVersion FromStage(string stage) => new(SecretVersionKind.Stage, Check(stage, nameof(stage)));

    private static string Check(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, parameterName);
        foreach (char c in value)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                throw new ArgumentException("A version id or stage must not contain white space or control characters.", parameterName);
            }
        }

        return value;
    }

    /// <inheritdoc/>
    public bool Equals(SecretVersion other) => Kind == other.Kind && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SecretVersion other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Value is null ? 0 : StringComparer.Ordinal.GetHashCode(Value));

    /// <summary>Whether two versions designate the same thing.</summary>
    public static bool operator ==(SecretVersion left, SecretVersion right) => left.Equals(right);

    /// <summary>Whether two versions designate different things.</summary>
    public static bool operator !=(SecretVersion left, SecretVersion right) => !left.Equals(right);

    /// <summary>Returns <c>latest</c>, the version id, or <c>stage:</c> followed by the stage name.</summary>
    public override string ToString() => Kind switch
    {
        SecretVersionKind.Id => Value!,
        SecretVersionKind.Stage => "stage:" + Value,
        _ => "latest",
    };
}
