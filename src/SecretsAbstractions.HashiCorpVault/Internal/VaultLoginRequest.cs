using System.Text;
using System.Text.Json;

namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>Builds the login request of a login-based auth method, reading credential files at each login so that
/// rotated credentials (a projected service-account token, a re-issued secret_id) are picked up.</summary>
internal static class VaultLoginRequest
{
    public static VaultRequest Create(HashiCorpVaultAuthOptions auth)
    {
        string mount = VaultPath.Escape(auth.EffectiveMountPath);
        string root = "auth/" + mount + "/";
        return auth.Method switch
        {
            VaultAuthMethod.AppRole => Post(root, root + "login", writer =>
            {
                writer.WriteString("role_id", Read(auth.RoleId, auth.RoleIdFile, "role_id"));
                if (auth.SecretId is not null || auth.SecretIdFile is not null)
                {
                    writer.WriteString("secret_id", Read(auth.SecretId, auth.SecretIdFile, "secret_id"));
                }
            }),
            VaultAuthMethod.Kubernetes => Post(root, root + "login", writer =>
            {
                writer.WriteString("role", auth.Role);
                writer.WriteString("jwt", Read(null, auth.JwtFile ?? HashiCorpVaultAuthOptions.DefaultKubernetesTokenFile, "service-account token"));
            }),
            VaultAuthMethod.UserPass => Post(root, root + "login/" + Uri.EscapeDataString(auth.Username!), writer =>
                writer.WriteString("password", Read(auth.Password, auth.PasswordFile, "password"))),
            VaultAuthMethod.Jwt => Post(root, root + "login", writer =>
            {
                if (!string.IsNullOrEmpty(auth.Role))
                {
                    writer.WriteString("role", auth.Role);
                }

                writer.WriteString("jwt", Read(auth.Jwt, auth.JwtFile, "JWT"));
            }),
            _ => throw new InvalidOperationException("The token method does not log in."),
        };
    }

    private static VaultRequest Post(string root, string path, Action<Utf8JsonWriter> writeBody)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeBody(writer);
            writer.WriteEndObject();
        }

        return new VaultRequest(HttpMethod.Post, path, root) { Body = buffer.ToArray(), Authenticated = false };
    }

    private static string Read(string? value, string? file, string what)
    {
        if (value is not null)
        {
            return value;
        }

        try
        {
            string text = File.ReadAllText(file!, Encoding.UTF8).Trim();
            return text.Length > 0 ? text : throw new VaultCredentialException($"The {what} file is empty.");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The path is configuration, not a secret; the content is never read into a message.
            throw new VaultCredentialException($"The {what} file '{file}' could not be read: {error.GetType().Name}.");
        }
    }
}

/// <summary>A credential file could not be read; turned into an Unauthenticated store error.</summary>
internal sealed class VaultCredentialException : Exception
{
    public VaultCredentialException()
    {
    }

    public VaultCredentialException(string message)
        : base(message)
    {
    }

    public VaultCredentialException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
