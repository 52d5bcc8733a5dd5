using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.AwsSecretsManager.Tests.Server;

/// <summary>A key the server knows: access key id, secret key, and for temporary credentials a session token
/// with its expiry.</summary>
public sealed record TestAccessKey(string AccessKeyId, string SecretAccessKey, string? SessionToken = null, DateTimeOffset? Expires = null);

/// <summary>
/// A Secrets Manager protocol server for tests: Kestrel on 127.0.0.1, AWS JSON 1.1 (<c>POST /</c>,
/// <c>X-Amz-Target: secretsmanager.&lt;Operation&gt;</c>), every request's SigV4 signature verified as the service
/// does (credential scope, region, service, date skew, session token, signed headers, payload hash), the service's
/// error bodies (<c>{"__type": ..., "message"|"Message": ...}</c>) and <c>x-amzn-RequestId</c>. Faults are injected on demand.
/// </summary>
public sealed class SecretsManagerTestServer : IAsyncDisposable
{
    public const string Region = "us-east-1";
    public const string AccountId = "123456789012";
    public const string Service = "secretsmanager";

    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TestAccessKey> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Operation, string Target)> _requests = new();
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _faults = new();
    private readonly ConcurrentQueue<string> _secretIds = new();
    private readonly TimeProvider _timeProvider;

    private SecretsManagerTestServer(WebApplication app, TimeProvider timeProvider)
    {
        _app = app;
        _timeProvider = timeProvider;
        State = new SecretsManagerState(Region, AccountId, timeProvider);
        AcceptedKey = new TestAccessKey("AKIA" + RandomHex(8).ToUpperInvariant(), "secret-" + RandomHex(16));
        _keys[AcceptedKey.AccessKeyId] = AcceptedKey;
        app.Run(HandleAsync);
    }

    /// <summary>Where the server listens: <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>The long-term key the server accepts.</summary>
    public TestAccessKey AcceptedKey { get; }

    public SecretsManagerState State { get; }

    /// <summary>How many requests the server has received (rejected ones included).</summary>
    public long RequestCount => _requests.Count;

    /// <summary>The operations received, in order.</summary>
    public IReadOnlyList<string> Operations => [.. _requests.Select(r => r.Operation)];

    /// <summary>The <c>SecretId</c> of every well-formed request that had one, in order.</summary>
    public IReadOnlyList<string> SecretIds => [.. _secretIds];

    /// <summary>Every request target (path and query) received: what a URI could leak.</summary>
    public IReadOnlyList<string> Targets => [.. _requests.Select(r => r.Target)];

    public static async Task<SecretsManagerTestServer> StartAsync(TimeProvider? timeProvider = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new SecretsManagerTestServer(app, timeProvider ?? TimeProvider.System);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.ServiceUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Registers temporary credentials: an access key with a session token that expires.</summary>
    public TestAccessKey AddSessionKey(DateTimeOffset expires)
    {
        var key = new TestAccessKey("ASIA" + RandomHex(8).ToUpperInvariant(), "temp-" + RandomHex(16), "token-" + RandomHex(32), expires);
        _keys[key.AccessKeyId] = key;
        return key;
    }

    /// <summary>Answers the next <paramref name="count"/> authenticated requests with ThrottlingException.</summary>
    public void ThrottleNext(int count, int? retryAfterSeconds = null)
    {
        for (int i = 0; i < count; i++)
        {
            _faults.Enqueue(context =>
            {
                if (retryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }

                return WriteErrorAsync(context, 400, "ThrottlingException", "Rate exceeded", lowerCaseMessage: true);
            });
        }
    }

    /// <summary>Answers the next authenticated request with a raw status and body.</summary>
    public void RespondNext(int status, string body, string contentType = "application/x-amz-json-1.1") =>
        _faults.Enqueue(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });

    /// <summary>Holds the next authenticated request until the client gives up on it.</summary>
    public void HangNext() => _faults.Enqueue(async context =>
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    });

    /// <summary>Aborts the connection of the next authenticated request (a connection reset).</summary>
    public void ResetNext() => _faults.Enqueue(context =>
    {
        context.Abort();
        return Task.CompletedTask;
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private static async Task WriteErrorAsync(HttpContext context, int status, string type, string message, bool lowerCaseMessage = false)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        var body = new JsonObject { ["__type"] = type, [lowerCaseMessage ? "message" : "Message"] = message };
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString("D");
        string target = context.Request.Headers["X-Amz-Target"].ToString();
        _requests.Enqueue((target.StartsWith("secretsmanager.", StringComparison.Ordinal) ? target["secretsmanager.".Length..] : target, context.Request.Path + context.Request.QueryString));
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        byte[] body = buffer.ToArray();

        if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path != "/")
        {
            await WriteErrorAsync(context, 404, "UnknownOperationException", string.Empty);
            return;
        }

        if (Verify(context.Request, body) is { } rejection)
        {
            await WriteErrorAsync(context, rejection.Status, rejection.Type, rejection.Message, lowerCaseMessage: true);
            return;
        }

        if (_faults.TryDequeue(out var fault))
        {
            await fault(context);
            return;
        }

        if (!target.StartsWith("secretsmanager.", StringComparison.Ordinal))
        {
            await WriteErrorAsync(context, 400, "UnknownOperationException", string.Empty);
            return;
        }

        if (!context.Request.ContentType?.StartsWith("application/x-amz-json-1.1", StringComparison.Ordinal) ?? true)
        {
            await WriteErrorAsync(context, 400, "UnknownOperationException", string.Empty);
            return;
        }

        JsonObject input;
        try
        {
            input = JsonNode.Parse(body) as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            await WriteErrorAsync(context, 400, "SerializationException", "Start of structure or map found where not expected.");
            return;
        }

        if (input["SecretId"] is JsonValue secretId && secretId.TryGetValue(out string? id))
        {
            _secretIds.Enqueue(id);
        }

        try
        {
            var output = State.Handle(target["secretsmanager.".Length..], input);
            context.Response.ContentType = "application/x-amz-json-1.1";
            await context.Response.WriteAsync(output.ToJsonString());
        }
        catch (ServiceException error)
        {
            await WriteErrorAsync(context, error.Status, error.Type, error.Message);
        }
    }

    private ServiceException? Verify(HttpRequest request, byte[] body)
    {
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return new ServiceException("MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        const string Prefix = SigV4.Algorithm + " ";
        if (!authorization.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return new ServiceException("IncompleteSignatureException", $"Unsupported AWS 'algorithm': '{authorization.Split(' ')[0]}'");
        }

        var parts = authorization[Prefix.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out string? credential) || !parts.TryGetValue("SignedHeaders", out string? signedHeaderList) || !parts.TryGetValue("Signature", out string? signature))
        {
            return new ServiceException("IncompleteSignatureException", "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
        }

        string[] scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return new ServiceException("IncompleteSignatureException", "Credential should have at least 5 slash-separated parts.");
        }

        if (!_keys.TryGetValue(scope[0], out var key))
        {
            return new ServiceException("UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        string amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return new ServiceException("IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        if (scope[1] != amzDate[..8])
        {
            return new ServiceException("InvalidSignatureException", $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scope[1]}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        if (scope[2] != Region)
        {
            return new ServiceException("InvalidSignatureException", $"Credential should be scoped to a valid region. ");
        }

        if (scope[3] != Service)
        {
            return new ServiceException("InvalidSignatureException", $"Credential should be scoped to correct service: '{Service}'. ");
        }

        var now = _timeProvider.GetUtcNow();
        if ((now - signedAt).Duration() > MaxSkew)
        {
            return new ServiceException("InvalidSignatureException", $"Signature expired: {amzDate} is now earlier than {SigV4.ToAmzDate(now - MaxSkew)} ({SigV4.ToAmzDate(now)} - 5 min.)");
        }

        string[] signedHeaders = signedHeaderList.Split(';');
        if (!signedHeaders.Contains("host") || !signedHeaders.Contains("x-amz-date") || !signedHeaders.SequenceEqual(signedHeaders.Order(StringComparer.Ordinal)))
        {
            return new ServiceException("InvalidSignatureException", "'Host' and 'X-Amz-Date' must be signed, and SignedHeaders must be sorted.");
        }

        string token = request.Headers["X-Amz-Security-Token"].ToString();
        if (key.SessionToken is not null || token.Length > 0)
        {
            if (!string.Equals(token, key.SessionToken, StringComparison.Ordinal))
            {
                return new ServiceException("UnrecognizedClientException", "The security token included in the request is invalid.");
            }

            if (key.Expires is { } expires && expires <= now)
            {
                return new ServiceException("ExpiredTokenException", "The security token included in the request is expired");
            }

            if (!signedHeaders.Contains("x-amz-security-token"))
            {
                return new ServiceException("InvalidSignatureException", "'X-Amz-Security-Token' must be signed.");
            }
        }

        string payloadHash = SigV4.Hash(body);
        string claimedHash = request.Headers["X-Amz-Content-SHA256"].ToString();
        if (claimedHash.Length > 0 && claimedHash != payloadHash)
        {
            return new ServiceException("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        var headers = request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? string.Empty)));
        string canonical = SigV4.CanonicalRequest(request.Method, SigV4.CanonicalUri(request.Path.Value ?? "/"), SigV4.CanonicalQuery(request.QueryString.Value ?? string.Empty), headers, signedHeaders, payloadHash);
        string stringToSign = SigV4.StringToSign(amzDate, string.Join('/', scope[1..]), canonical);
        string expected = SigV4.Signature(key.SecretAccessKey, scope[1], scope[2], scope[3], stringToSign);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? null
            : new ServiceException("InvalidSignatureException", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }
}
