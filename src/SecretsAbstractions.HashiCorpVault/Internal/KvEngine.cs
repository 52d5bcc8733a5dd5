using System.Globalization;
using System.Text.Json;

namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>The requests of one KV version. Names given here are valid logical names; folders are "" or end with '/'.</summary>
internal abstract class KvEngine(VaultConnection connection, string mount)
{
    protected VaultConnection Connection { get; } = connection;

    /// <summary>The escaped mount, the root every request of this engine stays under.</summary>
    protected string Mount { get; } = VaultPath.Escape(mount);

    protected string Root => Mount + "/";

    public abstract SecretStoreCapabilities Capabilities { get; }

    public abstract Task<Secret?> ReadAsync(string name, SecretVersion version, VaultCallContext context, CancellationToken cancellationToken);

    public abstract Task<SecretProperties> WriteAsync(string name, string text, long? checkAndSet, VaultCallContext context, CancellationToken cancellationToken);

    public abstract Task<bool> DeleteAsync(string name, VaultCallContext context, CancellationToken cancellationToken);

    /// <summary>Deletes <paramref name="path"/> when it exists; <see langword="false"/> when there was nothing there.</summary>
    protected async Task<bool> DeleteIfPresentAsync(string path, VaultCallContext context, CancellationToken cancellationToken)
    {
        var existing = await Connection.SendAsync(new VaultRequest(HttpMethod.Get, path, Root), context, cancellationToken).ConfigureAwait(false);
        if (existing.IsNothingThere)
        {
            return false;
        }

        if (!existing.IsSuccess)
        {
            throw VaultErrors.FromResponse(existing, context);
        }

        var response = await Connection.SendAsync(new VaultRequest(HttpMethod.Delete, path, Root), context, cancellationToken).ConfigureAwait(false);
        return response.IsSuccess ? true : throw VaultErrors.FromResponse(response, context);
    }

    /// <summary>The keys of one folder (sub-folders end with '/'); empty when the folder does not exist.</summary>
    public async Task<IReadOnlyList<string>> ListFolderAsync(string folder, VaultCallContext context, CancellationToken cancellationToken)
    {
        string path = ListPath(folder.Length == 0 ? string.Empty : VaultPath.Escape(folder.TrimEnd('/')) + "/");
        var response = await Connection.SendAsync(new VaultRequest(VaultRequest.List, path, Root), context, cancellationToken).ConfigureAwait(false);
        if (response.IsNothingThere)
        {
            return [];
        }

        if (!response.IsSuccess)
        {
            throw VaultErrors.FromResponse(response, context);
        }

        return response.Envelope?.Data is { ValueKind: JsonValueKind.Object } data
            && data.Deserialize(VaultJsonContext.Default.VaultListData)?.Keys is { } keys ? keys : [];
    }

    protected abstract string ListPath(string escapedFolder);

    protected static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    protected static DateTimeOffset? ParseTime(string? text) =>
        !string.IsNullOrEmpty(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? time : null;

    protected static SecretStoreException Unexpected(VaultCallContext context, string what) =>
        context.Error(SecretStoreErrorCode.Unavailable, $"Vault's answer to {what} lacks the expected members.");
}
