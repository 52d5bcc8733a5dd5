using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Configuration;

/// <summary>
/// How a <see cref="SecretStoreConfigurationProvider"/> turns a store's secrets into configuration keys, and when it
/// reloads them. Validated when the source is added (<c>AddSecretStore</c>) and again when it is built, with a message
/// naming the option.
/// </summary>
/// <remarks>
/// <para><b>What is loaded.</b> Every secret listed under <see cref="Prefix"/>, or, when <see cref="SecretNames"/> is
/// not empty, exactly those secrets (for identities that may read but not list). <see cref="Filter"/> and the
/// enabled, not-before and expiry checks (<see cref="SecretProperties.IsActiveAt"/>) run on the listed (or probed)
/// properties before any value is read: a secret they exclude is never read.</para>
/// <para><b>Keys.</b> The name, without <see cref="Prefix"/>, goes through <see cref="KeyMapper"/>
/// (<see cref="SecretConfigurationKeys.FromSecretName"/> by default: <c>/</c> and <c>--</c> become <c>:</c>). A text
/// value that is a JSON object is flattened into child keys like the JSON configuration provider does
/// (see <see cref="FlattenJsonObjects"/>). Configuration keys are case-insensitive: two secrets that give the same key
/// are resolved by <see cref="CollisionBehavior"/>.</para>
/// </remarks>
public sealed class SecretStoreConfigurationOptions
{
    /// <summary>The default <see cref="MaxConcurrency"/>: 16, the same as <see cref="SecretBatch.DefaultMaxConcurrency"/>.</summary>
    public const int DefaultMaxConcurrency = SecretBatch.DefaultMaxConcurrency;

    /// <summary>The default <see cref="BatchSize"/>: 20, the most secrets one AWS <c>BatchGetSecretValue</c> call returns.</summary>
    public const int DefaultBatchSize = 20;

    /// <summary>The largest <see cref="MaxConcurrency"/> accepted: 256.</summary>
    public const int MaxConcurrencyLimit = 256;

    /// <summary>The largest <see cref="BatchSize"/> accepted: 1,000.</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>The shortest <see cref="ReloadInterval"/> accepted: one second.</summary>
    public static readonly TimeSpan MinReloadInterval = TimeSpan.FromSeconds(1);

    /// <summary>The longest <see cref="ReloadInterval"/> and <see cref="StartupTimeout"/> accepted: 365 days.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(365);

    /// <summary>Load only secrets whose logical name starts with this (an ordinal prefix, usually ending with
    /// <c>/</c>, such as <c>myapp/</c>), and remove it from the name before <see cref="KeyMapper"/> sees it.
    /// <see langword="null"/> or empty (the default) loads every secret the store lists. Must be a valid listing prefix
    /// (see <see cref="SecretName.ValidatePrefix"/>).</summary>
    public string? Prefix { get; set; }

    /// <summary>The exact logical names to load, for identities that may read secrets but not list them. When not empty,
    /// the store is never listed; when <see cref="Prefix"/> is set too, every name must start with it (and it is removed
    /// from the key). On reload, names are checked with the store's <see cref="ISecretChangeProbe"/> when it offers
    /// one, and read again only when they changed; without a probe every name is read again on each reload. Empty by
    /// default. Each name must be a valid logical name, listed once.</summary>
    public IList<string> SecretNames { get; private set; } = [];

    /// <summary>Maps a secret's name, with <see cref="Prefix"/> removed, to its configuration key; return
    /// <see langword="null"/> or an empty string to leave the secret out (it is then never read).
    /// <see langword="null"/> (the default) uses <see cref="SecretConfigurationKeys.FromSecretName"/>: <c>/</c> and
    /// <c>--</c> become <c>:</c>.</summary>
    public Func<string, string?>? KeyMapper { get; set; }

    /// <summary>Decides from a secret's properties (name, tags, content type, dates; never its value) whether to load
    /// it; runs before the value is read, so a secret it rejects is never read. <see langword="null"/> (the default)
    /// loads every active secret. With <see cref="SecretNames"/> and a store without a change probe, the properties are
    /// only known once the value is read, so the filter then runs after the read.</summary>
    public Func<SecretProperties, bool>? Filter { get; set; }

    /// <summary>Whether a text value that is a JSON object (its first non-white-space character is <c>{</c>) becomes
    /// child keys, as the JSON configuration provider makes them: <c>db</c> holding <c>{"user":"u","hosts":["a","b"]}</c>
    /// gives <c>db:user</c>, <c>db:hosts:0</c> and <c>db:hosts:1</c>; <c>true</c> gives <c>True</c>, a number its JSON
    /// text, <c>null</c> and an empty object a key without a value, an empty array an empty string. A value that looks like an
    /// object but does not parse (or repeats a key, ignoring case) is loaded as plain text under its own key, with a
    /// warning that names the key. <see langword="true"/> by default.</summary>
    public bool FlattenJsonObjects { get; set; } = true;

    /// <summary>Whether the source may start without the store: when the first load fails (the store is unreachable,
    /// denies access, or takes longer than <see cref="StartupTimeout"/>) or finds no secret, configuration starts empty
    /// and a warning is logged instead of an exception; reloads, when on, keep trying. <see langword="false"/> by
    /// default: a required source throws a <see cref="SecretStoreException"/> naming the store.</summary>
    public bool Optional { get; set; }

    /// <summary>How often to look for changes in the background; <see langword="null"/> (the default) never reloads.
    /// Between one second and 365 days. Each wait is shortened by a random share of <see cref="ReloadJitter"/>, so a
    /// change is seen within one interval and a fleet of processes does not reload in step.</summary>
    public TimeSpan? ReloadInterval { get; set; }

    /// <summary>The most random time taken off each wait between reloads; <see langword="null"/> (the default) for a
    /// tenth of <see cref="ReloadInterval"/>. Between zero (no jitter) and half of <see cref="ReloadInterval"/>.</summary>
    public TimeSpan? ReloadJitter { get; set; }

    /// <summary>Called when a load fails, at startup or on reload, after the failure was logged (without values). At
    /// startup, setting <see cref="SecretStoreLoadExceptionContext.Ignore"/> starts the source empty instead of throwing
    /// (it starts as <see cref="Optional"/>); on reload the failure never throws and the last good values stay.
    /// An exception thrown by the callback is logged and otherwise ignored on reload, and thrown at startup.</summary>
    public Action<SecretStoreLoadExceptionContext>? OnLoadException { get; set; }

    /// <summary>How many read calls (and change probes) run at once; <see cref="DefaultMaxConcurrency"/> by default,
    /// from 1 to <see cref="MaxConcurrencyLimit"/>. A store without a batch API gets one secret per
    /// <see cref="ISecretStore.GetSecretsAsync"/> call, so this is the number of reads in flight; a store with one
    /// (<see cref="SecretStoreCapabilities.Batch"/>) gets <see cref="BatchSize"/> secrets per call.</summary>
    public int MaxConcurrency { get; set; } = DefaultMaxConcurrency;

    /// <summary>How many secrets one <see cref="ISecretStore.GetSecretsAsync"/> call asks for when the store has a batch
    /// API (<see cref="SecretStoreCapabilities.Batch"/>); <see cref="DefaultBatchSize"/> by default, from 1 to
    /// <see cref="MaxBatchSize"/>. Ignored for other stores.</summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>The longest the first load may take; one minute by default; more than zero and at most 365 days, or
    /// <see cref="Timeout.InfiniteTimeSpan"/>. Past it, an optional source starts empty with a warning and a required one
    /// throws a <see cref="SecretStoreException"/> (<see cref="SecretStoreErrorCode.Timeout"/>) naming the store. Each
    /// background reload is cancelled after the same time.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>What happens when two secrets give the same configuration key (ignoring case);
    /// <see cref="SecretKeyCollisionBehavior.NewestWins"/> by default.</summary>
    public SecretKeyCollisionBehavior CollisionBehavior { get; set; } = SecretKeyCollisionBehavior.NewestWins;

    /// <summary>Creates the provider's logger; nothing is logged when <see langword="null"/> (the default). Logs name
    /// stores, secrets and keys, never values.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock of reloads, the startup budget and the expiry checks; <see cref="TimeProvider.System"/> when
    /// <see langword="null"/> (the default).</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Creates the <see cref="SecretStoreTelemetry.MeterName"/> meter the provider reports its
    /// <see cref="SecretStoreConfigurationTelemetry"/> instruments on; a process-wide meter when <see langword="null"/>
    /// (the default).</summary>
    public IMeterFactory? MeterFactory { get; set; }

    internal SecretStoreConfigurationOptions Clone()
    {
        var clone = (SecretStoreConfigurationOptions)MemberwiseClone();
        clone.SecretNames = [.. SecretNames];
        return clone;
    }
}
