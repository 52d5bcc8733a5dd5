namespace SecretsAbstractions.Cli.Tests;

public sealed class ExitCodeTests
{
    [Theory]
    [InlineData(SecretStoreErrorCode.NotFound, 3)]
    [InlineData(SecretStoreErrorCode.AccessDenied, 4)]
    [InlineData(SecretStoreErrorCode.Unauthenticated, 4)]
    [InlineData(SecretStoreErrorCode.Unavailable, 5)]
    [InlineData(SecretStoreErrorCode.Throttled, 5)]
    [InlineData(SecretStoreErrorCode.Timeout, 5)]
    [InlineData(SecretStoreErrorCode.InvalidName, 2)]
    [InlineData(SecretStoreErrorCode.InvalidRequest, 1)]
    [InlineData(SecretStoreErrorCode.Conflict, 1)]
    [InlineData(SecretStoreErrorCode.Disabled, 1)]
    [InlineData(SecretStoreErrorCode.NotSupported, 1)]
    [InlineData(SecretStoreErrorCode.Unknown, 1)]
    public void Every_error_code_has_its_exit_code(SecretStoreErrorCode errorCode, int exitCode) =>
        Assert.Equal(exitCode, ExitCodes.FromErrorCode(errorCode));

    [Fact]
    public void The_table_covers_every_error_code()
    {
        foreach (var code in Enum.GetValues<SecretStoreErrorCode>())
        {
            Assert.InRange(ExitCodes.FromErrorCode(code), 1, 5);
        }
    }
}
