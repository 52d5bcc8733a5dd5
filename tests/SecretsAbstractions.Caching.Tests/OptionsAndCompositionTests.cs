using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace SecretsAbstractions.Caching.Tests;

public sealed class OptionsAndCompositionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, Action<SecretCacheOptions>> InvalidOptions => new()
    {
        { "TimeToLive", o => o.TimeToLive = TimeSpan.Zero },
        { "TimeToLive", o => o.TimeToLive = TimeSpan.FromDays(366) },
        { "TimeToLiveJitter", o => o.TimeToLiveJitter = TimeSpan.FromMinutes(6) },
        { "TimeToLiveJitter", o => o.TimeToLiveJitter = TimeSpan.FromSeconds(-1) },
        { "RefreshAheadThreshold", o => o.RefreshAheadThreshold = 1 },
        { "RefreshAheadThreshold", o => o.RefreshAheadThreshold = double.NaN },
        { "MaxStaleness", o => o.MaxStaleness = TimeSpan.FromSeconds(-1) },
        { "FailSafeRetryInterval", o => o.FailSafeRetryInterval = TimeSpan.Zero },
        { "NegativeTimeToLive", o => o.NegativeTimeToLive = TimeSpan.FromSeconds(-1) },
        { "MaxEntries", o => o.MaxEntries = 0 },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_fail_when_the_chain_is_composed_with_a_message_naming_the_option(string option, Action<SecretCacheOptions> configure)
    {
        var builder = new SecretStoreBuilder(new InMemorySecretStore());

        var error = Assert.Throws<OptionsValidationException>(() => builder.UseCaching(configure));

        Assert.Contains("SecretCacheOptions." + option + " ", error.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => new CachingSecretStore(new InMemorySecretStore(), Configured(configure)));
    }

    [Fact]
    public async Task Options_come_from_configuration_and_unknown_keys_are_errors()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cache:TimeToLive"] = "00:00:10",
            ["Cache:TimeToLiveJitter"] = "00:00:00",
            ["Cache:MaxStaleness"] = "00:00:00",
            ["Bad:TimeToLve"] = "00:00:10",
            ["Invalid:MaxEntries"] = "0",
        }).Build();
        var time = new FakeTimeProvider();
        var inner = new RecordingSecretStore(new InMemorySecretStore());
        await inner.SetSecretAsync("app/key", "value", cancellationToken: Ct);
        var store = new SecretStoreBuilder(inner).UseCaching(configuration.GetSection("Cache")).Build(new ServiceCollection().AddSingleton<TimeProvider>(time).BuildServiceProvider());

        await store.GetSecretAsync("app/key", cancellationToken: Ct);
        await inner.SetSecretAsync("app/key", "rotated", cancellationToken: Ct); // behind the cache's back
        time.Advance(TimeSpan.FromSeconds(10));
        var reread = await store.GetRequiredSecretAsync("app/key", cancellationToken: Ct);

        Assert.Equal("rotated", reread.Value.RevealString());
        Assert.Equal(2, inner.CallCounts[SecretStoreOperations.GetSecret]);
        var unknown = Assert.Throws<InvalidOperationException>(() => new SecretStoreBuilder(inner).UseCaching(configuration.GetSection("Bad")));
        Assert.Contains("TimeToLve", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => new SecretStoreBuilder(inner).UseCaching(configuration.GetSection("Invalid")));
    }

    [Fact]
    public void The_cache_is_found_through_outer_decorators_as_a_staleness_source_and_by_type()
    {
        var chain = new SecretStoreBuilder(new InMemorySecretStore()).Use(inner => new RecordingSecretStore(inner)).UseCaching().Build();

        var cache = chain.GetService<CachingSecretStore>();

        Assert.NotNull(cache);
        Assert.Same(cache, chain.GetService<ISecretStoreStalenessSource>());
        Assert.Equal(SecretStoreStaleness.None, cache.GetStaleness());
    }

    [Fact]
    public void The_defaults_are_valid_and_documented_values()
    {
        var options = new SecretCacheOptions();

        Assert.Equal(TimeSpan.FromMinutes(5), options.TimeToLive);
        Assert.Equal(0.8, options.RefreshAheadThreshold);
        Assert.Equal(TimeSpan.FromHours(1), options.MaxStaleness);
        Assert.Null(options.TimeToLiveJitter);
        using var store = new CachingSecretStore(new InMemorySecretStore(), options);
        Assert.Equal(0, store.GetStatistics().EntryCount);
    }

    [Fact]
    public async Task UseCaching_in_DI_takes_the_registered_TimeProvider_and_is_found_with_GetService()
    {
        var time = new FakeTimeProvider();
        var inner = new RecordingSecretStore(new InMemorySecretStore());
        await inner.SetSecretAsync("app/key", "value", cancellationToken: Ct);
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time);
        services.AddSecretStore(inner).UseCaching(o =>
        {
            o.TimeToLiveJitter = TimeSpan.Zero;
            o.RefreshAheadThreshold = null;
        });
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<ISecretStore>();

        await store.GetSecretAsync("app/key", cancellationToken: Ct);
        await inner.SetSecretAsync("app/key", "rotated", cancellationToken: Ct); // behind the cache's back
        time.Advance(TimeSpan.FromMinutes(3));
        await store.GetSecretAsync("app/key", cancellationToken: Ct);
        Assert.Equal(1, inner.CallCounts[SecretStoreOperations.GetSecret]);
        time.Advance(TimeSpan.FromMinutes(2));
        await store.GetSecretAsync("app/key", cancellationToken: Ct);

        Assert.Equal(2, inner.CallCounts[SecretStoreOperations.GetSecret]);
        var cache = store.GetService<CachingSecretStore>();
        Assert.NotNull(cache);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(5), cache.GetEntryInfo("app/key")!.Value.ExpiresAt);
    }

    [Fact]
    public async Task Jitter_spreads_expiry_within_its_bound()
    {
        var time = new FakeTimeProvider();
        var inner = new InMemorySecretStore();
        var options = new SecretCacheOptions { TimeToLive = TimeSpan.FromMinutes(1), TimeToLiveJitter = TimeSpan.FromSeconds(30) };
        using var store = new CachingSecretStore(inner, options, time);
        var names = Enumerable.Range(0, 50).Select(i => "app/s" + i).ToList();
        foreach (string name in names)
        {
            await inner.SetSecretAsync(name, "v", cancellationToken: Ct);
            await store.GetSecretAsync(name, cancellationToken: Ct);
        }

        var lives = names.Select(name => store.GetEntryInfo(name)!.Value).Select(info => info.ExpiresAt - info.LoadedAt).ToList();

        Assert.All(lives, life => Assert.InRange(life, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(90)));
        Assert.True(lives.Distinct().Count() > 1, "Jitter gave every entry the same life.");
    }

    [Fact]
    public async Task Default_jitter_is_a_tenth_of_the_time_to_live()
    {
        var time = new FakeTimeProvider();
        var inner = new InMemorySecretStore();
        using var store = new CachingSecretStore(inner, new SecretCacheOptions { TimeToLive = TimeSpan.FromSeconds(100) }, time);
        var names = Enumerable.Range(0, 50).Select(i => "app/s" + i).ToList();
        foreach (string name in names)
        {
            await inner.SetSecretAsync(name, "v", cancellationToken: Ct);
            await store.GetSecretAsync(name, cancellationToken: Ct);
        }

        var lives = names.Select(name => store.GetEntryInfo(name)!.Value).Select(info => info.ExpiresAt - info.LoadedAt).ToList();

        Assert.All(lives, life => Assert.InRange(life, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(110)));
        Assert.True(lives.Distinct().Count() > 1, "Jitter gave every entry the same life.");
    }

    private static SecretCacheOptions Configured(Action<SecretCacheOptions> configure)
    {
        var options = new SecretCacheOptions();
        configure(options);
        return options;
    }
}
