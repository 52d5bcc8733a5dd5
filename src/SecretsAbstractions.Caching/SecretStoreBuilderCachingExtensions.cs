using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using SecretsAbstractions.Caching;
using SecretsAbstractions.Caching.Internal;

namespace SecretsAbstractions;

/// <summary>Adds <see cref="CachingSecretStore"/> to a <see cref="SecretStoreBuilder"/>. In the
/// <see cref="SecretsAbstractions"/> namespace so that it is found on the builder without another <c>using</c>.</summary>
public static class SecretStoreBuilderCachingExtensions
{
    /// <summary>Caches what the stores built so far return, in process memory.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options; the defaults of <see cref="SecretCacheOptions"/> otherwise.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range; thrown here,
    /// when the chain is composed, with a message naming the option.</exception>
    /// <remarks>The clock is <see cref="SecretCacheOptions.TimeProvider"/>, else the <see cref="TimeProvider"/>
    /// registered in the services the chain is built with, else <see cref="TimeProvider.System"/>; the meter's factory likewise
    /// (<see cref="SecretCacheOptions.MeterFactory"/>, else the registered <see cref="IMeterFactory"/>). Put caching
    /// outside resilience (<c>UseCaching()</c> before <c>UseResilience()</c>), so that a hit never goes through retries
    /// and fail-safe sees the final failure.</remarks>
    public static SecretStoreBuilder UseCaching(this SecretStoreBuilder builder, Action<SecretCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SecretCacheOptions();
        configure?.Invoke(options);
        SecretCacheOptionsValidator.ThrowIfInvalid(options);
        var snapshot = options.Clone();
        return builder.Use((innerStore, services) =>
        {
            var perStore = snapshot.Clone();
            perStore.MeterFactory ??= services.GetService(typeof(IMeterFactory)) as IMeterFactory;
            return new CachingSecretStore(
                innerStore,
                perStore,
                snapshot.TimeProvider ?? services.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System);
        });
    }

    /// <summary>Caches what the stores built so far return, with options read from configuration, such as
    /// <c>{ "TimeToLive": "00:10:00", "MaxStaleness": "02:00:00", "RefreshAheadThreshold": 0.75 }</c>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The section holding <see cref="SecretCacheOptions"/> properties; a key that is not one is an error.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">The section has a key that is not an option, or a value of the wrong type.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range.</exception>
    public static SecretStoreBuilder UseCaching(this SecretStoreBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseCaching(options => section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true));
    }
}
