using Microsoft.Extensions.Configuration;
using SecretsAbstractions.Configuration;

namespace SecretsAbstractions.Configuration.Tests.Provider;

public sealed class CollisionTests
{
    [Fact]
    public void Keys_that_differ_only_in_case_or_separator_collide_and_the_newest_update_wins_with_a_warning_naming_the_key()
    {
        using var h = new ProviderHarness();
        h.Set("db/password", "older");
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Set("Db--Password", "newer");

        var root = h.Build();

        Assert.Equal("newer", root["db:password"]);
        Assert.Single(root.AsEnumerable(), kv => kv.Value is not null);
        var warning = Assert.Single(h.Warnings("KeyCollision"));
        Assert.Contains("'db:password'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'Db--Password'", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("newer", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("older", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void On_equal_update_times_the_name_that_sorts_first_wins_whatever_the_listing_order()
    {
        foreach (var order in new[] { new[] { "a/key", "A--KEY" }, ["A--KEY", "a/key"] })
        {
            using var h = new ProviderHarness();
            foreach (var name in order)
            {
                h.Set(name, "from " + name);
            }

            var root = h.Build();

            Assert.Equal("from A--KEY", root["a:key"]); // "A--KEY" < "a/key" (ordinal)
        }
    }

    [Fact]
    public void A_json_field_and_a_secret_of_that_name_collide_key_by_key()
    {
        using var h = new ProviderHarness();
        h.Set("db", """{"user":"json-user","password":"json-password"}""");
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Set("db/password", "direct-password");

        var root = h.Build();

        Assert.Equal("json-user", root["db:user"]);
        Assert.Equal("direct-password", root["db:password"]);
        Assert.Single(h.Warnings("KeyCollision"));
    }

    [Fact]
    public async Task A_secret_updated_later_takes_the_key_over_on_reload()
    {
        using var h = new ProviderHarness();
        h.Set("x/y", "first");
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Set("x--y", "second");
        var root = h.Build(o =>
        {
            o.ReloadInterval = ProviderHarness.Interval;
            o.ReloadJitter = TimeSpan.Zero;
        });
        Assert.Equal("second", root["x:y"]);

        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Set("x/y", "third");
        await h.TickAsync();

        Assert.Equal("third", root["x:y"]);
    }

    [Fact]
    public void With_CollisionBehavior_Throw_a_collision_fails_startup_naming_the_key_and_both_secrets()
    {
        using var h = new ProviderHarness();
        h.Set("db/password", "value-one");
        h.Set("DB--PASSWORD", "value-two");

        var error = Assert.Throws<SecretStoreException>(() => h.Build(o => o.CollisionBehavior = SecretKeyCollisionBehavior.Throw));

        Assert.Equal(SecretStoreErrorCode.Conflict, error.ErrorCode);
        Assert.Contains("'db/password'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'DB--PASSWORD'", error.Message, StringComparison.Ordinal);
        Assert.Contains("configuration key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("value-", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_CollisionBehavior_Throw_a_collision_on_reload_keeps_the_last_good_values()
    {
        using var h = new ProviderHarness();
        h.Set("db/password", "one");
        var root = h.Build(o =>
        {
            o.CollisionBehavior = SecretKeyCollisionBehavior.Throw;
            o.ReloadInterval = ProviderHarness.Interval;
        });
        h.Set("DB--PASSWORD", "two");

        await h.TickAsync();

        Assert.Equal("one", root["db:password"]);
        Assert.Equal("Conflict", h.Provider.Status.LastErrorType);
        Assert.Single(h.Warnings("ReloadFailed"));
    }
}
