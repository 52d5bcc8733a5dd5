namespace SecretsAbstractions;

/// <summary>A secret read from a store: its value and the properties of that version.</summary>
public sealed class Secret
{
    /// <summary>Creates a secret.</summary>
    /// <param name="properties">The properties of this version.</param>
    /// <param name="value">The value of this version.</param>
    public Secret(SecretProperties properties, SecretValue value)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(value);
        Properties = properties;
        Value = value;
    }

    /// <summary>The logical name of the secret.</summary>
    public string Name => Properties.Name;

    /// <summary>The version id, or <see langword="null"/> when the store keeps no versions.</summary>
    public string? Version => Properties.Version;

    /// <summary>The properties of this version.</summary>
    public SecretProperties Properties { get; }

    /// <summary>The value; redacted wherever it is printed, revealed only on request.</summary>
    public SecretValue Value { get; }

    /// <summary>Describes the secret without its value.</summary>
    public override string ToString() => $"Secret {{ Name = {SecretName.ForDisplay(Name)}, Version = {Version ?? "(none)"}, Value = {SecretValue.Redacted} }}";
}
