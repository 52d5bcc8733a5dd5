namespace SecretsAbstractions;

/// <summary>
/// What a store knows about one version of a secret, apart from its value. Listings return only
/// properties, never values.
/// </summary>
public sealed record SecretProperties
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>(0);

    /// <summary>Creates properties for the secret <paramref name="name"/>.</summary>
    /// <param name="name">The logical name of the secret.</param>
    public SecretProperties(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The logical, <c>/</c>-separated name of the secret.</summary>
    public string Name { get; init; }

    /// <summary>The backend's id of this version, or <see langword="null"/> when the store keeps no versions.</summary>
    public string? Version { get; init; }

    /// <summary>The stages or labels attached to this version (AWS <c>AWSCURRENT</c>, ...); empty when none.</summary>
    public IReadOnlyList<string> Stages { get; init; } = [];

    /// <summary>When this version (or the secret, where the backend does not say) was created.</summary>
    public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>When the secret was last changed.</summary>
    public DateTimeOffset? UpdatedOn { get; init; }

    /// <summary>When the secret expires, if the backend records it.</summary>
    public DateTimeOffset? ExpiresOn { get; init; }

    /// <summary>Before this time the secret is not yet valid, if the backend records it.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Whether the secret is enabled; <see langword="true"/> unless the backend says otherwise.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The content type recorded with the secret, such as <c>application/json</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>Tags or custom metadata recorded with the secret; empty when none.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = NoTags;

    /// <summary>Whether the secret is usable at <paramref name="now"/>: enabled, past
    /// <see cref="NotBefore"/> and before <see cref="ExpiresOn"/>.</summary>
    /// <param name="now">The current time, from a <see cref="TimeProvider"/>.</param>
    public bool IsActiveAt(DateTimeOffset now) =>
        Enabled && (NotBefore is null || NotBefore <= now) && (ExpiresOn is null || now < ExpiresOn);
}
