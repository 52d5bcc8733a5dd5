using System.Text.Json;

namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>Asks Vault which KV version a mount runs, through <c>sys/internal/ui/mounts/&lt;mount&gt;</c>
/// (the endpoint the <c>vault kv</c> commands use; any token may call it for paths it can access).</summary>
internal static class KvMountDetector
{
    private const string Root = "sys/internal/ui/mounts/";

    public static async Task<VaultKvVersion> DetectAsync(VaultConnection connection, string mount, VaultCallContext context, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(new VaultRequest(HttpMethod.Get, Root + VaultPath.Escape(mount), Root), context, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            var error = VaultErrors.FromResponse(response, context);
            throw error.ErrorCode switch
            {
                SecretStoreErrorCode.NotFound => context.Error(SecretStoreErrorCode.InvalidRequest, $"No KV mount is at '{mount}' (or the token may not see it); set Mount, or KvVersion to skip detection."),
                SecretStoreErrorCode.AccessDenied => context.Error(SecretStoreErrorCode.AccessDenied, error.Message.Split(" (", 2)[0] + $"; the token may not see the mount '{mount}': set KvVersion to V1 or V2 to skip detection."),
                _ => error,
            };
        }

        var info = response.Envelope?.Data is { ValueKind: JsonValueKind.Object } data ? data.Deserialize(VaultJsonContext.Default.VaultMountInfo) : null;
        if (info is null || (info.Type is not ("kv" or "generic")))
        {
            throw context.Error(SecretStoreErrorCode.InvalidRequest, $"The mount '{mount}' is not a KV secrets engine.");
        }

        if (info.Path is { } path && !string.Equals(path.Trim('/'), mount, StringComparison.Ordinal))
        {
            throw context.Error(SecretStoreErrorCode.InvalidRequest, $"'{mount}' is a path inside the mount '{path.Trim('/')}'; set Mount to the mount itself.");
        }

        return info.Options is { } options && options.TryGetValue("version", out string? version) && version == "2" ? VaultKvVersion.V2 : VaultKvVersion.V1;
    }
}
