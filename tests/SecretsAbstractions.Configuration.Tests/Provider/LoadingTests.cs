using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecretsAbstractions.Configuration;

namespace SecretsAbstractions.Configuration.Tests.Provider;

public sealed class LoadingTests
{
    [Fact]
    public void Explicit_names_are_read_without_listing()
    {
        using var h = new ProviderHarness();
        h.Set("app/a", "1");
        h.Set("app/b", "2");
        h.Set("app/c", "3");

        var root = h.Build(o =>
        {
            o.Prefix = "app/";
            o.SecretNames.Add("app/a");
            o.SecretNames.Add("app/c");
        });

        Assert.Equal("1", root["a"]);
        Assert.Null(root["b"]);
        Assert.Equal("3", root["c"]);
        Assert.Equal(0, h.Recording.GetCallCount(SecretStoreOperations.ListSecrets));
        Assert.Equal(["app/a", "app/c"], h.Recording.RequestedNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_required_source_whose_named_secret_is_missing_fails_naming_the_secret_and_the_store()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");

        var error = Assert.Throws<SecretStoreException>(() => h.Build(o =>
        {
            o.SecretNames.Add("a");
            o.SecretNames.Add("missing/one");
        }));

        Assert.Equal(SecretStoreErrorCode.NotFound, error.ErrorCode);
        Assert.Equal("mem", error.StoreName);
        Assert.Contains("'missing/one'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'mem'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_source_over_an_empty_prefix_fails_and_an_optional_one_starts_empty()
    {
        using var h = new ProviderHarness();
        h.Set("elsewhere/x", "1");

        var error = Assert.Throws<SecretStoreException>(() => h.Build(o => o.Prefix = "app/"));
        Assert.Equal(SecretStoreErrorCode.NotFound, error.ErrorCode);
        Assert.Contains("'app/'", error.Message, StringComparison.Ordinal);

        var root = h.Build(o =>
        {
            o.Prefix = "app/";
            o.Optional = true;
        });
        Assert.Empty(root.AsEnumerable());
    }

    [Fact]
    public void A_required_source_whose_store_is_down_throws_a_store_exception_naming_the_store_with_the_cause_inside()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        h.Down();

        var error = Assert.Throws<SecretStoreException>(() => h.Build());

        Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
        Assert.Equal("mem", error.StoreName);
        Assert.Contains("Could not load configuration from secret store 'mem'", error.Message, StringComparison.Ordinal);
        var inner = Assert.IsType<SecretStoreException>(error.InnerException);
        Assert.Equal(SecretStoreErrorCode.Unavailable, inner.ErrorCode);
        Assert.Single(h.Logs.Records, r => r.Level == LogLevel.Error && r.EventId.Name == "LoadFailed");
        Assert.Equal(1, h.FailureCount);
    }

    [Fact]
    public async Task An_optional_source_whose_store_is_down_starts_empty_with_a_warning_and_recovers_on_reload()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        h.Down();

        var root = h.Build(o =>
        {
            o.Optional = true;
            o.ReloadInterval = ProviderHarness.Interval;
        });

        Assert.Null(root["a"]);
        Assert.Single(h.Warnings("LoadFailedIgnored"));
        Assert.False(h.Provider.Status.HasLoaded);

        h.Up();
        await h.TickAsync();

        Assert.Equal("1", root["a"]);
        Assert.True(h.Provider.Status.HasLoaded);
        Assert.Equal(1, h.ChangeNotifications);
    }

    [Fact]
    public async Task OnLoadException_sees_every_failure_and_can_ignore_one_at_startup()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        h.Down();
        var seen = new List<SecretStoreLoadExceptionContext>();

        var root = h.Build(o =>
        {
            o.ReloadInterval = ProviderHarness.Interval;
            o.ReloadJitter = TimeSpan.Zero;
            o.OnLoadException = context =>
            {
                seen.Add(context);
                context.Ignore = true;
            };
        });
        await h.TickAsync();

        Assert.Null(root["a"]);
        Assert.Equal(2, seen.Count);
        Assert.False(seen[0].IsReload);
        Assert.True(seen[1].IsReload);
        Assert.Same(h.Provider, seen[0].Provider);
        Assert.Equal(SecretStoreErrorCode.Unavailable, Assert.IsType<SecretStoreException>(seen[0].Exception).ErrorCode);
    }

    [Fact]
    public async Task A_required_source_past_its_startup_budget_throws_a_timeout_naming_the_store()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        var hang = new HangingStore(h.Recording);

        var build = Task.Run(() => h.Build(o => o.StartupTimeout = TimeSpan.FromSeconds(10), hang));
        await hang.Called.Task;
        h.Time.Advance(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => build);
        Assert.Equal(SecretStoreErrorCode.Timeout, error.ErrorCode);
        Assert.Equal("mem", error.StoreName);
        Assert.Contains("StartupTimeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("'mem'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_optional_source_past_its_startup_budget_starts_empty_with_a_warning()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        var hang = new HangingStore(h.Recording);

        var build = Task.Run(() => h.Build(
            o =>
            {
                o.StartupTimeout = TimeSpan.FromSeconds(10);
                o.Optional = true;
            },
            hang));
        await hang.Called.Task;
        h.Time.Advance(TimeSpan.FromSeconds(10));
        var root = await build;

        Assert.Empty(root.AsEnumerable());
        var warning = Assert.Single(h.Warnings("LoadFailedIgnored"));
        Assert.Contains("Timeout", warning.Message, StringComparison.Ordinal);
        Assert.Equal("Timeout", h.Provider.Status.LastErrorType);
    }

    [Fact]
    public void Disabled_expired_not_yet_valid_and_filtered_secrets_are_never_read()
    {
        using var h = new ProviderHarness();
        var now = h.Time.GetUtcNow();
        h.Set("ok", "1");
        h.Set("tagged-out", "2", new SecretWriteOptions { Tags = new Dictionary<string, string> { ["config"] = "no" } });
        h.Set("disabled", "3", new SecretWriteOptions { Enabled = false });
        h.Set("expired", "4", new SecretWriteOptions { ExpiresOn = now.AddMinutes(-1) });
        h.Set("future", "5", new SecretWriteOptions { NotBefore = now.AddDays(1) });

        var root = h.Build(o => o.Filter = p => !p.Tags.TryGetValue("config", out var v) || v != "no");

        Assert.Equal("1", root["ok"]);
        Assert.Single(root.AsEnumerable());
        Assert.Equal(["ok"], h.Recording.RequestedNames);
    }

    [Fact]
    public void The_options_are_validated_when_the_source_is_added_with_messages_naming_each_option()
    {
        var builder = new ConfigurationBuilder();
        var store = new InMemorySecretStore();

        var error = Assert.Throws<OptionsValidationException>(() => builder.AddSecretStore(store, o =>
        {
            o.ReloadInterval = TimeSpan.Zero;
            o.MaxConcurrency = 0;
            o.BatchSize = 5000;
            o.StartupTimeout = TimeSpan.FromSeconds(-1);
            o.Prefix = "a//b";
            o.SecretNames.Add("x/../y");
            o.SecretNames.Add("elsewhere");
        }));

        string message = string.Join("\n", error.Failures);
        Assert.Contains("ReloadInterval", message, StringComparison.Ordinal);
        Assert.Contains("MaxConcurrency", message, StringComparison.Ordinal);
        Assert.Contains("BatchSize", message, StringComparison.Ordinal);
        Assert.Contains("StartupTimeout", message, StringComparison.Ordinal);
        Assert.Contains("Prefix", message, StringComparison.Ordinal);
        Assert.Contains("SecretNames[0]", message, StringComparison.Ordinal);
        Assert.Contains("SecretNames[1]", message, StringComparison.Ordinal);
        Assert.Empty(builder.Sources);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(500)]
    public void A_reload_interval_must_be_positive_and_at_least_a_second(int milliseconds)
    {
        var error = Assert.Throws<OptionsValidationException>(() => new ConfigurationBuilder().AddSecretStore(
            new InMemorySecretStore(), o => o.ReloadInterval = TimeSpan.FromMilliseconds(milliseconds)));
        Assert.Contains("ReloadInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jitter_above_half_the_interval_and_duplicate_names_are_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new ConfigurationBuilder().AddSecretStore(new InMemorySecretStore(), o =>
        {
            o.ReloadInterval = TimeSpan.FromMinutes(1);
            o.ReloadJitter = TimeSpan.FromSeconds(31);
            o.SecretNames.Add("a");
            o.SecretNames.Add("a");
        }));
        Assert.Contains("ReloadJitter", error.Message, StringComparison.Ordinal);
        Assert.Contains("more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_needs_exactly_one_store()
    {
        var none = Assert.Throws<InvalidOperationException>(() => new ConfigurationBuilder().AddSecretStore(_ => { }));
        Assert.Contains("none is set", none.Message, StringComparison.Ordinal);
        var two = Assert.Throws<InvalidOperationException>(() => new ConfigurationBuilder().AddSecretStore(s =>
        {
            s.Store = new InMemorySecretStore();
            s.StoreName = "x";
        }));
        Assert.Contains("several are set", two.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_from_a_factory_is_created_per_build_and_disposed_with_the_configuration()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        var created = new List<DisposableStore>();

        var root = new ConfigurationBuilder()
            .AddSecretStore(
                () =>
                {
                    var store = new DisposableStore(h.Memory);
                    created.Add(store);
                    return store;
                },
                h.Configure)
            .Build();

        Assert.Equal("1", root["a"]);
        var single = Assert.Single(created);
        Assert.False(single.Disposed);
        ((IDisposable)root).Dispose();
        Assert.True(single.Disposed);
    }

    [Fact]
    public void A_store_from_a_factory_is_disposed_when_the_required_first_load_fails()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        h.Down();
        DisposableStore? created = null;

        Assert.Throws<SecretStoreException>(() => new ConfigurationBuilder()
            .AddSecretStore(() => created = new DisposableStore(h.Recording), h.Configure)
            .Build());

        Assert.NotNull(created);
        Assert.True(created.Disposed);
    }

    [Fact]
    public void A_store_instance_is_never_disposed_by_the_provider()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        var store = new DisposableStore(h.Memory);

        var root = new ConfigurationBuilder().AddSecretStore(store, h.Configure).Build();
        ((IDisposable)root).Dispose();

        Assert.False(store.Disposed);
    }

    [Fact]
    public void Reload_on_the_root_reloads_the_secrets()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        var root = h.Build();
        h.Set("a", "2");

        root.Reload();

        Assert.Equal("2", root["a"]);
    }

    /// <summary>Passes calls on, except listings and reads, which never end (until cancelled); signals the first call.</summary>
    private sealed class HangingStore(ISecretStore inner) : DelegatingSecretStore(inner)
    {
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Called.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            yield break;
        }
    }

    private sealed class DisposableStore(ISecretStore inner) : DelegatingSecretStore(inner)
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
