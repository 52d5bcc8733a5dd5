using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Configuration.Tests.References;

public sealed class ReferenceReloadTests : ReferenceTest
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_rotated_secret_is_seen_after_one_reload_interval_and_the_token_fires_once()
    {
        await SetAsync("db", "v1");
        var config = Build(Pairs(("Db", "pw=${secret:secret://vault/db}")), o => (o.ReloadInterval, o.ReloadJitter) = (Interval, TimeSpan.Zero));
        var changes = CountChanges(config);

        await SetAsync("db", "v2");
        Time.Advance(Interval - TimeSpan.FromSeconds(1));
        await ProviderOf(config).WhenIdle;
        Assert.Equal("pw=v1", config["Db"]);

        Time.Advance(TimeSpan.FromSeconds(1));
        await ProviderOf(config).WhenIdle;
        Assert.Equal("pw=v2", config["Db"]);
        Assert.Equal(1, changes());
    }

    [Fact]
    public async Task IOptionsMonitor_bound_to_a_referenced_value_sees_a_rotation_within_one_interval()
    {
        await SetAsync("db", """{"password":"first"}""");
        var config = Build(Pairs(("Db:Host", "h"), ("Db:Password", "${secret:secret://vault/db#password}")), o => (o.ReloadInterval, o.ReloadJitter) = (Interval, TimeSpan.Zero));
        using var services = new ServiceCollection().Configure<DbOptions>(config.GetSection("Db")).BuildServiceProvider();
        var monitor = services.GetRequiredService<IOptionsMonitor<DbOptions>>();
        var seen = new List<string>();
        using var subscription = monitor.OnChange(o => seen.Add(o.Password));
        Assert.Equal("first", monitor.CurrentValue.Password);

        await SetAsync("db", """{"password":"second"}""");
        Time.Advance(Interval);
        await ProviderOf(config).WhenIdle;

        Assert.Equal("second", monitor.CurrentValue.Password);
        Assert.Equal(["second"], seen);
    }

    [Fact]
    public async Task Reloads_that_change_nothing_fire_no_change_notification()
    {
        await SetAsync("db", "v1");
        var config = Build(Pairs(("Db", "${secret:secret://vault/db}")), o => (o.ReloadInterval, o.ReloadJitter) = (Interval, TimeSpan.Zero));
        var changes = CountChanges(config);

        for (int i = 0; i < 100; i++)
        {
            Time.Advance(Interval);
            await ProviderOf(config).WhenIdle;
        }

        Assert.Equal(0, changes());
        Assert.Single(Recording.RequestedNames);
    }

    [Fact]
    public async Task Without_a_change_probe_every_reload_reads_the_value_again()
    {
        await SetAsync("db", "v1");
        Stores["noprobe"] = new RecordingSecretStore(new ProbeHidingStore(Backend));
        var config = Build(Pairs(("Db", "${secret:secret://noprobe/db}")), o => (o.ReloadInterval, o.ReloadJitter) = (Interval, TimeSpan.Zero));
        var changes = CountChanges(config);

        for (int i = 0; i < 3; i++)
        {
            Time.Advance(Interval);
            await ProviderOf(config).WhenIdle;
        }

        Assert.Equal(4, ((RecordingSecretStore)Stores["noprobe"]).RequestedNames.Count);
        Assert.Equal(0, changes());
    }

    [Fact]
    public async Task A_failing_change_probe_means_the_secret_is_read()
    {
        await SetAsync("db", "v1");
        var store = new RecordingSecretStore(new FailingProbeStore(Backend));
        Stores["probe-down"] = store;
        var config = Build(Pairs(("Db", "${secret:secret://probe-down/db}")), o => (o.ReloadInterval, o.ReloadJitter) = (Interval, TimeSpan.Zero));

        await SetAsync("db", "v2");
        Time.Advance(Interval);
        await ProviderOf(config).WhenIdle;

        Assert.Equal("v2", config["Db"]);
        Assert.Equal(2, store.RequestedNames.Count);
        Assert.DoesNotContain(Logs.Records, r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_secret_deleted_since_the_last_load_keeps_its_last_good_value_and_warns()
    {
        await SetAsync("db", "v1");
        var config = Build(Pairs(("Db", "${secret:secret://vault/db}")), o => (o.ReloadInterval, o.ReloadJitter) = (Interval, TimeSpan.Zero));

        await Backend.DeleteSecretAsync("db", Ct);
        Time.Advance(Interval);
        await ProviderOf(config).WhenIdle;

        Assert.Equal("v1", config["Db"]);
        var warning = Assert.Single(Logs.Records, r => r.Level == LogLevel.Warning);
        Assert.Contains("does not exist in store 'vault'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pinned_version_is_read_again_on_each_reload_because_probes_describe_only_the_latest()
    {
        await SetAsync("db", "v1");
        await SetAsync("db", "v2");
        var config = Build(Pairs(("Db", "${secret:secret://vault/db?version=1}")), o => (o.ReloadInterval, o.ReloadJitter) = (Interval, TimeSpan.Zero));

        Time.Advance(Interval);
        await ProviderOf(config).WhenIdle;

        Assert.Equal("v1", config["Db"]);
        Assert.Equal(2, Recording.RequestedNames.Count);
    }

    [Fact]
    public async Task The_reload_delay_stays_within_the_interval_plus_its_jitter()
    {
        await SetAsync("db", "v1");
        var config = Build(Pairs(("Db", "${secret:secret://vault/db}")), o => (o.ReloadInterval, o.ReloadJitter) = (Interval, TimeSpan.FromMinutes(1)));
        await SetAsync("db", "v2");

        Time.Advance(Interval - TimeSpan.FromTicks(1));
        await ProviderOf(config).WhenIdle;
        Assert.Equal("v1", config["Db"]);

        Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromTicks(1));
        await ProviderOf(config).WhenIdle;
        Assert.Equal("v2", config["Db"]);
    }

    [Fact]
    public async Task A_reload_of_an_inner_provider_resolves_again_and_serves_its_new_keys()
    {
        await SetAsync("a", "A");
        await SetAsync("b", "B");
        var source = new MutableSource(("Key", "${secret:secret://vault/a}"));
        var config = Build(builder => builder.Add(source));
        var changes = CountChanges(config);

        source.Provider.SetAndReload(("Key", "${secret:secret://vault/b}"), ("New", "plain"));
        await ProviderOf(config).WhenIdle;

        Assert.Equal("B", config["Key"]);
        Assert.Equal("plain", config["New"]);
        Assert.Equal(1, changes());
    }

    [Fact]
    public async Task An_inner_reload_that_changes_nothing_resolved_fires_no_notification()
    {
        await SetAsync("a", "A");
        var source = new MutableSource(("Key", "${secret:secret://vault/a}"));
        var config = Build(builder => builder.Add(source));
        var changes = CountChanges(config);

        source.Provider.SetAndReload(("Key", "${secret:secret://vault/a}"));
        await ProviderOf(config).WhenIdle;

        Assert.Equal(0, changes());
    }

    [Fact]
    public async Task An_explicit_Reload_resolves_again_synchronously()
    {
        await SetAsync("a", "A1");
        var config = Build(Pairs(("Key", "${secret:secret://vault/a}")));
        var changes = CountChanges(config);

        await SetAsync("a", "A2");
        config.Reload();

        Assert.Equal("A2", config["Key"]);
        Assert.Equal(1, changes());
    }

    [Fact]
    public async Task An_explicit_Reload_with_the_store_down_keeps_the_last_good_values_and_does_not_throw()
    {
        await SetAsync("db", "v1");
        var chaos = new ChaosSecretStore(new ProbeHidingStore(Backend), new ChaosSecretStoreOptions { FailureRate = 0 });
        Stores["flaky"] = chaos;
        var config = Build(Pairs(("Db", "${secret:secret://flaky/db}")));

        chaos.Options.FailureRate = 1;
        config.Reload();

        Assert.Equal("v1", config["Db"]);
        Assert.Contains(Logs.Records, r => r.Level == LogLevel.Warning && r.Message.Contains("its last good value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_outage_keeps_the_last_good_values_logs_without_values_and_recovers()
    {
        await SetAsync("db", $$"""{"password":"{{Canary}}"}""");
        // The chaos store fails reads, not the in-memory store's change probe: hide the probe, as a real outage fails both.
        var chaos = new ChaosSecretStore(new ProbeHidingStore(Backend), new ChaosSecretStoreOptions { FailureRate = 0 });
        Stores["flaky"] = chaos;
        var config = Build(Pairs(("Db", "pw=${secret:secret://flaky/db#password}")), o => (o.ReloadInterval, o.ReloadJitter) = (Interval, TimeSpan.Zero));
        var changes = CountChanges(config);

        chaos.Options.FailureRate = 1;
        for (int tick = 0; tick < 10; tick++)
        {
            Time.Advance(Interval);
            await ProviderOf(config).WhenIdle;
            Assert.Equal("pw=" + Canary, config["Db"]);
        }

        var warnings = Logs.Records.Where(r => r.Level == LogLevel.Warning).ToList();
        Assert.Equal(10, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("its last good value", w.Message, StringComparison.Ordinal));
        Assert.Equal(0, changes());

        chaos.Options.FailureRate = 0;
        await SetAsync("db", """{"password":"rotated"}""");
        Time.Advance(Interval);
        await ProviderOf(config).WhenIdle;

        Assert.Equal("pw=rotated", config["Db"]);
        Assert.Equal(1, changes());
        AssertNoCanary();
    }

    [Fact]
    public async Task A_change_listener_that_throws_never_escapes_the_timer()
    {
        await SetAsync("db", "v1");
        var config = Build(Pairs(("Db", "${secret:secret://vault/db}")), o => (o.ReloadInterval, o.ReloadJitter) = (Interval, TimeSpan.Zero));
        config.GetReloadToken().RegisterChangeCallback(_ => throw new InvalidOperationException("listener"), null);

        await SetAsync("db", "v2");
        Time.Advance(Interval);
        await ProviderOf(config).WhenIdle;

        Assert.Equal("v2", config["Db"]);
        Assert.Contains(Logs.Records, r => r.Level == LogLevel.Warning && r.EventId.Name == "ChangeListenerFailed" && r.Message.Contains("System.InvalidOperationException", StringComparison.Ordinal));

        await SetAsync("db", "v3");
        Time.Advance(Interval);
        await ProviderOf(config).WhenIdle;
        Assert.Equal("v3", config["Db"]);
    }

    [Fact]
    public async Task Disposing_the_configuration_stops_the_timer_and_inner_reloads()
    {
        await SetAsync("db", "v1");
        var source = new MutableSource(("Db", "${secret:secret://vault/db}"));
        var config = Build(builder => builder.Add(source), o => (o.ReloadInterval, o.ReloadJitter) = (Interval, TimeSpan.Zero));
        var provider = ProviderOf(config);
        Recording.Reset();

        ((IDisposable)config).Dispose();
        Time.Advance(Interval * 3);
        source.Provider.SetAndReload(("Db", "${secret:secret://vault/db}"));
        await provider.WhenIdle;

        Assert.Equal(0, Recording.TotalCallCount);
        Assert.True(source.Provider.Disposed);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_first_load_does_not_deadlock_under_a_single_threaded_synchronization_context()
    {
        await SetAsync("db", "v1");
        Stores["yielding"] = new YieldingStore(Backend);
        var previous = SynchronizationContext.Current;
        var context = new NonPumpingSynchronizationContext();
        IConfigurationRoot config;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            config = Build(Pairs(("Db", "${secret:secret://yielding/db}")));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        Assert.Equal("v1", config["Db"]);
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task At_most_MaxConcurrency_secrets_are_read_at_a_time_from_a_store_without_batch()
    {
        var gated = new GatedStore(Backend);
        Stores["gated"] = gated;
        for (int i = 0; i < 6; i++)
        {
            await SetAsync($"s{i}", $"v{i}");
        }

        var values = Enumerable.Range(0, 6).Select(i => ($"K{i}", (string?)$"${{secret:secret://gated/s{i}}}")).ToArray();
        var building = Task.Run(() => Build(Pairs(values), o => o.MaxConcurrency = 2), Ct);
        for (int released = 0; released < 6; released++)
        {
            await gated.WaitForInFlightAsync(Math.Min(2, 6 - released), Ct);
            gated.ReleaseOne();
        }

        var config = await building;
        Assert.Equal("v5", config["K5"]);
        Assert.Equal(2, gated.MaxInFlight);
    }

    private sealed class DbOptions
    {
        public string Host { get; set; } = string.Empty;

        public string Password { get; set; } = string.Empty;
    }
}
