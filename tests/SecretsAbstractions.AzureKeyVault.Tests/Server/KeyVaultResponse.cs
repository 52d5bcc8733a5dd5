using System.Text.Json.Nodes;

namespace SecretsAbstractions.AzureKeyVault.Tests.Server;

/// <summary>What the test server answers: a status, an optional JSON body and extra headers.</summary>
internal sealed record KeyVaultResponse(int Status, JsonNode? Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static KeyVaultResponse Ok(JsonNode body) => new(200, body);

    /// <summary>Key Vault's error body: <c>{"error":{"code","message","innererror"}}</c> (secrets.json KeyVaultError).</summary>
    public static KeyVaultResponse Error(int status, string code, string message, string? innerCode = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (innerCode is not null)
        {
            error["innererror"] = new JsonObject { ["code"] = innerCode };
        }

        return new(status, new JsonObject { ["error"] = error }, headers);
    }

    // The messages below follow Key Vault's documented codes; where no official text was available
    // (fixtures/azure-keyvault/errors-and-challenge.json says which), the wording is ours.
    public static KeyVaultResponse SecretNotFound(string name) => Error(404, "SecretNotFound",
        $"A secret with (name/id) {name} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182");

    public static KeyVaultResponse DeletedSecretNotFound(string name) => Error(404, "DeletedSecretNotFound", $"Deleted Secret {name} not found");

    public static KeyVaultResponse BadParameter(string message) => Error(400, "BadParameter", message);

    public static KeyVaultResponse Disabled() => Error(403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled");

    public static KeyVaultResponse DeletedConflict(string name) => Error(409, "Conflict",
        $"Secret {name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.");

    public static KeyVaultResponse BeingDeletedConflict(string name) => Error(409, "Conflict", $"Secret {name} is currently being deleted.");
}
