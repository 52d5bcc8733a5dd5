using Microsoft.Extensions.Logging;
using Xunit.Sdk;

namespace SecretsAbstractions.Testing.Tests.Conformance;

public sealed class RedactionAssertTests
{
    [Fact]
    public void Canaries_are_unique_and_recognisable()
    {
        string first = RedactionAssert.NewCanary();

        Assert.StartsWith("CANARY-", first, StringComparison.Ordinal);
        Assert.NotEqual(first, RedactionAssert.NewCanary());
    }

    [Fact]
    public void DoesNotContain_fails_only_when_the_canary_is_present()
    {
        string canary = RedactionAssert.NewCanary();

        RedactionAssert.DoesNotContain(canary, "clean text", "somewhere");
        RedactionAssert.DoesNotContain(canary, null, "somewhere");
        var error = Assert.Throws<FailException>(() => RedactionAssert.DoesNotContain(canary, "prefix " + canary, "the probe"));
        Assert.Contains("the probe", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotInException_looks_into_inner_exceptions()
    {
        string canary = RedactionAssert.NewCanary();
        var clean = new SecretStoreException(SecretStoreErrorCode.Unavailable, "outer");
        var leaky = new SecretStoreException(SecretStoreErrorCode.Unavailable, "outer", new InvalidOperationException("inner " + canary));

        RedactionAssert.NotInException(canary, clean, "a clean operation");
        Assert.Throws<FailException>(() => RedactionAssert.NotInException(canary, leaky, "a leaky operation"));
    }

    [Fact]
    public void NotInLogs_fails_when_any_record_holds_the_canary()
    {
        string canary = RedactionAssert.NewCanary();
        using var logs = new CapturingLoggerProvider();
        var logger = logs.CreateLogger("Probe");
        logger.LogInformation("Nothing secret");
        RedactionAssert.NotInLogs(canary, logs);

        logger.LogDebug("Leaked {Value}", canary);

        var error = Assert.Throws<FailException>(() => RedactionAssert.NotInLogs(canary, logs));
        Assert.DoesNotContain(canary, error.Message, StringComparison.Ordinal);
    }
}
