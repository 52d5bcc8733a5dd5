using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecretsAbstractions.Internal;

/// <summary>
/// All secrets in one JSON file (see <see cref="JsonSecretsDocument"/>). Every read parses the file afresh;
/// every write rewrites the whole file atomically (the store holds its write lock around the change).
/// A missing file holds no secrets. A file that does not parse fails with
/// <see cref="SecretStoreErrorCode.Unavailable"/>, naming the file and the position, and is never overwritten.
/// </summary>
internal sealed class JsonSecretLayout(string path, FileStoreContext context) : IFileSecretLayout
{
    public SecretNameMapper Mapper => SecretNameMapper.Identity;

    public SecretStoreCapabilities Capabilities => SecretStoreCapabilities.None;

    public async ValueTask<Secret?> GetAsync(string name, string nativeName, CancellationToken cancellationToken)
    {
        using var snapshot = await ReadAsync(SecretStoreOperations.GetSecret, name, cancellationToken).ConfigureAwait(false);
        return snapshot.Document is { } document && JsonSecretsDocument.Find(document.RootElement, name) is { } text
            ? new Secret(new SecretProperties(name) { UpdatedOn = snapshot.LastWriteTime }, SecretValue.FromString(text))
            : null;
    }

    public async IAsyncEnumerable<SecretProperties> ListAsync(string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<string> names;
        DateTimeOffset? lastWriteTime;
        using (var snapshot = await ReadAsync(SecretStoreOperations.ListSecrets, secretName: null, cancellationToken).ConfigureAwait(false))
        {
            names = snapshot.Document is { } document ? JsonSecretsDocument.ListNames(document.RootElement, prefix) : [];
            lastWriteTime = snapshot.LastWriteTime;
        }

        foreach (string name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new SecretProperties(name) { UpdatedOn = lastWriteTime };
        }
    }

    public async ValueTask<SecretProperties> SetAsync(string name, string nativeName, SecretValue value, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string Operation = SecretStoreOperations.SetSecret;
        var root = await ReadForUpdateAsync(Operation, name, cancellationToken).ConfigureAwait(false) ?? [];
        if (JsonSecretsDocument.TrySet(root, name, value.RevealString()) is { } conflict)
        {
            throw context.Conflict(name, Operation, conflict);
        }

        await WriteAsync(root, now, Operation, name, cancellationToken).ConfigureAwait(false);
        return new SecretProperties(name) { UpdatedOn = now };
    }

    public async ValueTask<bool> DeleteAsync(string name, string nativeName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string Operation = SecretStoreOperations.DeleteSecret;
        var root = await ReadForUpdateAsync(Operation, name, cancellationToken).ConfigureAwait(false);
        if (root is null || !JsonSecretsDocument.Remove(root, name))
        {
            return false;
        }

        await WriteAsync(root, now, Operation, name, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<Snapshot> ReadAsync(string operation, string? secretName, CancellationToken cancellationToken)
    {
        FileContent content;
        try
        {
            ThrowIfFolder(operation, secretName);
            content = await SecretFiles.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (FileStoreContext.IsNotFound(error))
        {
            return new Snapshot(null, null, null);
        }
        catch (Exception error) when (FileStoreContext.IsFileSystemError(error))
        {
            throw context.FromFileSystem(error, operation, secretName);
        }

        if (!JsonSecretsDocument.TryParse(content.Bytes, out var document, out string? reason))
        {
            CryptographicOperations.ZeroMemory(content.Bytes);
            throw NotValid(reason, operation, secretName);
        }

        return new Snapshot(document, content.Bytes, content.LastWriteTime);
    }

    private async Task<JsonObject?> ReadForUpdateAsync(string operation, string secretName, CancellationToken cancellationToken)
    {
        using var snapshot = await ReadAsync(operation, secretName, cancellationToken).ConfigureAwait(false);
        return snapshot.Document is { } document ? JsonSecretsDocument.ToNodes(document) : null;
    }

    private async Task WriteAsync(JsonObject root, DateTimeOffset lastWriteTime, string operation, string secretName, CancellationToken cancellationToken)
    {
        byte[] content = JsonSecretsDocument.Serialize(root);
        try
        {
            // Follows a link to the real file, so that a linked secrets file stays linked.
            string target = RealPath.Resolve(path) ?? path;
            SecretFiles.CreateDirectory(Path.GetDirectoryName(target)!);
            await SecretFiles.ReplaceAsync(target, content, lastWriteTime, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (FileStoreContext.IsFileSystemError(error))
        {
            throw context.FromFileSystem(error, operation, secretName);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    private void ThrowIfFolder(string operation, string? secretName)
    {
        if (Directory.Exists(path))
        {
            throw context.Error(SecretStoreErrorCode.Unavailable, $"The store's JSON file '{path}' is a folder.", operation, secretName);
        }
    }

    private SecretStoreException NotValid(string reason, string operation, string? secretName) =>
        context.Error(SecretStoreErrorCode.Unavailable, $"The store's JSON file '{path}' {reason}.", operation, secretName);

    /// <summary>A parsed file and the bytes it was parsed from, cleared when disposed.</summary>
    private sealed class Snapshot(JsonDocument? document, byte[]? content, DateTimeOffset? lastWriteTime) : IDisposable
    {
        public JsonDocument? Document => document;

        public DateTimeOffset? LastWriteTime => lastWriteTime;

        public void Dispose()
        {
            document?.Dispose();
            if (content is not null)
            {
                CryptographicOperations.ZeroMemory(content);
            }
        }
    }
}
