using System.Text;
using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Testing.Tests.Logging;

public sealed class CapturingLoggerProviderTests
{
    [Fact]
    public void Captures_message_state_values_and_exception_text_at_every_level()
    {
        using var provider = new CapturingLoggerProvider();
        var logger = provider.CreateLogger("Category");

        logger.Log(LogLevel.Trace, new EventId(7, "Seven"), new InvalidOperationException("boom-in-exception"), "Value {Value} for {Count}", "state-value", 3);

        var record = Assert.Single(provider.Records);
        Assert.Equal("Category", record.Category);
        Assert.Equal(LogLevel.Trace, record.Level);
        Assert.Equal(7, record.EventId.Id);
        Assert.Equal("Value state-value for 3", record.Message);
        Assert.Contains(new KeyValuePair<string, string?>("Value", "state-value"), record.State);
        Assert.Contains(new KeyValuePair<string, string?>("Count", "3"), record.State);
        Assert.Contains("boom-in-exception", record.Exception, StringComparison.Ordinal);
        Assert.False(record.IsScope);
        Assert.True(logger.IsEnabled(LogLevel.Trace));
    }

    [Fact]
    public void Finds_text_hidden_in_state_that_the_message_leaves_out()
    {
        using var provider = new CapturingLoggerProvider();
        var logger = provider.CreateLogger("Category");

        logger.Log(LogLevel.Information, default, new Dictionary<string, object?> { ["Hidden"] = "needle-in-state" }, null, (_, _) => "nothing to see");
        logger.LogInformation("Bytes {Bytes}", Encoding.UTF8.GetBytes("needle-in-bytes"));
        logger.LogInformation("Items {Items}", new List<string> { "a", "needle-in-list" });

        Assert.Single(provider.FindContaining("needle-in-state"));
        Assert.Single(provider.FindContaining("needle-in-bytes"));
        Assert.Single(provider.FindContaining("needle-in-list"));
        Assert.Empty(provider.FindContaining("needle-nowhere"));
    }

    [Fact]
    public void Captures_scopes()
    {
        using var provider = new CapturingLoggerProvider();
        var logger = provider.CreateLogger("Category");

        using (logger.BeginScope("Scope {Id}", "needle-in-scope"))
        {
            logger.LogDebug("inside");
        }

        Assert.Equal(2, provider.Records.Count);
        Assert.True(provider.Records[0].IsScope);
        Assert.Single(provider.FindContaining("needle-in-scope"));
    }

    [Fact]
    public void Renders_secret_objects_redacted()
    {
        using var provider = new CapturingLoggerProvider();
        var secret = new Secret(new SecretProperties("a/b"), SecretValue.FromString("needle-secret"));

        provider.CreateLogger("Category").LogInformation("Read {Secret} with {Value}", secret, secret.Value);

        Assert.Empty(provider.FindContaining("needle-secret"));
        Assert.Contains(SecretValue.Redacted, Assert.Single(provider.Records).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_forgets_everything()
    {
        using var provider = new CapturingLoggerProvider();
        provider.CreateLogger("Category").LogWarning("one");

        provider.Clear();

        Assert.Empty(provider.Records);
    }

    [Fact]
    public void Records_from_many_threads_are_all_kept()
    {
        using var provider = new CapturingLoggerProvider();
        var logger = provider.CreateLogger("Category");

        Parallel.For(0, 1000, i => logger.LogInformation("Record {Index}", i));

        Assert.Equal(1000, provider.Records.Count);
    }
}
