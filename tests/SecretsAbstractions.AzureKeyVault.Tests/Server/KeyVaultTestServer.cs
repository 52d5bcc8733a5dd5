using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.AzureKeyVault.Tests.Server;

/// <summary>
/// A Key Vault secrets protocol server for tests: Kestrel on 127.0.0.1, HTTPS with a certificate made in the
/// test, Key Vault's challenge-based bearer authentication, the secret operations of the REST specification,
/// and Key Vault's error bodies. Faults (throttling, outages) are injected on demand.
/// </summary>
public sealed class KeyVaultTestServer : IAsyncDisposable
{
    /// <summary>The tenant the challenge names (the one of the official SDK tests).</summary>
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    /// <summary>The documented challenge: <c>Bearer authorization="{authority}", resource="https://vault.azure.net"</c>.</summary>
    public const string Challenge = "Bearer authorization=\"https://login.windows.net/" + TenantId + "\", resource=\"https://vault.azure.net\"";

    private const string MissingTokenMessage = "AKV10000: Request is missing a Bearer or PoP token.";

    private static readonly JsonSerializerOptions BodyJson = new();

    private readonly WebApplication _app;
    private readonly KeyVaultState _state;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<KeyVaultResponse> _faults = new();
    private int _inFlight;
    private int _maxInFlight;

    private KeyVaultTestServer(WebApplication app, KeyVaultState state, X509Certificate2 certificate, string token)
    {
        _app = app;
        _state = state;
        Certificate = certificate;
        AcceptedToken = token;
        app.Run(HandleAsync);
    }

    /// <summary>The vault's URI as clients name it: <c>https://{unique}.vault.azure.net:{port}/</c>. The handler of
    /// <see cref="CreateClientOptions"/> connects it to <see cref="LoopbackUri"/> without any DNS lookup. A unique host
    /// per server keeps the SDK's process-wide challenge cache (keyed by host and port) from carrying a challenge over
    /// to a later server that reuses a port, and passes the SDK's challenge resource verification as a real vault does.</summary>
    public Uri VaultUri { get; private set; } = null!;

    /// <summary>Where the server listens: <c>https://127.0.0.1:{port}/</c>.</summary>
    public Uri LoopbackUri { get; private set; } = null!;

    private IPEndPoint Endpoint => new(IPAddress.Loopback, LoopbackUri.Port);

    /// <summary>The server's certificate; <see cref="CreateClientOptions"/> trusts exactly this one.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The one bearer token the server accepts.</summary>
    public string AcceptedToken { get; }

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>How many requests the server has received.</summary>
    public long RequestCount => _requests.Count;

    /// <summary>The most requests the server was handling at the same time.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    internal KeyVaultState State => _state;

    /// <summary>Starts a server on 127.0.0.1 on a free port.</summary>
    /// <param name="timeProvider">The clock for created, updated and deleted dates; the system clock by default.</param>
    public static async Task<KeyVaultTestServer> StartAsync(TimeProvider? timeProvider = null)
    {
        var certificate = TestCertificate.Shared;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var server = new KeyVaultTestServer(app, new KeyVaultState(timeProvider ?? TimeProvider.System), certificate, "test-token-" + Guid.NewGuid().ToString("N"));
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.LoopbackUri = new Uri(address.EndsWith('/') ? address : address + "/");
        server.VaultUri = new Uri($"https://kv{Guid.NewGuid():N}.vault.azure.net:{server.LoopbackUri.Port}/");
        return server;
    }

    /// <summary>Client options for the real <see cref="SecretClient"/>: a transport that trusts this server's
    /// certificate and routes <see cref="VaultUri"/> to it, and retry delays of milliseconds so that tests stay
    /// fast. Challenge resource verification stays on: <see cref="VaultUri"/> is under <c>vault.azure.net</c>.</summary>
    public SecretClientOptions CreateClientOptions()
    {
        var options = new SecretClientOptions
        {
            Transport = new HttpClientTransport(CreateTrustingHandler()),
        };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        return options;
    }

    /// <summary>A handler that trusts only this server's certificate and connects any host name to it.</summary>
    public SocketsHttpHandler CreateTrustingHandler() => TestCertificate.CreateTrustingHandler(Certificate, Endpoint);

    /// <summary>Answers the next <paramref name="count"/> authenticated requests with 429 and <c>Retry-After</c>.</summary>
    public void ThrottleNext(int count, int retryAfterSeconds)
    {
        var headers = new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) };
        for (int i = 0; i < count; i++)
        {
            // Body as reported for Key Vault's service limits; the reason text is not from an official source.
            _faults.Enqueue(KeyVaultResponse.Error(429, "Throttled", "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached", headers: headers));
        }
    }

    /// <summary>Answers the next authenticated request with an error status and body.</summary>
    public void FailNext(int status, string code, string message) => _faults.Enqueue(KeyVaultResponse.Error(status, code, message));

    /// <summary>How many polls of a secret just deleted answer 404 (deletion still in progress) before it
    /// completes; 0 by default. A purge before then is refused with 409.</summary>
    public int DeletionPendingPolls
    {
        get => _state.DeletionPendingPolls;
        set => _state.DeletionPendingPolls = value;
    }

    /// <summary>Disables the latest version of a secret (by its Key Vault name).</summary>
    public void Disable(string nativeName) => _state.SetEnabled(nativeName, enabled: false);

    /// <summary>Creates a secret directly, bypassing the client (by its Key Vault name).</summary>
    public void Seed(string nativeName, string value, DateTimeOffset? notBefore = null, DateTimeOffset? expires = null) =>
        _state.Seed(nativeName, value, notBefore, expires);

    /// <summary>Creates a secret and soft-deletes it, bypassing the client (by its Key Vault name).</summary>
    public void SeedDeleted(string nativeName, string value)
    {
        _state.Seed(nativeName, value);
        _state.Delete(VaultUri.Authority, nativeName);
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests() => _requests.Clear();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        int inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            for (int max = Volatile.Read(ref _maxInFlight); inFlight > max; max = Volatile.Read(ref _maxInFlight))
            {
                Interlocked.CompareExchange(ref _maxInFlight, inFlight, max);
            }

            await HandleCoreAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task HandleCoreAsync(HttpContext context)
    {
        var request = context.Request;
        long? bodyLength = request.ContentLength;
        var headers = request.Headers
            .Where(h => !string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        string authorization = request.Headers.Authorization.ToString();
        bool hadBearer = authorization.StartsWith("Bearer ", StringComparison.Ordinal);
        var response = await AnswerAsync(context, authorization, hadBearer);
        _requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value + request.QueryString.Value, hadBearer, bodyLength, response.Status, headers));
        await WriteAsync(context.Response, response);
    }

    private async Task<KeyVaultResponse> AnswerAsync(HttpContext context, string authorization, bool hadBearer)
    {
        if (!hadBearer)
        {
            return Unauthorized(MissingTokenMessage);
        }

        if (!string.Equals(authorization, "Bearer " + AcceptedToken, StringComparison.Ordinal))
        {
            // Message text is ours: Key Vault's AKV100xx texts for rejected tokens are not in the fixtures.
            return Unauthorized("AKV10022: Invalid audience or token.");
        }

        string? apiVersion = context.Request.Query["api-version"];
        if (string.IsNullOrEmpty(apiVersion))
        {
            return KeyVaultResponse.BadParameter("The 'api-version' query parameter is required.");
        }

        if (_faults.TryDequeue(out var fault))
        {
            return fault;
        }

        JsonObject? body = null;
        if (context.Request.ContentLength > 0)
        {
            try
            {
                body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
            }
            catch (JsonException)
            {
                return KeyVaultResponse.BadParameter("The request body is not valid JSON.");
            }
        }

        return Route(context.Request, context.Request.Host.Value!, apiVersion, body);
    }

    private KeyVaultResponse Route(HttpRequest request, string vault, string apiVersion, JsonObject? body)
    {
        string[] path = (request.Path.Value ?? "/").TrimStart('/').Split('/');
        string method = request.Method;
        if (ReadPageSize(request) is not int pageSize)
        {
            return KeyVaultResponse.BadParameter("maxresults must be an integer from 1 to 25.");
        }

        string? skipToken = request.Query["$skiptoken"];
        switch (path)
        {
            case ["secrets"] when method == "GET":
                return _state.List(vault, apiVersion, skipToken, pageSize);
            case ["deletedsecrets"] when method == "GET":
                return _state.ListDeleted(vault, apiVersion, skipToken, pageSize);
            case ["secrets" or "deletedsecrets", var name, ..] when KeyVaultState.CheckName(name) is { } invalid:
                return invalid;
            case ["secrets", var name] when method == "GET":
                return _state.Get(vault, name, version: null);
            case ["secrets", var name] when method == "PUT":
                return body is null ? KeyVaultResponse.BadParameter("The request body is required.") : _state.Set(vault, name, body);
            case ["secrets", var name] when method == "DELETE":
                return _state.Delete(vault, name);
            case ["secrets", var name, "versions"] when method == "GET":
                return _state.ListVersions(vault, name, apiVersion, skipToken, pageSize);
            case ["secrets", var name, var version] when method == "GET":
                return _state.Get(vault, name, version);
            case ["secrets", var name, ..] when method == "PATCH" && path.Length <= 3:
                return body is null ? KeyVaultResponse.BadParameter("The request body is required.") : _state.Update(vault, name, path.Length > 2 ? path[2] : null, body);
            case ["deletedsecrets", var name] when method == "GET":
                return _state.GetDeleted(vault, name);
            case ["deletedsecrets", var name] when method == "DELETE":
                return _state.Purge(name);
            case ["deletedsecrets", var name, "recover"] when method == "POST":
                return _state.Recover(vault, name);
            default:
                return KeyVaultResponse.Error(405, "MethodNotAllowed", $"The operation {method} /{string.Join('/', path)} is not supported by this test server.");
        }
    }

    private static int? ReadPageSize(HttpRequest request)
    {
        string? text = request.Query["maxresults"];
        if (text is null)
        {
            return KeyVaultState.DefaultPageSize;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size is >= 1 and <= KeyVaultState.DefaultPageSize ? size : null;
    }

    private static KeyVaultResponse Unauthorized(string message) =>
        KeyVaultResponse.Error(401, "Unauthorized", message, headers: new Dictionary<string, string> { ["WWW-Authenticate"] = Challenge });

    private static async Task WriteAsync(HttpResponse response, KeyVaultResponse answer)
    {
        response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        if (answer.Body is not null)
        {
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(answer.Body.ToJsonString(BodyJson));
        }
    }
}
