using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SecretsAbstractions;

/// <summary>
/// The health of one store: <see cref="HealthStatus.Healthy"/> when a probe (a read or a one-entry listing) succeeds,
/// <see cref="HealthStatus.Degraded"/> while the store serves stale values (reported through
/// <see cref="ISecretStoreStalenessSource"/>), and the registration's failure status (by default
/// <see cref="HealthStatus.Unhealthy"/>) when it cannot serve.
/// </summary>
/// <remarks>Results carry the store's name and the error code in their data, never a value, a secret name or the
/// exception (whose message names the probed secret). Register one per store, for example
/// <c>services.AddHealthChecks().Add(SecretStoreHealthCheck.CreateRegistration("secrets-vault", storeKey: "vault"))</c>.</remarks>
public sealed class SecretStoreHealthCheck : IHealthCheck
{
    private readonly ISecretStore _store;
    private readonly string? _probeSecretName;
    private readonly string? _probePrefix;

    /// <summary>Creates a health check of <paramref name="store"/>.</summary>
    /// <param name="store">The store, as the application uses it (decorators included).</param>
    /// <param name="options">How to probe; a listing of the whole store by default.</param>
    public SecretStoreHealthCheck(ISecretStore store, SecretStoreHealthCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _probeSecretName = options?.ProbeSecretName;
        _probePrefix = options?.ProbePrefix;
    }

    /// <summary>Creates a registration that checks the store registered in DI: the keyed store <paramref name="storeKey"/>,
    /// or the default <see cref="ISecretStore"/> when it is <see langword="null"/>.</summary>
    /// <param name="name">The health check's name.</param>
    /// <param name="storeKey">The store's DI key, or <see langword="null"/> for the default store.</param>
    /// <param name="options">How to probe.</param>
    /// <param name="failureStatus">The status when the store cannot serve; <see cref="HealthStatus.Unhealthy"/> by default.</param>
    /// <param name="tags">Tags of the check.</param>
    /// <param name="timeout">The check's timeout; none by default.</param>
    /// <returns>The registration, for <c>IHealthChecksBuilder.Add</c>.</returns>
    public static HealthCheckRegistration CreateRegistration(
        string name,
        string? storeKey = null,
        SecretStoreHealthCheckOptions? options = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new HealthCheckRegistration(
            name,
            services => new SecretStoreHealthCheck(
                storeKey is null ? services.GetRequiredService<ISecretStore>() : services.GetRequiredKeyedService<ISecretStore>(storeKey),
                options),
            failureStatus,
            tags,
            timeout);
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var metadata = _store.GetMetadata();
        string? errorType = null;
        try
        {
            await ProbeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure of the probe means the store cannot serve; it is reported, not thrown.
        catch (Exception error)
#pragma warning restore CA1031
        {
            errorType = error is SecretStoreException storeError ? storeError.ErrorCode.ToString() : error.GetType().Name;
        }

        var staleness = _store.GetService<ISecretStoreStalenessSource>()?.GetStaleness() ?? SecretStoreStaleness.None;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["store"] = metadata.StoreName,
            ["provider"] = metadata.ProviderName,
            ["staleEntries"] = staleness.StaleEntryCount,
            ["maxStaleness"] = staleness.MaxStaleness,
        };
        if (errorType is not null)
        {
            data["error"] = errorType;
        }

        string store = SecretName.ForDisplay(metadata.StoreName);
        if (staleness.IsStale)
        {
            string cause = errorType is null ? "some refreshes failed" : "the probe failed with " + errorType;
            return HealthCheckResult.Degraded(
                string.Create(CultureInfo.InvariantCulture, $"Store '{store}' serves {staleness.StaleEntryCount} stale value(s), the stalest by {staleness.MaxStaleness}: {cause}."),
                data: data);
        }

        if (errorType is not null)
        {
            return new HealthCheckResult(
                context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy,
                $"Store '{store}' cannot serve: the probe failed with {errorType}.",
                data: data);
        }

        return HealthCheckResult.Healthy($"Store '{store}' serves.", data);
    }

    private async ValueTask ProbeAsync(CancellationToken cancellationToken)
    {
        if (_probeSecretName is not null)
        {
            await _store.GetSecretAsync(_probeSecretName, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        var listing = _store.ListSecretsAsync(_probePrefix, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (listing.ConfigureAwait(false))
        {
            await listing.MoveNextAsync().ConfigureAwait(false);
        }
    }
}
