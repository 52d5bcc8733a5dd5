using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecretsAbstractions.Configuration.Internal;

namespace SecretsAbstractions.Configuration;

/// <summary>
/// The health of the <c>${secret:...}</c> references in configuration (<c>AddSecretReferences</c>):
/// <see cref="HealthStatus.Healthy"/> while every reference resolved in the last pass; <see cref="HealthStatus.Degraded"/>
/// while some keys keep their last good values because their references fail (a store outage, a deleted secret); the
/// registration's failure status (by default <see cref="HealthStatus.Unhealthy"/>) while some key holds a reference that
/// never resolved (with <see cref="SecretReferenceOptions.Optional"/>, or a reference added by a reload).
/// </summary>
/// <remarks>Register it with
/// <c>services.AddHealthChecks().Add(SecretReferenceHealthCheck.CreateRegistration("secret-references"))</c>. The data holds
/// counts, the time of the last resolution and the type of an error that stopped one; never a value, a configuration
/// key or a reference (the warnings logged name those).</remarks>
public sealed class SecretReferenceHealthCheck : IHealthCheck
{
    private readonly IConfiguration _configuration;

    /// <summary>Creates a health check of the reference sources in <paramref name="configuration"/>.</summary>
    /// <param name="configuration">The configuration; an <see cref="IConfigurationRoot"/> (the application's configuration is one).</param>
    public SecretReferenceHealthCheck(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
    }

    /// <summary>Creates a registration that checks the <see cref="IConfiguration"/> registered in DI.</summary>
    /// <param name="name">The health check's name.</param>
    /// <param name="failureStatus">The status while a reference has never resolved; <see cref="HealthStatus.Unhealthy"/> by default.</param>
    /// <param name="tags">Tags of the check.</param>
    /// <param name="timeout">The check's timeout; none by default.</param>
    /// <returns>The registration, for <c>IHealthChecksBuilder.Add</c>.</returns>
    public static HealthCheckRegistration CreateRegistration(
        string name, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new HealthCheckRegistration(
            name,
            services => new SecretReferenceHealthCheck(services.GetRequiredService<IConfiguration>()),
            failureStatus,
            tags,
            timeout);
    }

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var statuses = new List<SecretReferenceStatus>();
        Collect(_configuration, statuses, depth: 0);
        int references = statuses.Sum(s => s.ReferenceCount);
        int failed = statuses.Sum(s => s.FailedReferences);
        int stale = statuses.Sum(s => s.StaleKeys);
        int unresolved = statuses.Sum(s => s.UnresolvedKeys);
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["references"] = references,
            ["failedReferences"] = failed,
            ["staleKeys"] = stale,
            ["unresolvedKeys"] = unresolved,
        };
        if (statuses.Select(s => s.LastResolvedAt).Where(t => t is not null).Min() is { } oldest)
        {
            data["lastResolution"] = oldest;
        }

        string? errorType = statuses.Select(s => s.LastErrorType).FirstOrDefault(t => t is not null);
        if (errorType is not null)
        {
            data["error"] = errorType;
        }

        var failureStatus = context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        HealthCheckResult result;
        if (unresolved > 0)
        {
            result = new HealthCheckResult(failureStatus, string.Create(CultureInfo.InvariantCulture,
                $"{unresolved} configuration keys hold secret references that never resolved; {stale} more keep their last good values."), data: data);
        }
        else if (stale > 0)
        {
            result = new HealthCheckResult(HealthStatus.Degraded, string.Create(CultureInfo.InvariantCulture,
                $"{stale} configuration keys keep their last good values: {failed} secret references fail."), data: data);
        }
        else if (errorType is not null)
        {
            result = new HealthCheckResult(HealthStatus.Degraded, string.Create(CultureInfo.InvariantCulture,
                $"The last resolution of secret references stopped with {errorType}; configuration keeps its last good values."), data: data);
        }
        else
        {
            result = new HealthCheckResult(HealthStatus.Healthy, string.Create(CultureInfo.InvariantCulture,
                $"{references} secret references resolved in {statuses.Count} reference sources."), data: data);
        }

        return Task.FromResult(result);
    }

    private static void Collect(IConfiguration configuration, List<SecretReferenceStatus> found, int depth)
    {
        if (depth > 8 || configuration is not IConfigurationRoot root)
        {
            return;
        }

        foreach (var provider in root.Providers)
        {
            switch (provider)
            {
                case SecretReferenceConfigurationProvider references:
                    found.Add(references.Status);
                    break;
                case ChainedConfigurationProvider chained:
                    Collect(chained.Configuration, found, depth + 1);
                    break;
            }
        }
    }
}
