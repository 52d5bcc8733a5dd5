namespace SecretsAbstractions.Configuration;

/// <summary>The instruments <see cref="SecretStoreConfigurationProvider"/> adds to the
/// <see cref="SecretStoreTelemetry.MeterName"/> meter.</summary>
/// <remarks>Every measurement is tagged with <see cref="SecretStoreTelemetry.StoreNameTag"/> and
/// <see cref="SecretStoreTelemetry.ProviderNameTag"/> of the store, plus the tags listed per instrument; never a
/// secret name, a key or a value.</remarks>
public static class SecretStoreConfigurationTelemetry
{
    /// <summary>Counter of loads (the first load and each reload), in <c>{load}</c>, tagged with
    /// <see cref="SecretStoreTelemetry.OutcomeTag"/> (<see cref="SecretStoreTelemetry.OutcomeSuccess"/> or
    /// <see cref="SecretStoreTelemetry.OutcomeFailure"/>) and <see cref="ChangedTag"/>.</summary>
    public const string LoadsInstrument = "secrets.configuration.loads";

    /// <summary>Counter of failed loads (a reload that kept the last good values, or a first load that failed), in
    /// <c>{failure}</c>, tagged with <see cref="SecretStoreTelemetry.ErrorTypeTag"/> and <see cref="PhaseTag"/>.</summary>
    public const string LoadFailuresInstrument = "secrets.configuration.load.failures";

    /// <summary>Histogram of how long loads take, in seconds, tagged with <see cref="SecretStoreTelemetry.OutcomeTag"/>
    /// and <see cref="PhaseTag"/>.</summary>
    public const string LoadDurationInstrument = "secrets.configuration.load.duration";

    /// <summary>Whether a successful load changed the configuration: <c>true</c> or <c>false</c>.</summary>
    public const string ChangedTag = "secrets.configuration.changed";

    /// <summary>Which load: <see cref="PhaseStartup"/> or <see cref="PhaseReload"/>.</summary>
    public const string PhaseTag = "secrets.configuration.phase";

    /// <summary>The first, synchronous load.</summary>
    public const string PhaseStartup = "startup";

    /// <summary>A background or explicit reload.</summary>
    public const string PhaseReload = "reload";
}
