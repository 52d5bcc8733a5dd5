using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecretsAbstractions.Configuration.Internal;

namespace SecretsAbstractions.Configuration;

/// <summary>
/// Configuration values from one <see cref="ISecretStore"/>: each secret (or each field of a JSON-object secret) becomes
/// a key, loaded once at startup and, with <see cref="SecretStoreConfigurationOptions.ReloadInterval"/>, reloaded in
/// the background. Created by <see cref="SecretStoreConfigurationSource"/>; see <see cref="SecretStoreConfigurationOptions"/>.
/// </summary>
/// <remarks>
/// <para><b>First load.</b> <see cref="Load"/> blocks until the store has answered, at most
/// <see cref="SecretStoreConfigurationOptions.StartupTimeout"/>. The work runs on the thread pool, never on the caller's
/// <see cref="SynchronizationContext"/>, so a UI or legacy ASP.NET thread cannot deadlock it.</para>
/// <para><b>Reload.</b> Each reload lists the store (or probes the named secrets), reads again only the secrets whose
/// version or update time changed and the new ones, drops those deleted, disabled, expired or filtered out, and swaps
/// the whole data dictionary at once: a reader sees all old or all new values. The change token fires only when the
/// values changed. A failed reload keeps the last good values, logs a warning without values, counts a failure on the
/// <see cref="SecretStoreConfigurationTelemetry.LoadFailuresInstrument"/> counter and shows in <see cref="Status"/>
/// (and so in <see cref="SecretStoreConfigurationHealthCheck"/>); no exception leaves the timer.</para>
/// <para><b>Disposal.</b> <see cref="Dispose()"/> stops the timer, cancels a load in progress and waits for it to end, so
/// the store is not called after it returns; it disposes the store when the provider created it (a factory or a
/// declared store), never a store instance given to it.</para>
/// </remarks>
public sealed class SecretStoreConfigurationProvider : ConfigurationProvider, IDisposable
{
    private static readonly IReadOnlyDictionary<string, LoadedSecret> NoSecrets = new Dictionary<string, LoadedSecret>(StringComparer.Ordinal);

    private readonly ISecretStore _store;
    private readonly SecretStoreConfigurationOptions _options;
    private readonly IDisposable? _ownedResources;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SecretLoader _loader;
    private readonly ConfigurationMetrics _metrics;
    private readonly KeyValuePair<string, object?>[] _storeTags;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    private readonly AsyncLocal<bool> _inLoad = new();
    private readonly Lock _timerLock = new();
    private IReadOnlyDictionary<string, LoadedSecret> _secrets = NoSecrets;
    private volatile SecretStoreConfigurationStatus _status = SecretStoreConfigurationStatus.NotLoaded;
    private ITimer? _timer;
    private Task _tick = Task.CompletedTask;
    private long _timerTicks;
    private bool _started;
    private int _disposed;

    internal SecretStoreConfigurationProvider(ISecretStore store, SecretStoreConfigurationOptions options, object? ownedResources)
    {
        _store = store;
        _options = options;
        _ownedResources = ownedResources as IDisposable;
        _time = options.TimeProvider ?? TimeProvider.System;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SecretStoreConfigurationProvider>();
        var metadata = store.GetMetadata();
        StoreName = metadata.StoreName;
        _loader = new SecretLoader(store, options, _time, _logger, DisplayStoreName);
        _metrics = ConfigurationMetrics.For(options.MeterFactory);
        _storeTags =
        [
            new(SecretStoreTelemetry.StoreNameTag, metadata.StoreName),
            new(SecretStoreTelemetry.ProviderNameTag, metadata.ProviderName),
        ];
    }

    /// <summary>The name of the store the values come from (<see cref="SecretStoreMetadata.StoreName"/>).</summary>
    public string StoreName { get; }

    /// <summary>The prefix the secrets are loaded from, if any.</summary>
    public string? Prefix => _options.Prefix;

    /// <summary>How the loads are going: last success, last failure and why, failures in a row. Never a value.</summary>
    public SecretStoreConfigurationStatus Status => _status;

    /// <summary>The reload the timer started last (for tests: a fake clock's <c>Advance</c> starts it).</summary>
    internal Task CurrentTick
    {
        get
        {
            lock (_timerLock)
            {
                return _tick;
            }
        }
    }

    /// <summary>How many times the reload timer fired (for tests).</summary>
    internal long TimerTicks
    {
        get
        {
            lock (_timerLock)
            {
                return _timerTicks;
            }
        }
    }

    private string DisplayStoreName => SecretName.ForDisplay(StoreName);

    private bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Loads the secrets. The first call blocks for the first load (at most
    /// <see cref="SecretStoreConfigurationOptions.StartupTimeout"/>) and starts the reload timer; a later call (from
    /// <see cref="IConfigurationRoot.Reload"/>) reloads at once, keeping the last good values if that fails.</summary>
    /// <exception cref="SecretStoreException">The first load of a required source failed, found nothing, or took longer
    /// than the budget; the message names the store, the inner exception is the cause.</exception>
    /// <exception cref="ObjectDisposedException">The provider is disposed.</exception>
    public override void Load()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (_started)
        {
            Task.Run(() => ReloadAsync(CancellationToken.None)).GetAwaiter().GetResult();
            return;
        }

        _started = true;
        LoadFirst();
        StartTimer();
    }

    /// <summary>Reloads now, the way the timer does: reads only what changed, keeps the last good values on failure (and
    /// reports it), and fires the change token only when values changed. Waits for a load already in progress.</summary>
    /// <param name="cancellationToken">Cancels the reload.</param>
    /// <returns><see langword="true"/> when the values changed; <see langword="false"/> when they did not or the reload failed.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken = default)
    {
        if (IsDisposed)
        {
            return false;
        }

        using var budget = CreateBudget();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token, budget?.Token ?? CancellationToken.None);
        long started = _time.GetTimestamp();
        try
        {
            return await LoadCoreAsync(initial: false, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
        {
            return false;
        }
#pragma warning disable CA1031 // A reload never throws: the failure is logged, counted and shown in Status.
        catch (Exception error)
#pragma warning restore CA1031
        {
            bool timedOut = budget?.IsCancellationRequested == true && error is OperationCanceledException;
            var failure = Describe(error, timedOut);
            RecordFailure(failure, error, SecretStoreConfigurationTelemetry.PhaseReload, started);
            SecretStoreConfigurationLog.ReloadFailed(_logger, DisplayStoreName, ErrorType(failure, error), _status.ConsecutiveFailures, Loggable(failure, error));
            InvokeOnLoadException(failure, isReload: true);
            return false;
        }
    }

    /// <summary>Stops the reload timer, cancels a load in progress and waits for it to end, then disposes the store if
    /// the provider created it. The store is not called after this returns.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _disposing.Cancel();
        lock (_timerLock)
        {
            _timer?.Dispose();
            _timer = null;
        }

        // Inside a load or a tick (a callback disposing the configuration), waiting for it would wait for ourselves.
        if (!_inLoad.Value)
        {
            _gate.Wait();
            _tick.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Wait();
        }

        _ownedResources?.Dispose();
    }

    /// <summary>Describes the source: the store and the prefix.</summary>
    public override string ToString() =>
        string.IsNullOrEmpty(Prefix)
            ? $"{nameof(SecretStoreConfigurationProvider)} for store '{DisplayStoreName}'"
            : $"{nameof(SecretStoreConfigurationProvider)} for store '{DisplayStoreName}', prefix '{SecretName.ForDisplay(Prefix)}'";

    private void LoadFirst()
    {
        var timeout = _options.StartupTimeout;
        using var budget = CreateBudget();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_disposing.Token, budget?.Token ?? CancellationToken.None);
        long started = _time.GetTimestamp();

        // Off the caller's synchronization context: the caller blocks, so nothing may need its thread.
        var work = Task.Run(() => LoadCoreAsync(initial: true, linked.Token), CancellationToken.None);
        try
        {
            var bounded = timeout == Timeout.InfiniteTimeSpan ? work : work.WaitAsync(timeout, _time);
            bounded.GetAwaiter().GetResult();
            return;
        }
#pragma warning disable CA1031 // Every failure is described, logged and either thrown (required) or ignored (optional).
        catch (Exception error)
#pragma warning restore CA1031
        {
            linked.Cancel();
            _ = work.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            bool timedOut = error is TimeoutException || (error is OperationCanceledException && budget?.IsCancellationRequested == true);
            var failure = Describe(error, timedOut);
            RecordFailure(failure, error, SecretStoreConfigurationTelemetry.PhaseStartup, started);
            bool ignore = InvokeOnLoadException(failure, isReload: false);
            if (!ignore)
            {
                SecretStoreConfigurationLog.LoadFailed(_logger, DisplayStoreName, ErrorType(failure, error), Loggable(failure, error));

                // The configuration is not built, so nobody else will dispose what this provider owns.
                if (work.IsCompleted)
                {
                    Dispose();
                }
                else
                {
                    _ = work.ContinueWith(static (_, state) => ((SecretStoreConfigurationProvider)state!).Dispose(), this, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                }

                throw failure;
            }

            SecretStoreConfigurationLog.LoadFailedIgnored(_logger, DisplayStoreName, ErrorType(failure, error), Loggable(failure, error));
        }
    }

    private async Task<bool> LoadCoreAsync(bool initial, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        _inLoad.Value = true;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            long started = _time.GetTimestamp();
            var outcome = await _loader.LoadAsync(_secrets, cancellationToken).ConfigureAwait(false);
            if (initial && !_options.Optional)
            {
                ThrowIfNothingFound(outcome);
            }

            bool changed = false;
            Dictionary<string, string?>? data = null;
            if (initial || outcome.SecretsChanged)
            {
                var collisions = new List<KeyCollision>();
                data = ConfigurationData.Build(outcome.Secrets.Values, _options.CollisionBehavior, StoreName, collisions);
                changed = initial || !ConfigurationData.AreEqual(data, Data);
                if (changed)
                {
                    foreach (var collision in collisions)
                    {
                        SecretStoreConfigurationLog.KeyCollision(
                            _logger, DisplayStoreName, SecretName.ForDisplay(collision.Key), SecretName.ForDisplay(collision.Winner), SecretName.ForDisplay(collision.Loser));
                    }
                }
            }

            foreach (var (name, key) in outcome.UnparsedJson)
            {
                SecretStoreConfigurationLog.UnparsedJson(_logger, DisplayStoreName, SecretName.ForDisplay(name), SecretName.ForDisplay(key));
            }

            cancellationToken.ThrowIfCancellationRequested();
            _secrets = outcome.Secrets;
            if (changed)
            {
                Data = data!;
            }

            int failuresBefore = _status.ConsecutiveFailures;
            _status = _status.Succeeded(_time.GetUtcNow(), outcome.Secrets.Count, Data.Count);
            RecordSuccess(initial, changed, started);
            if (failuresBefore > 0)
            {
                SecretStoreConfigurationLog.Recovered(_logger, DisplayStoreName, failuresBefore);
            }

            if (initial)
            {
                SecretStoreConfigurationLog.Loaded(_logger, DisplayStoreName, outcome.Secrets.Count, Data.Count);
            }
            else if (changed)
            {
                SecretStoreConfigurationLog.Reloaded(_logger, DisplayStoreName, outcome.ReadCount, outcome.RemovedCount, outcome.Secrets.Count, Data.Count);
                RaiseReload();
            }
            else
            {
                SecretStoreConfigurationLog.Unchanged(_logger, DisplayStoreName, outcome.ReadCount);
            }

            return changed && !initial;
        }
        finally
        {
            _inLoad.Value = false;
            _gate.Release();
        }
    }

    private void ThrowIfNothingFound(LoadOutcome outcome)
    {
        if (outcome.MissingNames.Count > 0)
        {
            var shown = outcome.MissingNames.Take(10).Select(name => $"'{SecretName.ForDisplay(name)}'");
            throw new ConfigurationLoadException(
                SecretStoreErrorCode.NotFound,
                string.Create(CultureInfo.InvariantCulture,
                    $"{outcome.MissingNames.Count} of the secrets named in SecretNames do not exist in store '{DisplayStoreName}': {string.Join(", ", shown)}{(outcome.MissingNames.Count > 10 ? ", ..." : string.Empty)}. Create them, remove them from SecretNames, or make the source optional."));
        }

        if (outcome.DiscoveredCount == 0)
        {
            string where = string.IsNullOrEmpty(Prefix) ? "any secret" : $"a secret under the prefix '{SecretName.ForDisplay(Prefix)}'";
            throw new ConfigurationLoadException(
                SecretStoreErrorCode.NotFound,
                $"The store '{DisplayStoreName}' does not list {where}. Check the prefix and the identity's permissions, or make the source optional.");
        }
    }

    private void RaiseReload()
    {
        try
        {
            OnReload();
        }
#pragma warning disable CA1031 // A change callback's failure must not fail the reload nor escape the timer.
        catch (Exception error)
#pragma warning restore CA1031
        {
            SecretStoreConfigurationLog.CallbackFailed(_logger, DisplayStoreName, "change token", error.GetType().Name);
        }
    }

    private bool InvokeOnLoadException(SecretStoreException failure, bool isReload)
    {
        var context = new SecretStoreLoadExceptionContext(this, failure, isReload, _options.Optional);
        if (_options.OnLoadException is { } callback)
        {
            if (!isReload)
            {
                callback(context);
                return context.Ignore;
            }

            try
            {
                callback(context);
            }
#pragma warning disable CA1031 // On reload, the callback only observes; its failure must not escape the timer.
            catch (Exception error)
#pragma warning restore CA1031
            {
                SecretStoreConfigurationLog.CallbackFailed(_logger, DisplayStoreName, nameof(SecretStoreConfigurationOptions.OnLoadException), error.GetType().Name);
            }
        }

        return context.Ignore;
    }

    private SecretStoreException Describe(Exception error, bool timedOut)
    {
        string where = string.IsNullOrEmpty(Prefix) ? string.Empty : $" (prefix '{SecretName.ForDisplay(Prefix)}')";
        string subject = $"Could not load configuration from secret store '{DisplayStoreName}'{where}";
        var (code, reason) = error switch
        {
            _ when timedOut => (SecretStoreErrorCode.Timeout, string.Create(CultureInfo.InvariantCulture,
                $"the load did not finish within {_options.StartupTimeout} (StartupTimeout)")),
            SecretStoreException storeError => (storeError.ErrorCode, $"the store failed with {storeError.ErrorCode}"),
            ConfigurationLoadException own => (own.ErrorCode, own.Message),
            _ => (SecretStoreErrorCode.Unknown, $"{error.GetType().Name} was thrown"),
        };
        return new SecretStoreException(code, $"{subject}: {reason}.", error) { StoreName = StoreName };
    }

    private static string ErrorType(SecretStoreException failure, Exception cause) =>
        failure.ErrorCode != SecretStoreErrorCode.Unknown || cause is SecretStoreException or ConfigurationLoadException
            ? failure.ErrorCode.ToString()
            : cause.GetType().Name;

    // Store errors and the provider's own never hold values; another exception (thrown by a filter or a key mapper)
    // might, so it is not attached to the log.
    private static SecretStoreException? Loggable(SecretStoreException failure, Exception cause) =>
        cause is SecretStoreException or ConfigurationLoadException or TimeoutException or OperationCanceledException ? failure : null;

    private CancellationTokenSource? CreateBudget() =>
        _options.StartupTimeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(_options.StartupTimeout, _time);

    private void RecordSuccess(bool initial, bool changed, long started)
    {
        var tags = new TagList(_storeTags.AsSpan())
        {
            { SecretStoreTelemetry.OutcomeTag, SecretStoreTelemetry.OutcomeSuccess },
            { SecretStoreConfigurationTelemetry.PhaseTag, initial ? SecretStoreConfigurationTelemetry.PhaseStartup : SecretStoreConfigurationTelemetry.PhaseReload },
        };
        _metrics.Duration.Record(_time.GetElapsedTime(started).TotalSeconds, tags);
        tags.Add(SecretStoreConfigurationTelemetry.ChangedTag, changed ? "true" : "false");
        _metrics.Loads.Add(1, tags);
    }

    private void RecordFailure(SecretStoreException failure, Exception cause, string phase, long started)
    {
        string errorType = ErrorType(failure, cause);
        _status = _status.Failed(_time.GetUtcNow(), errorType);
        var tags = new TagList(_storeTags.AsSpan())
        {
            { SecretStoreTelemetry.OutcomeTag, SecretStoreTelemetry.OutcomeFailure },
            { SecretStoreConfigurationTelemetry.PhaseTag, phase },
        };
        _metrics.Duration.Record(_time.GetElapsedTime(started).TotalSeconds, tags);
        tags.Add(SecretStoreConfigurationTelemetry.ChangedTag, "false");
        _metrics.Loads.Add(1, tags);
        var failureTags = new TagList(_storeTags.AsSpan())
        {
            { SecretStoreTelemetry.ErrorTypeTag, errorType },
            { SecretStoreConfigurationTelemetry.PhaseTag, phase },
        };
        _metrics.Failures.Add(1, failureTags);
    }

    private void StartTimer()
    {
        if (_options.ReloadInterval is null)
        {
            return;
        }

        lock (_timerLock)
        {
            if (IsDisposed || _timer is not null)
            {
                return;
            }

            _timer = _time.CreateTimer(static state => ((SecretStoreConfigurationProvider)state!).OnTimer(), this, NextDelay(), Timeout.InfiniteTimeSpan);
        }
    }

    private void OnTimer()
    {
        lock (_timerLock)
        {
            if (IsDisposed)
            {
                return;
            }

            _timerTicks++;
            _tick = TickAsync();
        }
    }

    private async Task TickAsync()
    {
        // Callbacks run inside the tick (change token, OnLoadException) may dispose the configuration: Dispose must
        // then not wait for this tick.
        _inLoad.Value = true;
        try
        {
            await ReloadAsync(CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Nothing may escape a timer; ReloadAsync already handles every failure, this is the last guard.
        catch (Exception error)
#pragma warning restore CA1031
        {
            SecretStoreConfigurationLog.CallbackFailed(_logger, DisplayStoreName, "reload timer", error.GetType().Name);
        }
        finally
        {
            lock (_timerLock)
            {
                if (!IsDisposed)
                {
                    _timer?.Change(NextDelay(), Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    /// <summary>The reload interval less a random share of the jitter: never longer than the interval, and different in
    /// each process so that a fleet does not reload in step.</summary>
    private TimeSpan NextDelay()
    {
        var interval = _options.ReloadInterval!.Value;
        var jitter = _options.ReloadJitter ?? interval / 10;
        return interval - (jitter * Random.Shared.NextDouble());
    }
}
