using System.Text.Json;

namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>KV version 1: one unversioned data map per path, no check-and-set.</summary>
internal sealed class KvV1Engine(VaultConnection connection, string mount) : KvEngine(connection, mount)
{
    public override SecretStoreCapabilities Capabilities => SecretStoreCapabilities.Write;

    public override async Task<Secret?> ReadAsync(string name, SecretVersion version, VaultCallContext context, CancellationToken cancellationToken)
    {
        if (!version.IsLatest)
        {
            throw context.Error(SecretStoreErrorCode.NotSupported, "A KV v1 mount keeps no versions; only the latest value can be read.");
        }

        var response = await Connection.SendAsync(new VaultRequest(HttpMethod.Get, SecretPath(name), Root), context, cancellationToken).ConfigureAwait(false);
        if (response.IsNothingThere)
        {
            return null;
        }

        if (!response.IsSuccess)
        {
            throw VaultErrors.FromResponse(response, context);
        }

        return response.Envelope?.Data is { ValueKind: JsonValueKind.Object } data
            ? new Secret(new SecretProperties(name), SecretValue.FromString(VaultValueCodec.ReadDataMap(data)))
            : throw Unexpected(context, "a KV v1 read");
    }

    public override async Task<SecretProperties> WriteAsync(string name, string text, long? checkAndSet, VaultCallContext context, CancellationToken cancellationToken)
    {
        if (checkAndSet is not null)
        {
            throw context.Error(SecretStoreErrorCode.NotSupported, "Check-and-set needs a KV v2 mount.");
        }

        byte[] body = Serialize(writer => VaultValueCodec.WriteDataMap(writer, text));
        var response = await Connection.SendAsync(new VaultRequest(HttpMethod.Post, SecretPath(name), Root) { Body = body }, context, cancellationToken).ConfigureAwait(false);
        return response.IsSuccess ? new SecretProperties(name) : throw VaultErrors.FromResponse(response, context);
    }

    public override Task<bool> DeleteAsync(string name, VaultCallContext context, CancellationToken cancellationToken) =>
        DeleteIfPresentAsync(SecretPath(name), context, cancellationToken);

    protected override string ListPath(string escapedFolder) => Mount + "/" + escapedFolder;

    private string SecretPath(string name) => Mount + "/" + VaultPath.Escape(name);
}
