using Microsoft.Extensions.Options;

namespace SecretsAbstractions.Resilience.Tests;

public sealed class OptionsValidationTests
{
    [Fact]
    public void The_defaults_are_those_of_the_standard_resilience_handler()
    {
        var options = new SecretStoreResilienceOptions();

        Assert.Equal(TimeSpan.FromSeconds(30), options.TotalTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), options.AttemptTimeout);
        Assert.Equal(3, options.Retry.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Retry.BaseDelay);
        Assert.True(options.Retry.UseJitter);
        Assert.False(options.Retry.RetryAmbiguousWrites);
        Assert.True(options.CircuitBreaker.Enabled);
        Assert.Equal(0.1, options.CircuitBreaker.FailureRatio);
        Assert.Equal(100, options.CircuitBreaker.MinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(30), options.CircuitBreaker.SamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(5), options.CircuitBreaker.BreakDuration);
        Assert.Null(options.RateLimiter);
        _ = new InMemorySecretStore().AsBuilder().UseResilience(options);
    }

    [Theory]
    [InlineData("TotalTimeout")]
    [InlineData("AttemptTimeout")]
    [InlineData("AttemptTimeout (00:01:00) must not exceed TotalTimeout (00:00:30)")]
    [InlineData("Retry.MaxRetryAttempts (-1)")]
    [InlineData("Retry.BaseDelay")]
    [InlineData("Retry.MaxDelay")]
    [InlineData("CircuitBreaker.FailureRatio (0)")]
    [InlineData("CircuitBreaker.MinimumThroughput (1)")]
    [InlineData("CircuitBreaker.SamplingDuration")]
    [InlineData("CircuitBreaker.BreakDuration")]
    public void Invalid_options_fail_at_composition_naming_the_option(string expected)
    {
        Action<SecretStoreResilienceOptions> configure = expected switch
        {
            "TotalTimeout" => o => o.TotalTimeout = TimeSpan.Zero,
            "AttemptTimeout" => o => o.AttemptTimeout = TimeSpan.FromSeconds(-1),
            "Retry.MaxRetryAttempts (-1)" => o => o.Retry.MaxRetryAttempts = -1,
            "Retry.BaseDelay" => o => o.Retry.BaseDelay = TimeSpan.FromSeconds(-1),
            "Retry.MaxDelay" => o => o.Retry.MaxDelay = TimeSpan.FromSeconds(1),
            "CircuitBreaker.FailureRatio (0)" => o => o.CircuitBreaker.FailureRatio = 0,
            "CircuitBreaker.MinimumThroughput (1)" => o => o.CircuitBreaker.MinimumThroughput = 1,
            "CircuitBreaker.SamplingDuration" => o => o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(15),
            "CircuitBreaker.BreakDuration" => o => o.CircuitBreaker.BreakDuration = TimeSpan.FromMilliseconds(100),
            _ => o => o.AttemptTimeout = TimeSpan.FromMinutes(1),
        };
        var builder = new InMemorySecretStore().AsBuilder();

        var error = Assert.Throws<OptionsValidationException>(() => builder.UseResilience(configure));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_offending_option_is_reported_at_once()
    {
        var builder = new InMemorySecretStore().AsBuilder();

        var error = Assert.Throws<OptionsValidationException>(() => builder.UseResilience(o =>
        {
            o.Retry.MaxRetryAttempts = 1000;
            o.CircuitBreaker.FailureRatio = double.NaN;
        }));

        Assert.Equal(2, error.Failures.Count());
    }

    [Fact]
    public void A_disabled_circuit_breaker_is_not_validated()
    {
        _ = new InMemorySecretStore().AsBuilder().UseResilience(o =>
        {
            o.CircuitBreaker.Enabled = false;
            o.CircuitBreaker.FailureRatio = 0;
        });
    }

    [Fact]
    public async Task Options_changed_after_composition_are_not_seen()
    {
        var options = new SecretStoreResilienceOptions();
        var builder = new InMemorySecretStore().AsBuilder().UseResilience(options);
        options.Retry.MaxRetryAttempts = -5;

        var store = builder.Build();

        Assert.Null(await store.GetSecretAsync("app/missing", cancellationToken: TestContext.Current.CancellationToken));
    }
}
