using System.Text.Json;

namespace SecretsAbstractions.HashiCorpVault.Tests.Server;

/// <summary>One request as the test server sees it: the path after <c>/v1/</c> split into decoded segments,
/// relative to the namespace it addresses.</summary>
internal sealed class VaultTestRequest
{
    public required string Method { get; init; }

    /// <summary>Decoded segments of the path inside the namespace, such as <c>secret</c>, <c>data</c>, <c>app</c>.</summary>
    public required IReadOnlyList<string> Segments { get; init; }

    public required string Namespace { get; init; }

    public required IReadOnlyDictionary<string, string> Query { get; init; }

    public string? Token { get; init; }

    public string? ContentType { get; init; }

    public JsonElement? Body { get; init; }

    public bool IsList => Method == "LIST" || (Method == "GET" && Query.TryGetValue("list", out string? list) && list == "true");

    public bool IsWrite => Method is "POST" or "PUT";

    public string Path => string.Join('/', Segments);

    /// <summary>The ACL capability the request needs, as Vault names it.</summary>
    public string Capability => IsList ? "list" : Method switch
    {
        "GET" => "read",
        "DELETE" => "delete",
        "PATCH" => "patch",
        _ => "update",
    };
}

/// <summary>The server's answer: a status and an optional JSON body.</summary>
internal sealed record VaultTestReply(int Status, object? Body)
{
    public static VaultTestReply NoContent { get; } = new(204, null);

    public static VaultTestReply Errors(int status, params string[] errors) => new(status, new System.Text.Json.Nodes.JsonObject
    {
        ["errors"] = new System.Text.Json.Nodes.JsonArray([.. errors.Select(e => (System.Text.Json.Nodes.JsonNode?)e)]),
    });

    /// <summary>The message modern Vault gives for a bad token or a policy refusal.</summary>
    public static VaultTestReply PermissionDenied() => Errors(403, "1 error occurred:\n\t* permission denied\n\n");

    public static VaultTestReply NothingThere() => Errors(404);

    public static VaultTestReply Unsupported() => Errors(405, "1 error occurred:\n\t* unsupported operation\n\n");
}
