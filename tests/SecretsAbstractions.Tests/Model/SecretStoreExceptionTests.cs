namespace SecretsAbstractions.Tests.Model;

public class SecretStoreExceptionTests
{
    private const string Canary = "canary-51c0a9d2-never-print-me";

    [Fact]
    public void The_message_is_the_reason_then_code_store_operation_and_escaped_name()
    {
        var error = new SecretStoreException(SecretStoreErrorCode.AccessDenied, "Access denied.")
        {
            StoreName = "vault",
            Operation = SecretStoreOperations.GetSecret,
            SecretName = "app/\r\ndb's",
        };

        Assert.Equal("Access denied. (AccessDenied, store 'vault', operation GetSecret, secret 'app/\\u000D\\u000Adb\\u0027s')", error.Message);
    }

    [Fact]
    public void Parts_that_are_not_known_are_left_out()
    {
        Assert.Equal("Failed. (Unavailable)", new SecretStoreException(SecretStoreErrorCode.Unavailable, "Failed.").Message);
        Assert.Equal(
            "Failed. (Timeout, operation ListSecrets)",
            new SecretStoreException(SecretStoreErrorCode.Timeout, "Failed.") { Operation = SecretStoreOperations.ListSecrets }.Message);
    }

    [Fact]
    public void The_message_never_includes_the_inner_exceptions_message()
    {
        var inner = new InvalidOperationException($"backend said: value was {Canary}");
        var error = new SecretStoreException(SecretStoreErrorCode.Unknown, "The backend failed.", inner) { SecretName = "app/db" };

        Assert.Same(inner, error.InnerException);
        Assert.DoesNotContain(Canary, error.Message, StringComparison.Ordinal);
        Assert.Equal("The backend failed. (Unknown, secret 'app/db')", error.Message);
    }

    [Fact]
    public void Standard_constructors_use_Unknown()
    {
        Assert.Equal(SecretStoreErrorCode.Unknown, new SecretStoreException().ErrorCode);
        Assert.Equal("The secret store failed. (Unknown)", new SecretStoreException().Message);
        Assert.Equal("m (Unknown)", new SecretStoreException("m").Message);
        var inner = new TimeoutException();
        var error = new SecretStoreException("m", inner);
        Assert.Equal(SecretStoreErrorCode.Unknown, error.ErrorCode);
        Assert.Same(inner, error.InnerException);
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void Only_throttled_unavailable_and_timeout_are_transient_by_default(SecretStoreErrorCode code)
    {
        bool expected = code is SecretStoreErrorCode.Throttled or SecretStoreErrorCode.Unavailable or SecretStoreErrorCode.Timeout;

        Assert.Equal(expected, SecretStoreException.IsTransientByDefault(code));
        Assert.Equal(expected, new SecretStoreException(code, "m").IsTransient);
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void IsTransient_can_be_set_either_way(SecretStoreErrorCode code)
    {
        Assert.True(new SecretStoreException(code, "m", isTransient: true).IsTransient);
        Assert.False(new SecretStoreException(code, "m", isTransient: false).IsTransient);
    }

    [Fact]
    public void RetryAfter_is_kept()
    {
        var error = new SecretStoreException(SecretStoreErrorCode.Throttled, "Slow down.") { RetryAfter = TimeSpan.FromSeconds(3) };

        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
        Assert.Null(new SecretStoreException().RetryAfter);
    }

    public static TheoryData<SecretStoreErrorCode> AllCodes() => new(Enum.GetValues<SecretStoreErrorCode>());
}
