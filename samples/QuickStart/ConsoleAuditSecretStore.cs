using SecretsAbstractions;

namespace QuickStart;

/// <summary>How to write a decorator: derive from DelegatingSecretStore and override what you need.
/// This one prints which secret was read, never its value.</summary>
internal sealed class ConsoleAuditSecretStore(ISecretStore inner) : DelegatingSecretStore(inner)
{
    public override async ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        var secret = await base.GetSecretAsync(name, version, cancellationToken);
        Console.WriteLine($"  [audit] read '{SecretName.ForDisplay(name)}': {(secret is null ? "not found" : "found")}");
        return secret;
    }
}
