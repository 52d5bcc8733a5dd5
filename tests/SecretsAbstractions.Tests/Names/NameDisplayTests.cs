namespace SecretsAbstractions.Tests.Names;

public class NameDisplayTests
{
    private const string Forged = "a\nINFO forged log line";

    [Fact]
    public void Names_printed_by_models_and_errors_cannot_break_a_log_line()
    {
        var secret = new Secret(new SecretProperties(Forged), SecretValue.FromString("v"));
        var failed = SecretResult.Failed(Forged, new SecretStoreException(SecretStoreErrorCode.AccessDenied, "denied"));
        var error = new SecretStoreException(SecretStoreErrorCode.Unavailable, "down") { StoreName = Forged, SecretName = Forged };

        Assert.All(new[] { secret.ToString(), failed.ToString(), error.Message }, text => Assert.DoesNotContain('\n', text));
    }
}
