using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using SecretsAbstractions.AzureKeyVault.Tests.Server;

namespace SecretsAbstractions.Cli.Tests;

/// <summary>Lets the tool reach Key Vault test servers: a transport that trusts the servers' test certificate and
/// connects <c>https://kv….vault.azure.net:{port}/</c> to 127.0.0.1 on that port (no DNS), and each server's token
/// by vault URI. This is the hook the native binary cannot have, which is why its tests leave Azure out.</summary>
internal static class AzureTestAccess
{
    public static SecretsCliOptions Options(params KeyVaultTestServer[] servers) => new()
    {
        ConfigureResilience = CliRun.FastRetries.ConfigureResilience,
        AzureCredential = vaultUri => new FixedTokenCredential(servers.Single(s => s.VaultUri.Port == vaultUri.Port).AcceptedToken),
        AzureClientOptions = ClientOptions(servers[0].Certificate),
    };

    public static SecretClientOptions ClientOptions(X509Certificate2 trusted)
    {
        byte[] expected = trusted.RawData;
        var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(expected),
            },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var options = new SecretClientOptions { Transport = new HttpClientTransport(handler) };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        return options;
    }

    private sealed class FixedTokenCredential(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
