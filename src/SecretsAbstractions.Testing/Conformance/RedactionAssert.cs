using Xunit;

namespace SecretsAbstractions.Testing;

/// <summary>Assertions that a canary value (a unique marker stored as a secret) never shows up where it must not.
/// Failure messages say where the canary leaked; a canary is test data, never a real secret.</summary>
public static class RedactionAssert
{
    /// <summary>Creates a canary unique to this call: <c>CANARY-</c> followed by a new GUID.</summary>
    public static string NewCanary() => "CANARY-" + Guid.NewGuid().ToString("N");

    /// <summary>Fails when <paramref name="canary"/> appears in <paramref name="text"/>.</summary>
    /// <param name="canary">The canary.</param>
    /// <param name="text">The text to check; <see langword="null"/> passes.</param>
    /// <param name="where">Where the text comes from, for the failure message.</param>
    public static void DoesNotContain(string canary, string? text, string where)
    {
        ArgumentException.ThrowIfNullOrEmpty(canary);
        if (text is not null && text.Contains(canary, StringComparison.Ordinal))
        {
            Assert.Fail($"A secret value leaked into {where}.");
        }
    }

    /// <summary>Fails when <paramref name="canary"/> appears in the message or the <see cref="Exception.ToString()"/>
    /// of <paramref name="exception"/> (which includes inner exceptions and stack traces).</summary>
    /// <param name="canary">The canary.</param>
    /// <param name="exception">The exception to check.</param>
    /// <param name="where">Which operation threw it, for the failure message.</param>
    public static void NotInException(string canary, Exception exception, string where)
    {
        ArgumentNullException.ThrowIfNull(exception);
        DoesNotContain(canary, exception.Message, $"the message of the {exception.GetType().Name} thrown by {where}");
        DoesNotContain(canary, exception.ToString(), $"the text of the {exception.GetType().Name} thrown by {where}");
    }

    /// <summary>Fails when <paramref name="canary"/> appears in any captured log record or scope (message,
    /// state values or exception text).</summary>
    /// <param name="canary">The canary.</param>
    /// <param name="logs">The captured logs.</param>
    public static void NotInLogs(string canary, CapturingLoggerProvider logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentException.ThrowIfNullOrEmpty(canary);
        var leaks = logs.FindContaining(canary);
        if (leaks.Count > 0)
        {
            Assert.Fail($"A secret value leaked into {leaks.Count} captured log record(s), first: {leaks[0].Level} {leaks[0].Category} [{leaks[0].EventId}].");
        }
    }
}
