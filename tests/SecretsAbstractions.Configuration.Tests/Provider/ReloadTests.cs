using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SecretsAbstractions.Configuration.Tests.Provider;

public sealed class ReloadTests
{
    [Fact]
    public async Task Ten_ticks_with_the_backend_down_keep_every_value_log_one_warning_and_count_one_failure_each_then_recovery_shows_new_values_within_one_interval()
    {
        using var h = new ProviderHarness();
        h.Set("app/db/user", "admin");
        h.Set("app/db/password", "old");
        var unobserved = 0;
        EventHandler<UnobservedTaskExceptionEventArgs> count = (_, _) => Interlocked.Increment(ref unobserved);
        TaskScheduler.UnobservedTaskException += count;
        try
        {
            var root = h.Build(o =>
            {
                o.Prefix = "app/";
                o.ReloadInterval = ProviderHarness.Interval;
            });
            var before = root.AsEnumerable().ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            h.Down();

            for (int tick = 1; tick <= 10; tick++)
            {
                await h.TickAsync();

                Assert.Equal(before, root.AsEnumerable().ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
                Assert.Equal(tick, h.Warnings("ReloadFailed").Count);
                Assert.Equal(tick, h.Logs.Records.Count(r => r.Level >= LogLevel.Warning));
                Assert.Equal(tick, h.FailureCount);
                Assert.Equal(tick, h.Provider.Status.ConsecutiveFailures);
                Assert.Equal("Unavailable", h.Provider.Status.LastErrorType);
            }

            Assert.Equal(0, h.ChangeNotifications);
            Assert.All(h.Failures.GetMeasurementSnapshot(), m => Assert.Equal("Unavailable", m.Tags[SecretStoreTelemetry.ErrorTypeTag]));

            h.Up();
            h.Set("app/db/password", "new");
            await h.TickAsync();

            Assert.Equal("new", root["db:password"]);
            Assert.Equal("admin", root["db:user"]);
            Assert.Equal(1, h.ChangeNotifications);
            Assert.Equal(0, h.Provider.Status.ConsecutiveFailures);
            Assert.Single(h.Logs.Records, r => r.EventId.Name == "Recovered");
            Assert.Equal(10, h.Warnings("ReloadFailed").Count);
        }
        finally
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            TaskScheduler.UnobservedTaskException -= count;
        }

        Assert.Equal(0, unobserved);
    }

    [Fact]
    public async Task An_unchanged_store_gives_no_change_notification_and_no_value_read_over_100_reloads()
    {
        using var h = new ProviderHarness();
        for (int i = 0; i < 25; i++)
        {
            h.Set($"app/key{i}", $"value{i}");
        }

        h.Set("app/json", """{"a":1,"b":[true,null]}""");
        h.Build(o =>
        {
            o.Prefix = "app/";
            o.ReloadInterval = ProviderHarness.Interval;
        });
        long readsAfterStartup = h.ValueReadCalls;

        for (int i = 0; i < 100; i++)
        {
            await h.TickAsync();
        }

        Assert.Equal(0, h.ChangeNotifications);
        Assert.Equal(readsAfterStartup, h.ValueReadCalls);
        Assert.Equal(101, h.Recording.GetCallCount(SecretStoreOperations.ListSecrets));
        Assert.Equal(0, h.FailureCount);
    }

    [Fact]
    public async Task With_explicit_names_an_unchanged_store_is_only_probed()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        h.Set("b", "2");
        h.Build(o =>
        {
            o.SecretNames.Add("a");
            o.SecretNames.Add("b");
            o.ReloadInterval = ProviderHarness.Interval;
        });
        long readsAfterStartup = h.ValueReadCalls;

        for (int i = 0; i < 100; i++)
        {
            await h.TickAsync();
        }

        Assert.Equal(0, h.ChangeNotifications);
        Assert.Equal(readsAfterStartup, h.ValueReadCalls);
        Assert.Equal(0, h.Recording.GetCallCount(SecretStoreOperations.ListSecrets));

        h.Set("b", "3");
        await h.TickAsync();
        Assert.Equal("3", h.Root!["b"]);
        Assert.Equal(["b"], h.Recording.RequestedNames.Skip(2));
    }

    [Fact]
    public async Task Only_changed_and_new_secrets_are_read_again()
    {
        using var h = new ProviderHarness();
        for (int i = 0; i < 10; i++)
        {
            h.Set($"k{i}", "v");
        }

        var root = h.Build(o => o.ReloadInterval = ProviderHarness.Interval);
        h.Recording.Reset();
        h.Set("k3", "changed");
        h.Set("k10", "new");

        await h.TickAsync();

        Assert.Equal(["k10", "k3"], h.Recording.RequestedNames.Order(StringComparer.Ordinal));
        Assert.Equal("changed", root["k3"]);
        Assert.Equal("new", root["k10"]);
        Assert.Equal(1, h.ChangeNotifications);
    }

    [Fact]
    public async Task A_new_version_with_the_same_value_is_read_but_fires_no_change()
    {
        using var h = new ProviderHarness();
        h.Set("a", "same");
        h.Build(o => o.ReloadInterval = ProviderHarness.Interval);
        h.Set("a", "same");

        await h.TickAsync();
        await h.TickAsync();

        Assert.Equal(0, h.ChangeNotifications);
        Assert.Equal(2, h.ValueReadCalls); // the startup read and the new version, once
    }

    [Fact]
    public async Task Deleted_disabled_and_expired_secrets_disappear_and_the_token_fires_once_per_change()
    {
        using var h = new ProviderHarness();
        var now = h.Time.GetUtcNow();
        h.Set("stays", "1");
        h.Set("deleted", "2");
        h.Set("disabled", "3");
        h.Set("expires", "4", new SecretWriteOptions { ExpiresOn = now + ProviderHarness.Interval + ProviderHarness.Interval + TimeSpan.FromSeconds(1) });
        var root = h.Build(o =>
        {
            o.ReloadInterval = ProviderHarness.Interval;
            o.ReloadJitter = TimeSpan.Zero;
        });
        Assert.Equal(4, root.AsEnumerable().Count());

        await h.Memory.DeleteSecretAsync("deleted", TestContext.Current.CancellationToken);
        h.Set("disabled", "3", new SecretWriteOptions { Enabled = false });
        await h.TickAsync();

        Assert.Null(root["deleted"]);
        Assert.Null(root["disabled"]);
        Assert.Equal("1", root["stays"]);
        Assert.Equal("4", root["expires"]);
        Assert.Equal(1, h.ChangeNotifications);

        await h.TickAsync();
        Assert.Equal("4", root["expires"]);
        Assert.Equal(1, h.ChangeNotifications);

        await h.TickAsync();
        Assert.Null(root["expires"]);
        Assert.Equal(2, h.ChangeNotifications);
        Assert.Equal(["stays"], root.AsEnumerable().Select(kv => kv.Key));
    }

    [Fact]
    public async Task A_reload_swaps_the_whole_dictionary_so_readers_see_all_old_or_all_new_values()
    {
        using var h = new ProviderHarness();
        h.Set("pair/user", "u1");
        h.Set("pair/password", "p1");
        var root = h.Build(o => o.ReloadInterval = ProviderHarness.Interval);
        var provider = h.Provider;
        var oldData = provider.GetData();
        var oldCopy = oldData.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

        h.Set("pair/user", "u2");
        h.Set("pair/password", "p2");
        await h.TickAsync();

        var newData = provider.GetData();
        Assert.NotSame(oldData, newData);
        Assert.Equal(oldCopy, oldData.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
        Assert.Equal("u2", root["pair:user"]);
        Assert.Equal("p2", root["pair:password"]);
    }

    [Fact]
    public async Task A_failed_reload_does_not_touch_the_data_even_when_part_of_it_was_read()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        h.Set("b", "1");
        var root = h.Build(o => o.ReloadInterval = ProviderHarness.Interval);
        var data = h.Provider.GetData();
        h.Set("a", "2");
        h.Set("b", "2");

        // The listing passes; the reads fail.
        h.ChaosOptions.Operations = ChaosOperations.GetSecrets | ChaosOperations.GetSecret;
        h.ChaosOptions.FailureCode = SecretStoreErrorCode.AccessDenied;
        h.Down();
        await h.TickAsync();

        Assert.Same(data, h.Provider.GetData());
        Assert.Equal("1", root["a"]);
        Assert.Equal("1", root["b"]);
        Assert.Equal("AccessDenied", h.Provider.Status.LastErrorType);
        Assert.Equal(2, h.Recording.GetCallCount(SecretStoreOperations.ListSecrets));

        h.Up();
        await h.TickAsync();
        Assert.Equal(0, h.Provider.Status.ConsecutiveFailures);
        Assert.Equal("2", root["a"]);
        Assert.Equal("2", root["b"]);
    }

    [Fact]
    public async Task IOptionsMonitor_bound_to_the_keys_sees_a_rotated_secret_within_one_reload_interval()
    {
        using var h = new ProviderHarness();
        h.Set("myapp/Database/Password", "before");
        var root = h.Build(o =>
        {
            o.Prefix = "myapp/";
            o.ReloadInterval = ProviderHarness.Interval; // default jitter: each wait is at most the interval
        });
        using var services = new ServiceCollection()
            .Configure<DatabaseOptions>(root.GetSection("Database"))
            .BuildServiceProvider();
        var monitor = services.GetRequiredService<IOptionsMonitor<DatabaseOptions>>();
        var seen = new List<string?>();
        using var subscription = monitor.OnChange(o => seen.Add(o.Password));
        Assert.Equal("before", monitor.CurrentValue.Password);

        h.Set("myapp/Database/Password", "rotated");
        await h.TickAsync(ProviderHarness.Interval);

        Assert.Equal("rotated", monitor.CurrentValue.Password);
        Assert.Equal(["rotated"], seen);
    }

    [Fact]
    public async Task Reload_waits_are_shortened_by_a_random_jitter_never_lengthened()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        h.Build(o =>
        {
            o.ReloadInterval = TimeSpan.FromMinutes(10);
            o.ReloadJitter = TimeSpan.FromMinutes(5);
        });

        for (int i = 0; i < 20; i++)
        {
            long lists = h.Recording.GetCallCount(SecretStoreOperations.ListSecrets);
            h.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
            Assert.Equal(lists, h.Recording.GetCallCount(SecretStoreOperations.ListSecrets));
            await h.TickAsync(TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1));
            Assert.Equal(lists + 1, h.Recording.GetCallCount(SecretStoreOperations.ListSecrets));
        }
    }

    [Fact]
    public async Task Disposal_stops_every_background_call()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        var root = h.Build(o => o.ReloadInterval = ProviderHarness.Interval);
        await h.TickAsync();
        long calls = h.Recording.TotalCallCount;

        ((IDisposable)root).Dispose();
        for (int i = 0; i < 10; i++)
        {
            h.Time.Advance(ProviderHarness.Interval);
        }

        Assert.Equal(calls, h.Recording.TotalCallCount);
        Assert.Throws<ObjectDisposedException>(() => h.Provider.Load());
        Assert.False(await h.Provider.ReloadAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Disposal_during_a_reload_cancels_it_and_no_call_starts_afterwards()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        h.Set("b", "1");
        var root = h.Build(o => o.ReloadInterval = ProviderHarness.Interval);
        h.Set("a", "2");
        h.Set("b", "2");
        h.ChaosOptions.Latency = TimeSpan.FromMinutes(1); // every call now waits on the fake clock

        h.Time.Advance(ProviderHarness.Interval);
        var tick = h.Provider.CurrentTick;
        ((IDisposable)root).Dispose();
        long calls = h.Recording.TotalCallCount;
        await tick;
        for (int i = 0; i < 10; i++)
        {
            h.Time.Advance(ProviderHarness.Interval);
        }

        Assert.True(tick.IsCompletedSuccessfully);
        Assert.Equal(calls, h.Recording.TotalCallCount);
        Assert.Equal("1", h.Provider.GetData()["a"]);
        Assert.Empty(h.Warnings("ReloadFailed"));
    }

    [Fact]
    public async Task A_change_callback_that_throws_does_not_escape_the_timer()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        var root = h.Build(o => o.ReloadInterval = ProviderHarness.Interval);
        using var subscription = root.GetReloadToken().RegisterChangeCallback(_ => throw new InvalidOperationException("callback"), null);
        h.Set("a", "2");

        await h.TickAsync();
        h.Set("a", "3");
        await h.TickAsync();

        Assert.Equal("3", root["a"]);
        Assert.Single(h.Logs.Records, r => r.EventId.Name == "CallbackFailed" && r.Level == LogLevel.Warning);
    }

    private sealed class DatabaseOptions
    {
        public string? Password { get; set; }
    }
}

internal static class ProviderTestExtensions
{
    /// <summary>The provider's current data dictionary (the one readers use).</summary>
    public static IDictionary<string, string?> GetData(this SecretStoreConfigurationProvider provider) =>
        (IDictionary<string, string?>)typeof(ConfigurationProvider)
            .GetProperty("Data", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
            .GetValue(provider)!;
}

public sealed class ChangeDetectionTests
{
    [Fact]
    public async Task Without_a_change_probe_explicit_names_are_read_on_every_reload_but_only_a_real_change_notifies()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        var store = new NoProbeStore(h.Recording);
        var root = h.Build(
            o =>
            {
                o.SecretNames.Add("a");
                o.ReloadInterval = ProviderHarness.Interval;
            },
            store);

        for (int i = 0; i < 5; i++)
        {
            await h.TickAsync();
        }

        Assert.Equal(6, h.ValueReadCalls);
        Assert.Equal(0, h.ChangeNotifications);

        h.Set("a", "2");
        await h.TickAsync();
        Assert.Equal("2", root["a"]);
        Assert.Equal(1, h.ChangeNotifications);
    }

    [Fact]
    public async Task A_listing_without_versions_is_completed_by_the_change_probe_so_unchanged_secrets_are_not_read_again()
    {
        using var h = new ProviderHarness();
        h.Set("app/a", "1");
        h.Set("app/b", "1");
        var store = new NamesOnlyListingStore(h.Recording);
        var root = h.Build(
            o =>
            {
                o.Prefix = "app/";
                o.ReloadInterval = ProviderHarness.Interval;
            },
            store);
        long readsAfterStartup = h.ValueReadCalls;

        for (int i = 0; i < 10; i++)
        {
            await h.TickAsync();
        }

        Assert.Equal(readsAfterStartup, h.ValueReadCalls);
        Assert.Equal(0, h.ChangeNotifications);

        h.Set("app/b", "2");
        await h.Memory.DeleteSecretAsync("app/a", TestContext.Current.CancellationToken);
        await h.TickAsync();

        Assert.Equal("2", root["b"]);
        Assert.Null(root["a"]);
        Assert.Equal(1, h.ChangeNotifications);
        Assert.Equal(readsAfterStartup + 1, h.ValueReadCalls);
    }

    [Fact]
    public async Task A_read_that_returns_an_older_version_than_the_listing_is_read_again_on_the_next_reload()
    {
        using var h = new ProviderHarness();
        h.Set("app/a", "1");
        var store = new StaleOnceStore(h.Recording);
        var root = h.Build(
            o =>
            {
                o.Prefix = "app/";
                o.ReloadInterval = ProviderHarness.Interval;
            },
            store);

        store.ServeNextReadFrom = await h.Memory.GetRequiredSecretAsync("app/a", cancellationToken: TestContext.Current.CancellationToken);
        h.Set("app/a", "2");
        await h.TickAsync(); // listed as version 2, but the read (a cache behind) still answers version 1
        Assert.Equal("1", root["a"]);

        await h.TickAsync();

        Assert.Equal("2", root["a"]);
    }

    /// <summary>Answers one read with a secret saved earlier, as a cache that has not refreshed yet does.</summary>
    private sealed class StaleOnceStore(ISecretStore inner) : DelegatingSecretStore(inner)
    {
        public Secret? ServeNextReadFrom { get; set; }

        public override async ValueTask<IReadOnlyList<SecretResult>> GetSecretsAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken = default)
        {
            var results = await base.GetSecretsAsync(requests, cancellationToken);
            if (ServeNextReadFrom is not { } stale)
            {
                return results;
            }

            ServeNextReadFrom = null;
            return [.. results.Select(r => r.Request.Name == stale.Name ? SecretResult.Found(r.Request, stale) : r)];
        }
    }

    /// <summary>Hides the inner store's change probe.</summary>
    private sealed class NoProbeStore(ISecretStore inner) : DelegatingSecretStore(inner)
    {
        public override object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ISecretChangeProbe) ? null : base.GetService(serviceType, serviceKey);
    }

    /// <summary>Lists names only, as Vault does (no version, no update time); the probe still tells them.</summary>
    private sealed class NamesOnlyListingStore(ISecretStore inner) : DelegatingSecretStore(inner)
    {
        public override async IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var properties in base.ListSecretsAsync(prefix, cancellationToken))
            {
                yield return new SecretProperties(properties.Name);
            }
        }
    }
}

public sealed class DisposalFromCallbacksTests
{
    [Fact(Timeout = 60_000)] // a guard only: a deadlock would otherwise hang the run
    public async Task Disposing_the_configuration_from_OnLoadException_during_a_reload_does_not_deadlock()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        IConfigurationRoot? root = null;
        root = h.Build(
            o =>
            {
                o.ReloadInterval = ProviderHarness.Interval;
                o.OnLoadException = context =>
                {
                    if (context.IsReload)
                    {
                        ((IDisposable)root!).Dispose();
                    }
                };
            },
            new AsynchronousListingStore(h.Recording));
        h.Down();

        await h.TickAsync();
        long calls = h.Recording.TotalCallCount;
        h.Time.Advance(ProviderHarness.Interval * 3);

        Assert.Equal(calls, h.Recording.TotalCallCount);
    }

    [Fact(Timeout = 60_000)]
    public async Task Disposing_the_configuration_from_a_change_callback_does_not_deadlock()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        var root = h.Build(o => o.ReloadInterval = ProviderHarness.Interval, new AsynchronousListingStore(h.Recording));
        using var subscription = root.GetReloadToken().RegisterChangeCallback(_ => ((IDisposable)root).Dispose(), null);
        h.Set("a", "2");

        await h.TickAsync();
        long calls = h.Recording.TotalCallCount;
        h.Time.Advance(ProviderHarness.Interval * 3);

        Assert.Equal("2", h.Provider.GetData()["a"]);
        Assert.Equal(calls, h.Recording.TotalCallCount);
    }

    /// <summary>Makes every listing complete asynchronously, so a reload runs as a real tick task (not inline in the
    /// timer callback), as it does against a real backend.</summary>
    private sealed class AsynchronousListingStore(ISecretStore inner) : DelegatingSecretStore(inner)
    {
        public override async IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            await foreach (var properties in base.ListSecretsAsync(prefix, cancellationToken))
            {
                yield return properties;
            }
        }
    }
}
