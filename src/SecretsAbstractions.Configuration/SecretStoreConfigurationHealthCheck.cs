using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SecretsAbstractions.Configuration;

/// <summary>
/// The health of the configuration loaded from secret stores: every <see cref="SecretStoreConfigurationProvider"/> in
/// an <see cref="IConfigurationRoot"/> (also inside chained configurations and the sources wrapped by
/// <c>AddSecretReferences</c>). <see cref="HealthStatus.Healthy"/> while
/// their last loads succeeded; <see cref="HealthStatus.Degraded"/> while a provider's reloads fail and it serves the
/// last good values; the registration's failure status (by default <see cref="HealthStatus.Unhealthy"/>) when a
/// provider has never loaded (an optional source whose store was down at startup and has not recovered).
/// </summary>
/// <remarks>Register it with
/// <c>services.AddHealthChecks().Add(SecretStoreConfigurationHealthCheck.CreateRegistration("secrets-configuration"))</c>.
/// The data holds, per store, the failures in a row, the last error code and the time of the last success; never a
/// value, key or secret name.</remarks>
public sealed class SecretStoreConfigurationHealthCheck : IHealthCheck
{
    private readonly IConfiguration _configuration;

    /// <summary>Creates a health check of the secret store providers in <paramref name="configuration"/>.</summary>
    /// <param name="configuration">The configuration; an <see cref="IConfigurationRoot"/> (the application's configuration is one).</param>
    public SecretStoreConfigurationHealthCheck(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
    }

    /// <summary>Creates a registration that checks the <see cref="IConfiguration"/> registered in DI.</summary>
    /// <param name="name">The health check's name.</param>
    /// <param name="failureStatus">The status when a provider has never loaded; <see cref="HealthStatus.Unhealthy"/> by default.</param>
    /// <param name="tags">Tags of the check.</param>
    /// <param name="timeout">The check's timeout; none by default.</param>
    /// <returns>The registration, for <c>IHealthChecksBuilder.Add</c>.</returns>
    public static HealthCheckRegistration CreateRegistration(
        string name, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new HealthCheckRegistration(
            name,
            services => new SecretStoreConfigurationHealthCheck(services.GetRequiredService<IConfiguration>()),
            failureStatus,
            tags,
            timeout);
    }

    /// <summary>Finds the secret store providers of <paramref name="configuration"/>, including those of chained
    /// configurations and of the sources wrapped by <c>AddSecretReferences</c>.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The providers, in order.</returns>
    public static IReadOnlyList<SecretStoreConfigurationProvider> FindProviders(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var found = new List<SecretStoreConfigurationProvider>();
        Collect(configuration, found, depth: 0);
        return found;
    }

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var providers = FindProviders(_configuration);
        var failureStatus = context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var status = HealthStatus.Healthy;
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            var state = provider.Status;
            string label = Unique(SecretName.ForDisplay(provider.StoreName), names);
            data[label + ".consecutiveFailures"] = state.ConsecutiveFailures;
            if (state.LastSuccessAt is { } lastSuccess)
            {
                data[label + ".lastSuccess"] = lastSuccess;
            }

            if (!state.IsFailing)
            {
                continue;
            }

            data[label + ".error"] = state.LastErrorType ?? "Unknown";
            if (state.HasLoaded)
            {
                status = Worse(status, HealthStatus.Degraded);
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"'{label}' serves the values loaded at {state.LastSuccessAt:O}: {state.ConsecutiveFailures} reloads failed ({state.LastErrorType})"));
            }
            else
            {
                status = Worse(status, failureStatus);
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"'{label}' has never loaded: {state.ConsecutiveFailures} loads failed ({state.LastErrorType})"));
            }
        }

        string description = problems.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{providers.Count} secret store configuration source(s) loaded.")
            : "Secret store configuration: " + string.Join("; ", problems) + ".";
        return Task.FromResult(new HealthCheckResult(status, description, data: data));
    }

    private static void Collect(IConfiguration configuration, List<SecretStoreConfigurationProvider> found, int depth)
    {
        if (depth > 8 || configuration is not IConfigurationRoot root)
        {
            return;
        }

        foreach (var provider in root.Providers)
        {
            switch (provider)
            {
                case SecretStoreConfigurationProvider secrets:
                    found.Add(secrets);
                    break;
                case ChainedConfigurationProvider chained:
                    Collect(chained.Configuration, found, depth + 1);
                    break;
                case Internal.SecretReferenceConfigurationProvider references when references.InnerConfiguration is { } inner:
                    Collect(inner, found, depth + 1);
                    break;
            }
        }
    }

    private static string Unique(string label, HashSet<string> names)
    {
        string candidate = label;
        for (int i = 2; !names.Add(candidate); i++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{label}#{i}");
        }

        return candidate;
    }

    // Healthy > Degraded > Unhealthy in the enum's reverse order: the lower value is the worse.
    private static HealthStatus Worse(HealthStatus a, HealthStatus b) => a < b ? a : b;
}
