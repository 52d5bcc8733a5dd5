using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SecretsAbstractions.AzureKeyVault.Tests.Server;

/// <summary>A self-signed server certificate for 127.0.0.1, made in the test, and a client handler that trusts
/// exactly that certificate (no machine trust store involved).</summary>
internal static class TestCertificate
{
    private static readonly Lazy<X509Certificate2> SharedCertificate = new(Create);

    /// <summary>One certificate for every server of the test run: making an RSA key is the slow part of a start.</summary>
    public static X509Certificate2 Shared => SharedCertificate.Value;

    public static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        // Kestrel needs a certificate whose private key it can use on every platform: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>A handler that trusts only <paramref name="trusted"/> and connects every request to
    /// <paramref name="server"/>, whatever host name the request names (no DNS lookup).</summary>
    public static SocketsHttpHandler CreateTrustingHandler(X509Certificate2 trusted, IPEndPoint server)
    {
        byte[] expected = trusted.RawData;
        return new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(expected),
            },
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(server, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
    }
}
