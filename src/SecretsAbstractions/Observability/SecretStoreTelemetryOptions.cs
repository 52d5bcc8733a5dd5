using System.Diagnostics.Metrics;

namespace SecretsAbstractions;

/// <summary>Options of <see cref="SecretStoreObservabilityBuilderExtensions.UseOpenTelemetry"/>.</summary>
public sealed class SecretStoreTelemetryOptions
{
    /// <summary>Creates the <see cref="SecretStoreTelemetry.MeterName"/> meter; <see langword="null"/> for the
    /// <see cref="IMeterFactory"/> registered in the services the store is built with, else one meter shared by the
    /// process. Default: <see langword="null"/>.</summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>The clock used to time operations; <see langword="null"/> for the <see cref="TimeProvider"/> registered in the
    /// services the store is built with, else <see cref="TimeProvider.System"/>. Default: <see langword="null"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }
}
