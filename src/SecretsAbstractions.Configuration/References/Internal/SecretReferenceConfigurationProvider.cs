using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;

namespace SecretsAbstractions.Configuration.Internal;

/// <summary>
/// Builds the sources added before <c>AddSecretReferences</c>, merges their keys (a later source wins, as in
/// <see cref="ConfigurationRoot"/>) and serves them with every <c>${secret:...}</c> resolved.
/// </summary>
/// <remarks>
/// <para>Resolution runs at the first load (blocking, off the caller's synchronization context), on an explicit
/// <see cref="IConfigurationRoot.Reload"/>, when any inner provider reloads, and every
/// <see cref="SecretReferenceOptions.ReloadInterval"/> (plus jitter). Background resolutions run one at a time;
/// triggers that arrive while one waits to start are merged into it.</para>
/// <para>Each pass builds a complete new data set and swaps it in at once, so a reader sees all old or all new
/// values; the change token fires only when a value differs. After the first load nothing throws: a reference that
/// fails keeps its key's last good value (or, when it never had one, the value as written) and is logged.</para>
/// </remarks>
internal sealed class SecretReferenceConfigurationProvider : ConfigurationProvider, IDisposable
{
    private readonly IReadOnlyList<IConfigurationSource> _sources;
    private readonly IConfigurationBuilder _builder;
    private readonly SecretReferenceOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposing = new();
    private readonly CancellationToken _stopping;
    private readonly SemaphoreSlim _passGate = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _lastGood = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<SecretReferenceKey, Secret>? _previousSecrets;
    private ConfigurationRoot? _inner;
    private ISecretStoreProvider? _stores;
    private ServiceProvider? _ownedServices;
    private IDisposable? _innerChangeRegistration;
    private ITimer? _timer;
    private Task _refreshTail = Task.CompletedTask;
    private bool _refreshQueued;
    private volatile bool _reloadingInline;
    private int _disposed;

    public SecretReferenceConfigurationProvider(IReadOnlyList<IConfigurationSource> sources, IConfigurationBuilder builder, SecretReferenceOptions options)
    {
        _sources = sources;
        _builder = builder;
        _options = options;
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("SecretsAbstractions.Configuration.SecretReferences");
        _stopping = _disposing.Token;
    }

    /// <summary>The providers of the wrapped sources, once loaded.</summary>
    internal IReadOnlyList<IConfigurationProvider> InnerProviders => _inner is { } inner ? [.. inner.Providers] : [];

    /// <summary>The configuration of the wrapped sources, once loaded, so that code looking for a provider (such as
    /// <see cref="SecretStoreConfigurationHealthCheck"/>) can look inside, as into a chained configuration.</summary>
    internal IConfigurationRoot? InnerConfiguration => _inner;

    /// <summary>How the last resolution went, for <see cref="SecretReferenceHealthCheck"/>.</summary>
    internal SecretReferenceStatus Status { get; private set; } = SecretReferenceStatus.NotLoaded;

    /// <summary>Completes when every background resolution scheduled so far has ended (for tests).</summary>
    internal Task WhenIdle
    {
        get
        {
            lock (_gate)
            {
                return _refreshTail;
            }
        }
    }

    public override void Load()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_inner is null)
        {
            FirstLoad();
            return;
        }

        // The inner root raises its change token synchronously while reloading; this pass covers that change.
        _reloadingInline = true;
        try
        {
            _inner.Reload();
        }
        finally
        {
            _reloadingInline = false;
        }

        try
        {
            RunBlocking(ct => RefreshAsync(raiseChange: false, ct));
        }
        catch (Exception error) when (error is not OperationCanceledException and not ObjectDisposedException)
        {
            // As on any reload after the first: the last good values stay, and the failure is logged, not thrown.
            Status = Status with { LastErrorType = error.GetType().FullName };
            SecretReferenceLog.ReloadFailed(_logger, error.GetType().FullName ?? error.GetType().Name);
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"SecretReferences ({_sources.Count} sources)");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        lock (_gate)
        {
            _timer?.Dispose();
        }

        _disposing.Cancel();
        _innerChangeRegistration?.Dispose();
        _inner?.Dispose();
        _ownedServices?.Dispose();
        _disposing.Dispose();
        _passGate.Dispose();
    }

    private void FirstLoad()
    {
        var inner = new ConfigurationRoot([.. _sources.Select(source => source.Build(_builder))]);
        _inner = inner;
        try
        {
            var snapshot = Snapshot();
            var templates = Templates(snapshot);
            var resolution = templates.Count == 0 ? null : RunBlocking(ct => ResolveAsync(templates, ct));
            if (resolution is { Errors.Count: > 0 } && !_options.Optional)
            {
                throw new SecretReferenceResolutionException(resolution.Errors);
            }

            Data = BuildData(snapshot, templates, resolution);
        }
        catch
        {
            _inner = null;
            inner.Dispose();
            _ownedServices?.Dispose();
            _ownedServices = null;
            _stores = null;
            _previousSecrets = null;
            throw;
        }

        _innerChangeRegistration = ChangeToken.OnChange(inner.GetReloadToken, OnInnerChanged);
        if (_options.ReloadInterval is not null)
        {
            lock (_gate)
            {
                _timer = _timeProvider.CreateTimer(static state => ((SecretReferenceConfigurationProvider)state!).OnTimer(), this, NextDelay(), Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnInnerChanged()
    {
        if (!_reloadingInline)
        {
            ScheduleRefresh();
        }
    }

    private void OnTimer()
    {
        ScheduleRefresh();
        lock (_gate)
        {
            if (_disposed == 0)
            {
                _timer?.Change(NextDelay(), Timeout.InfiniteTimeSpan);
            }
        }
    }

    private TimeSpan NextDelay()
    {
        var interval = _options.ReloadInterval!.Value;
        var jitter = _options.ReloadJitter ?? interval / 10;
        return interval + (jitter * Random.Shared.NextDouble());
    }

    private void ScheduleRefresh()
    {
        lock (_gate)
        {
            if (_disposed != 0 || _refreshQueued)
            {
                return;
            }

            _refreshQueued = true;
            _refreshTail = _refreshTail.ContinueWith(
                _ => RunScheduledRefreshAsync(),
                CancellationToken.None,
                TaskContinuationOptions.DenyChildAttach,
                TaskScheduler.Default).Unwrap();
        }
    }

    private async Task RunScheduledRefreshAsync()
    {
        lock (_gate)
        {
            _refreshQueued = false;
        }

        try
        {
            await RefreshAsync(raiseChange: true, _stopping).ConfigureAwait(false);
        }
        catch (Exception) when (_disposed != 0)
        {
            // Disposed while resolving: nothing is waiting for these values.
        }
#pragma warning disable CA1031 // A timer or change-token callback must never throw; the failure is logged, not lost.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Status = Status with { LastErrorType = error.GetType().FullName };
            SecretReferenceLog.ReloadFailed(_logger, error.GetType().FullName ?? error.GetType().Name);
        }
    }

    private async Task RefreshAsync(bool raiseChange, CancellationToken cancellationToken)
    {
        await _passGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var snapshot = Snapshot();
            var templates = Templates(snapshot);
            var resolution = templates.Count == 0 ? null : await ResolveAsync(templates, cancellationToken).ConfigureAwait(false);
            var data = BuildData(snapshot, templates, resolution);
            int changed = CountChanges(Data, data);
            if (changed == 0)
            {
                return;
            }

            Data = data;
            if (raiseChange)
            {
                SecretReferenceLog.ValuesChanged(_logger, changed);
                RaiseChanged();
            }
        }
        finally
        {
            _passGate.Release();
        }
    }

    // Listeners run on this background thread; one that throws must not be mistaken for a failed resolution
    // (the new values are already served) nor escape into the timer.
    private void RaiseChanged()
    {
        try
        {
            OnReload();
        }
#pragma warning disable CA1031 // See above: logged, never rethrown.
        catch (Exception error)
#pragma warning restore CA1031
        {
            var types = error is AggregateException aggregate
                ? aggregate.Flatten().InnerExceptions.Select(e => e.GetType().FullName).Distinct()
                : [error.GetType().FullName];
            SecretReferenceLog.ChangeListenerFailed(_logger, string.Join(", ", types));
        }
    }

    private async Task<SecretReferenceResolution> ResolveAsync(List<KeyValuePair<string, SecretReferenceTemplate>> templates, CancellationToken cancellationToken)
    {
        var resolver = new SecretReferenceResolver(GetStores(), _options.BinaryMode, _options.MaxConcurrency, _previousSecrets);
        using var timeout = new CancellationTokenSource(_options.LoadTimeout, _timeProvider);
        var resolution = await resolver.ResolveAsync(templates, _options.LoadTimeout, timeout.Token, cancellationToken).ConfigureAwait(false);
        _previousSecrets = resolution.Secrets;
        SecretReferenceLog.ReferencesResolved(_logger, resolution.Values.Count, resolution.SecretsRead, resolution.SecretsUnchanged);
        return resolution;
    }

    private ISecretStoreProvider GetStores()
    {
        if (_stores is null)
        {
            if (_options.StoreProvider is { } provider)
            {
                _stores = provider;
            }
            else
            {
                _ownedServices = BuildDeclaredStores(_inner!);
                _stores = _ownedServices.GetRequiredService<ISecretStoreProvider>();
            }
        }

        return _stores;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "AddSecretReferences without a StoreProvider is annotated for the same reason.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "AddSecretReferences without a StoreProvider is annotated for the same reason.")]
    private ServiceProvider BuildDeclaredStores(IConfiguration configuration) => DeclaredSecretStores.Build(configuration, _options);

    /// <summary>The merged keys and values of the inner providers, a later provider winning, each with whether it
    /// may hold references. A key whose value is <see langword="null"/> is kept only when a provider holds it (not when
    /// it is only a parent of other keys). A value served by a <see cref="SecretStoreConfigurationProvider"/> is a
    /// secret's value: it is never scanned, for the same reason a referenced secret's value is not.</summary>
    private List<Entry> Snapshot()
    {
        var inner = _inner!;
        var providers = inner.Providers.Reverse().ToList();
        var entries = new List<Entry>();
        foreach (var (key, value) in inner.AsEnumerable())
        {
            var owner = providers.FirstOrDefault(p => p.TryGet(key, out _));
            if (value is not null || owner is not null)
            {
                entries.Add(new Entry(key, value, Scan: owner is not SecretStoreConfigurationProvider));
            }
        }

        return entries;
    }

    private static List<KeyValuePair<string, SecretReferenceTemplate>> Templates(List<Entry> snapshot)
    {
        var templates = new List<KeyValuePair<string, SecretReferenceTemplate>>();
        foreach (var (key, value, scan) in snapshot)
        {
            if (scan && SecretReferenceTemplate.TryParse(value) is { } template)
            {
                templates.Add(new(key, template));
            }
        }

        templates.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Key, b.Key));
        return templates;
    }

    private Dictionary<string, string?> BuildData(
        List<Entry> snapshot,
        List<KeyValuePair<string, SecretReferenceTemplate>> templates,
        SecretReferenceResolution? resolution)
    {
        var data = new Dictionary<string, string?>(snapshot.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value, _) in snapshot)
        {
            data[key] = value;
        }

        var templatedKeys = new HashSet<string>(templates.Select(t => t.Key), StringComparer.OrdinalIgnoreCase);
        foreach (var key in _lastGood.Keys.Where(k => !templatedKeys.Contains(k)).ToList())
        {
            _lastGood.Remove(key);
        }

        if (resolution is null)
        {
            Status = new SecretReferenceStatus(_timeProvider.GetUtcNow(), 0, 0, 0, 0, null);
            return data;
        }

        foreach (var (key, value) in resolution.Values)
        {
            data[key] = value;
            _lastGood[key] = value;
        }

        var staleKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var unresolvedKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var error in resolution.Errors)
        {
            bool hasLastGood = _lastGood.TryGetValue(error.ConfigurationKey, out var lastGood);
            if (hasLastGood)
            {
                data[error.ConfigurationKey] = lastGood;
                staleKeys.Add(error.ConfigurationKey);
            }
            else
            {
                unresolvedKeys.Add(error.ConfigurationKey);
            }

            SecretReferenceLog.ReferenceUnresolved(_logger, hasLastGood ? "its last good value" : "the reference as written", error.ToString());
        }

        Status = new SecretReferenceStatus(
            _timeProvider.GetUtcNow(),
            templates.Sum(t => t.Value.Tokens.Count()),
            resolution.Errors.Count,
            staleKeys.Count,
            unresolvedKeys.Count,
            null);
        return data;
    }

    private static int CountChanges(IDictionary<string, string?> current, Dictionary<string, string?> next)
    {
        int changes = current.Keys.Count(key => !next.ContainsKey(key));
        foreach (var (key, value) in next)
        {
            if (!current.TryGetValue(key, out var old) || !string.Equals(old, value, StringComparison.Ordinal))
            {
                changes++;
            }
        }

        return changes;
    }

    private T RunBlocking<T>(Func<CancellationToken, Task<T>> work) =>
        Task.Run(() => work(_stopping), _stopping).GetAwaiter().GetResult();

    private void RunBlocking(Func<CancellationToken, Task> work) =>
        Task.Run(() => work(_stopping), _stopping).GetAwaiter().GetResult();

    private readonly record struct Entry(string Key, string? Value, bool Scan);
}

/// <summary>How the last resolution of a reference provider went. Counts and times only: never a value, key or reference.</summary>
/// <param name="LastResolvedAt">When the last resolution pass ended; <see langword="null"/> before the first.</param>
/// <param name="ReferenceCount">The references in the configuration values.</param>
/// <param name="FailedReferences">The references that failed in the last pass.</param>
/// <param name="StaleKeys">The keys that keep their last good value because a reference failed.</param>
/// <param name="UnresolvedKeys">The keys that keep the reference as written: it never resolved.</param>
/// <param name="LastErrorType">The exception type that ended the last pass early, if one did.</param>
internal sealed record SecretReferenceStatus(
    DateTimeOffset? LastResolvedAt, int ReferenceCount, int FailedReferences, int StaleKeys, int UnresolvedKeys, string? LastErrorType)
{
    public static SecretReferenceStatus NotLoaded { get; } = new(null, 0, 0, 0, 0, null);
}
