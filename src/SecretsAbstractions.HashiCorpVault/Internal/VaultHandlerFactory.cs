using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>Creates the HTTP handler: no automatic redirects (the client follows at most one itself), no cookies,
/// TLS 1.2 or later, an optional custom CA that replaces the system's trust, and an optional client certificate.</summary>
internal static class VaultHandlerFactory
{
    public static SocketsHttpHandler Create(HashiCorpVaultSecretStoreOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = true,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        handler.SslOptions.EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        var roots = LoadRoots(options);
        if (options.SkipTlsVerify)
        {
            // Explicitly requested (SkipTlsVerify or VAULT_SKIP_VERIFY), and warned about loudly by the store.
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (roots is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(roots, certificate, chain, errors);
        }

        if (options.ClientCertificateFile is { } certificateFile)
        {
            handler.SslOptions.ClientCertificates = [X509Certificate2.CreateFromPemFile(certificateFile, options.ClientKeyFile)];
        }

        return handler;
    }

    private static X509Certificate2Collection? LoadRoots(HashiCorpVaultSecretStoreOptions options)
    {
        if (options.CaCertificateFile is null && options.CaCertificatePem is null)
        {
            return null;
        }

        var roots = new X509Certificate2Collection();
        if (options.CaCertificateFile is { } file)
        {
            roots.ImportFromPemFile(file);
        }
        else
        {
            roots.ImportFromPem(options.CaCertificatePem);
        }

        if (roots.Count == 0)
        {
            throw new InvalidOperationException("The CA certificate file or PEM holds no certificate.");
        }

        return roots;
    }

    private static bool Validate(X509Certificate2Collection roots, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        // A name mismatch or a missing certificate is never excused; only the chain is checked again, against the CA.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = new X509Certificate2(certificate);
        return custom.Build(leaf);
    }
}
