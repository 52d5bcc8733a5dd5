using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecretsAbstractions.Internal;

namespace SecretsAbstractions;

/// <summary>Adds logging, traces and metrics to a store with <see cref="SecretStoreBuilder"/>. Neither ever records a
/// secret value; see <see cref="SecretStoreTelemetry"/> for the names and tags.</summary>
/// <remarks>Where a decorator sits decides what it sees: outside a cache (<c>.UseOpenTelemetry().UseCaching()</c>) it
/// times what callers experience, inside one it times backend calls; inside <c>UseResilience</c> it sees every attempt.</remarks>
public static class SecretStoreObservabilityBuilderExtensions
{
    /// <summary>The logger category of the logging decorator.</summary>
    public const string LoggerCategory = "SecretsAbstractions.SecretStore";

    /// <summary>Logs the end of every operation: successes and cancellations at Debug, store failures at Warning with their
    /// error code, other exceptions at Error with their type. No message carries a value, an exception or (unless
    /// <see cref="SecretStoreLoggingOptions.LogSecretNames"/>, and then at Debug) a secret name.</summary>
    /// <param name="builder">The store builder.</param>
    /// <param name="loggerFactory">The logger factory; <see langword="null"/> for the one registered in the services the
    /// store is built with (no logging when there is none).</param>
    /// <param name="configure">Changes the default options.</param>
    /// <returns>The builder.</returns>
    public static SecretStoreBuilder UseLogging(this SecretStoreBuilder builder, ILoggerFactory? loggerFactory = null, Action<SecretStoreLoggingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SecretStoreLoggingOptions();
        configure?.Invoke(options);
        bool logSecretNames = options.LogSecretNames;
        var configuredTime = options.TimeProvider;
        return builder.Use((store, services) =>
        {
            var factory = loggerFactory ?? services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            var timeProvider = configuredTime ?? services.GetService<TimeProvider>() ?? TimeProvider.System;
            var observer = new LoggingObserver(factory.CreateLogger(LoggerCategory), logSecretNames, store.GetMetadata, timeProvider);
            return new ObservedSecretStore(store, observer);
        });
    }

    /// <summary>Records an activity (source <see cref="SecretStoreTelemetry.ActivitySourceName"/>), the
    /// <see cref="SecretStoreTelemetry.OperationDurationInstrument"/> histogram and the
    /// <see cref="SecretStoreTelemetry.OperationErrorsInstrument"/> counter (meter <see cref="SecretStoreTelemetry.MeterName"/>)
    /// for every operation, tagged with store, provider, operation, outcome and error code only.</summary>
    /// <param name="builder">The store builder.</param>
    /// <param name="configure">Changes the default options.</param>
    /// <returns>The builder.</returns>
    public static SecretStoreBuilder UseOpenTelemetry(this SecretStoreBuilder builder, Action<SecretStoreTelemetryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SecretStoreTelemetryOptions();
        configure?.Invoke(options);
        var configuredMeterFactory = options.MeterFactory;
        var configuredTime = options.TimeProvider;
        return builder.Use((store, services) =>
        {
            var instruments = SecretStoreInstrumentation.For(configuredMeterFactory ?? services.GetService<IMeterFactory>());
            var timeProvider = configuredTime ?? services.GetService<TimeProvider>() ?? TimeProvider.System;
            return new ObservedSecretStore(store, new TelemetryObserver(instruments, store.GetMetadata, timeProvider));
        });
    }
}
