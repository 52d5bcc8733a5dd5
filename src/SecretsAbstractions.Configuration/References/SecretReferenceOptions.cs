using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Configuration;

/// <summary>
/// How <c>AddSecretReferences</c> resolves <c>${secret:&lt;reference&gt;}</c> in configuration values. Validated when
/// <c>AddSecretReferences</c> is called, with a message naming the option.
/// </summary>
/// <remarks>
/// <para>Stores come from <see cref="StoreProvider"/> when it is set. Otherwise they are the stores declared in the
/// <see cref="StoresSectionPath"/> section (<c>SecretStores</c> by default) of the configuration being resolved, read
/// once, at the first load, with references in that section left unresolved; plus any store or store type that
/// <see cref="ConfigureServices"/> registers (for example <c>services.AddKeyedSecretStore("mem", store)</c> or an
/// adapter's <c>Add...SecretStoreType()</c>). <see cref="ConfigureStore"/> adds decorators such as
/// <c>UseCaching</c> and <c>UseResilience</c> to the declared stores.</para>
/// </remarks>
public sealed class SecretReferenceOptions
{
    /// <summary>The default <see cref="MaxConcurrency"/>: 16.</summary>
    public const int DefaultMaxConcurrency = 16;

    /// <summary>The shortest <see cref="ReloadInterval"/> accepted: 1 second, so that a typo cannot hammer the stores.</summary>
    public static readonly TimeSpan MinReloadInterval = TimeSpan.FromSeconds(1);

    /// <summary>The longest <see cref="ReloadInterval"/> and <see cref="LoadTimeout"/> accepted: 365 days.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(365);

    /// <summary>The stores references name; <see langword="null"/> (the default) for the stores declared in
    /// <see cref="StoresSectionPath"/> and those <see cref="ConfigureServices"/> registers.</summary>
    public ISecretStoreProvider? StoreProvider { get; set; }

    /// <summary>The path of the section that declares stores, as <c>AddSecretStores</c> reads it;
    /// <c>SecretStores</c> by default. Ignored when <see cref="StoreProvider"/> is set.</summary>
    public string StoresSectionPath { get; set; } = SecretStoreConfigurationKeys.SectionName;

    /// <summary>Registers more services in the private container the declared stores are built in, before they are
    /// built: adapter store types, keyed stores, logging. Ignored when <see cref="StoreProvider"/> is set.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Called with each declared store's name and builder, to add decorators. Ignored when
    /// <see cref="StoreProvider"/> is set.</summary>
    public Action<string, SecretStoreBuilder>? ConfigureStore { get; set; }

    /// <summary>Whether the first load tolerates unresolvable references; <see langword="false"/> by default, so
    /// that the first load throws <see cref="SecretReferenceResolutionException"/> naming every key and reference
    /// that failed. When <see langword="true"/>, each failure is logged as a warning and the value keeps the
    /// reference as written.</summary>
    public bool Optional { get; set; }

    /// <summary>What a reference to a binary secret (or whose whole value is binary) gives;
    /// <see cref="SecretReferenceBinaryMode.Refuse"/> by default.</summary>
    public SecretReferenceBinaryMode BinaryMode { get; set; } = SecretReferenceBinaryMode.Refuse;

    /// <summary>How often references are resolved again even when no configuration changed, so that a rotated
    /// secret is seen; <see langword="null"/> (the default) resolves only at load and when a configuration source
    /// reloads. Between <see cref="MinReloadInterval"/> and <see cref="MaxDuration"/>.</summary>
    public TimeSpan? ReloadInterval { get; set; }

    /// <summary>The most random time added to each <see cref="ReloadInterval"/>, so that a fleet does not read its
    /// secrets in step; <see langword="null"/> (the default) for a tenth of the interval. Between zero and the interval.</summary>
    public TimeSpan? ReloadJitter { get; set; }

    /// <summary>The most secrets read at a time from one store, when the store has no batch API (a store with one,
    /// such as AWS Secrets Manager, gets one bulk request); <see cref="DefaultMaxConcurrency"/> by default. At least 1.</summary>
    public int MaxConcurrency { get; set; } = DefaultMaxConcurrency;

    /// <summary>The most time one resolution of every reference may take, first load included; 1 minute by default.
    /// A first load that runs out of time throws (unless <see cref="Optional"/>); a reload keeps its last good values.
    /// Greater than zero and at most <see cref="MaxDuration"/>, or <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public TimeSpan LoadTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The clock of the reload timer and the load timeout; <see cref="System.TimeProvider.System"/> by default.
    /// Also registered for the declared stores.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Where the resolver logs (never values); none by default, because configuration is usually built
    /// before logging. Also registered for the declared stores.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    internal SecretReferenceOptions Clone() => (SecretReferenceOptions)MemberwiseClone();
}
