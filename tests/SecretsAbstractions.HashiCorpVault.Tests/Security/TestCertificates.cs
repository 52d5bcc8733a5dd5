using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SecretsAbstractions.HashiCorpVault.Tests.Security;

/// <summary>A certificate authority and a server certificate for 127.0.0.1 signed by it, generated in memory.</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly byte[] _caPfx;

    private TestCertificates(X509Certificate2 ca, byte[] caPfx, X509Certificate2 server)
    {
        Ca = ca;
        _caPfx = caPfx;
        ServerCertificate = server;
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 ServerCertificate { get; }

    public string CaPem => Ca.ExportCertificatePem();

    public static TestCertificates Create(string caName = "Vault Test CA")
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=" + caName, caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = serverRequest.Create(ca, now.AddDays(-1), now.AddDays(29), [1, 2, 3, 4, 5, 6, 7, 8]);
        using var withKey = signed.CopyWithPrivateKey(serverKey);
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        var caPublic = X509CertificateLoader.LoadCertificate(ca.Export(X509ContentType.Cert));
        return new TestCertificates(caPublic, ca.Export(X509ContentType.Pkcs12), server);
    }

    /// <summary>Writes a client certificate signed by this CA, and its key, as PEM files.</summary>
    public (X509Certificate2 Certificate, string CertificateFile, string KeyFile) CreateClientCertificate(string directory)
    {
        var now = DateTimeOffset.UtcNow;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=vault-client", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var caWithKey = X509CertificateLoader.LoadPkcs12(_caPfx, null);
        using var signed = request.Create(caWithKey, now.AddDays(-1), now.AddDays(29), [9, 8, 7, 6, 5, 4, 3, 2]);
        string certificateFile = Path.Combine(directory, "client.pem");
        string keyFile = Path.Combine(directory, "client.key");
        File.WriteAllText(certificateFile, signed.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (X509CertificateLoader.LoadCertificate(signed.Export(X509ContentType.Cert)), certificateFile, keyFile);
    }

    public void Dispose()
    {
        Ca.Dispose();
        ServerCertificate.Dispose();
    }
}
