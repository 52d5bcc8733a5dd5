using Microsoft.Extensions.Configuration;
using SecretsAbstractions.Configuration;

namespace SecretsAbstractions.Configuration.Tests.Provider;

/// <summary>A canary value goes through every path that logs or throws; it must never show.</summary>
public sealed class CanaryTests
{
    private const string Canary = ProviderHarness.Canary;

    [Fact]
    public async Task The_canary_value_never_appears_in_logs_exceptions_status_or_health_data()
    {
        using var h = new ProviderHarness();
        h.Set("plain", Canary);
        h.Set("broken-json", "{ \"password\": \"" + Canary + "\"");
        h.Set("a/collide", Canary + "-1");
        h.Time.Advance(TimeSpan.FromSeconds(1));
        h.Set("a--collide", Canary + "-2");
        h.Set("json", "{\"password\":\"" + Canary + "\"}");
        var contexts = new List<SecretStoreLoadExceptionContext>();
        var root = h.Build(o =>
        {
            o.ReloadInterval = ProviderHarness.Interval;
            o.OnLoadException = contexts.Add;
        });
        Assert.Equal(Canary, root["plain"]);
        Assert.Equal(Canary, root["json:password"]);

        // Reload failures, then a recovery with changes (reload logs), then a collision failure.
        h.Down();
        await h.TickAsync();
        h.Up();
        h.Set("plain", Canary + "-rotated");
        await h.TickAsync();

        var strict = new ProviderHarness();
        strict.Set("x/y", Canary);
        strict.Set("X--Y", Canary);
        var thrown = Assert.Throws<SecretStoreException>(() => strict.Build(o => o.CollisionBehavior = SecretKeyCollisionBehavior.Throw));
        var down = new ProviderHarness();
        down.Set("x", Canary);
        down.Down();
        var thrownDown = Assert.Throws<SecretStoreException>(() => down.Build());
        var health = await new SecretStoreConfigurationHealthCheck(root).CheckHealthAsync(new(), TestContext.Current.CancellationToken);

        Assert.NotEmpty(h.Logs.Records);
        Assert.NotEmpty(h.Warnings("UnparsedJson"));
        Assert.NotEmpty(h.Warnings("KeyCollision"));
        Assert.NotEmpty(h.Warnings("ReloadFailed"));
        foreach (var logs in new[] { h.Logs, strict.Logs, down.Logs })
        {
            Assert.Empty(logs.FindContaining(Canary));
        }

        Assert.DoesNotContain(Canary, thrown.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, thrownDown.ToString(), StringComparison.Ordinal);
        Assert.All(contexts, c => Assert.DoesNotContain(Canary, c.Exception.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(Canary, health.Description ?? string.Empty, StringComparison.Ordinal);
        Assert.All(health.Data.Values, v => Assert.DoesNotContain(Canary, v.ToString() ?? string.Empty, StringComparison.Ordinal));
        Assert.DoesNotContain(Canary, h.Provider.ToString(), StringComparison.Ordinal);
        Assert.All(h.Failures.GetMeasurementSnapshot(), m => Assert.All(m.Tags.Values, v => Assert.DoesNotContain(Canary, v?.ToString() ?? string.Empty, StringComparison.Ordinal)));
        Assert.All(h.Loads.GetMeasurementSnapshot(), m => Assert.All(m.Tags.Values, v => Assert.DoesNotContain(Canary, v?.ToString() ?? string.Empty, StringComparison.Ordinal)));
        strict.Dispose();
        down.Dispose();
    }

    [Fact]
    public void A_filter_that_throws_with_a_value_in_its_message_is_not_written_to_the_logs()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");

        var error = Assert.Throws<SecretStoreException>(() => h.Build(o => o.Filter = _ => throw new InvalidOperationException(Canary)));

        Assert.Equal(SecretStoreErrorCode.Unknown, error.ErrorCode);
        Assert.DoesNotContain(Canary, error.Message, StringComparison.Ordinal);
        Assert.Empty(h.Logs.FindContaining(Canary));
        Assert.Single(h.Logs.Records, r => r.EventId.Name == "LoadFailed" && r.Message.Contains("(InvalidOperationException)", StringComparison.Ordinal));
    }
}
