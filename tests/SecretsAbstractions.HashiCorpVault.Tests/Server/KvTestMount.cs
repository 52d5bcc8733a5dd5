using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecretsAbstractions.HashiCorpVault.Tests.Server;

/// <summary>A KV mount of the test server.</summary>
internal abstract class KvTestMount(string path)
{
    public string Path { get; } = path;

    public abstract int Version { get; }

    /// <summary>Handles a request whose path inside the mount is <paramref name="segments"/>.</summary>
    public abstract VaultTestReply Handle(VaultTestRequest request, IReadOnlyList<string> segments, DateTimeOffset now);

    /// <summary>The direct children of <paramref name="folder"/> ("" or ending with '/') among <paramref name="names"/>:
    /// names, and folders ending with '/'.</summary>
    protected static VaultTestReply ListFolder(IEnumerable<string> names, string folder)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (name.StartsWith(folder, StringComparison.Ordinal) && name.Length > folder.Length)
            {
                string rest = name[folder.Length..];
                int slash = rest.IndexOf('/', StringComparison.Ordinal);
                keys.Add(slash < 0 ? rest : rest[..(slash + 1)]);
            }
        }

        return keys.Count == 0
            ? VaultTestReply.NothingThere()
            : new VaultTestReply(200, VaultJsonNodes.Envelope(new JsonObject { ["keys"] = new JsonArray([.. keys.Select(k => (JsonNode?)k)]) }));
    }

    /// <summary>The folder a LIST path names: "" for the mount, else the path with a trailing '/'.</summary>
    protected static string Folder(IReadOnlyList<string> segments) =>
        segments.Count == 0 || (segments.Count == 1 && segments[0].Length == 0) ? string.Empty : string.Join('/', segments.Where(s => s.Length > 0)) + "/";

    protected static bool IsSecretPath(IReadOnlyList<string> segments) => segments.Count > 0 && segments.All(s => s.Length > 0);
}

/// <summary>KV version 1: one data map per path.</summary>
internal sealed class KvV1TestMount(string path) : KvTestMount(path)
{
    private readonly Dictionary<string, JsonElement> _secrets = new(StringComparer.Ordinal);

    public override int Version => 1;

    public override VaultTestReply Handle(VaultTestRequest request, IReadOnlyList<string> segments, DateTimeOffset now)
    {
        if (request.IsList)
        {
            return ListFolder(_secrets.Keys, Folder(segments));
        }

        if (!IsSecretPath(segments))
        {
            return VaultTestReply.Unsupported();
        }

        string key = string.Join('/', segments);
        switch (request.Method)
        {
            case "GET":
                return _secrets.TryGetValue(key, out var data)
                    ? new VaultTestReply(200, VaultJsonNodes.Envelope(VaultJsonNodes.Sorted(data), leaseDuration: 2764800))
                    : VaultTestReply.NothingThere();
            case "POST" or "PUT":
                if (request.Body is not { ValueKind: JsonValueKind.Object } body)
                {
                    return VaultTestReply.Errors(400, "missing data fields");
                }

                _secrets[key] = body.Clone();
                return VaultTestReply.NoContent;
            case "DELETE":
                _secrets.Remove(key);
                return VaultTestReply.NoContent;
            default:
                return VaultTestReply.Unsupported();
        }
    }
}
