using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.HashiCorpVault.Tests.Server;

/// <summary>A request as received, for assertions: method, raw target (path and query as sent), and headers.</summary>
internal sealed record RecordedVaultRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, int Status);

/// <summary>
/// The Vault protocol test server: Kestrel on 127.0.0.1, port chosen by the OS, speaking Vault's HTTP API as
/// documented (see ../shared/fixtures/vault): KV v1 and v2 mounts, tokens with TTL and max TTL on the given clock,
/// policies, AppRole, userpass, Kubernetes and JWT login, namespaces (<c>X-Vault-Namespace</c> or a path prefix),
/// sealed and standby modes, and faults (status codes, malformed JSON, connection reset, redirects).
/// </summary>
internal sealed class VaultTestServer : IAsyncDisposable
{
    public const string RootToken = "hvs.root-token-of-the-test-server";

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, VaultTestNamespace> _namespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VaultTestToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedVaultRequest> _requests = new();
    private readonly ConcurrentQueue<Func<HttpContext, Task<bool>>> _faults = new();
    private readonly List<(string PathPart, int Times, VaultTestReply Reply)> _targetedFaults = [];

    private VaultTestServer(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
        _namespaces[string.Empty] = new VaultTestNamespace(string.Empty);
        _tokens[RootToken] = new VaultTestToken
        {
            Id = RootToken,
            Accessor = "root-accessor",
            Namespace = string.Empty,
            Policies = ["root"],
            CreationTtl = TimeSpan.Zero,
            MaxExpiresAt = DateTimeOffset.MaxValue,
            IssuedAt = time.GetUtcNow(),
            Renewable = false,
            Path = "auth/token/root",
        };
    }

    public Uri Address { get; private set; } = null!;

    public bool Sealed { get; set; }

    public bool Standby { get; set; }

    /// <summary>Where a standby node redirects (307) requests; without it a standby answers 429.</summary>
    public Uri? ActiveNode { get; set; }

    /// <summary>Whether requests without <c>X-Vault-Request: true</c> are refused (as Vault Proxy does with
    /// <c>require_request_header</c>); on by default so that every test proves the client sends it.</summary>
    public bool RequireRequestHeader { get; set; } = true;

    public IReadOnlyList<RecordedVaultRequest> Requests => [.. _requests];

    public long RequestCount => _requests.Count;

    public int LoginCount => _requests.Count(r => r.RawTarget.Contains("/login", StringComparison.Ordinal));

    /// <summary>Starts a server; with <paramref name="certificate"/> it speaks HTTPS, and with
    /// <paramref name="requiredClientCertificate"/> it accepts only TLS clients presenting that certificate.</summary>
    public static async Task<VaultTestServer> StartAsync(TimeProvider? time = null, X509Certificate2? certificate = null, X509Certificate2? requiredClientCertificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(https =>
                    {
                        https.ServerCertificate = certificate;
                        if (requiredClientCertificate is not null)
                        {
                            https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.RequireCertificate;
                            https.ClientCertificateValidation = (presented, _, _) => presented.Thumbprint == requiredClientCertificate.Thumbprint;
                        }
                    });
                }
            });
            kestrel.Limits.MaxRequestBodySize = 32 * 1024 * 1024;
        });
        var app = builder.Build();
        var server = new VaultTestServer(app, time ?? TimeProvider.System);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal), UriKind.Absolute);
        return server;
    }

    public KvV2TestMount MountKvV2(string path = "secret", string ns = "")
    {
        var mount = new KvV2TestMount(path);
        lock (_lock)
        {
            Namespace(ns).Mounts[path] = mount;
        }

        return mount;
    }

    public KvV1TestMount MountKvV1(string path = "kv", string ns = "")
    {
        var mount = new KvV1TestMount(path);
        lock (_lock)
        {
            Namespace(ns).Mounts[path] = mount;
        }

        return mount;
    }

    public void AddNamespace(string path)
    {
        lock (_lock)
        {
            Namespace(path);
        }
    }

    public VaultTestPolicy AddPolicy(string name, string ns = "")
    {
        var policy = new VaultTestPolicy(name);
        lock (_lock)
        {
            Namespace(ns).Policies[name] = policy;
        }

        return policy;
    }

    /// <summary>Issues a token directly (as an operator would with <c>vault token create</c>).</summary>
    public string CreateToken(IReadOnlyList<string> policies, TimeSpan ttl, TimeSpan? maxTtl = null, bool renewable = true, string ns = "")
    {
        lock (_lock)
        {
            return Issue(policies, ttl, maxTtl ?? TimeSpan.Zero, renewable, ns, "auth/token/create").Id;
        }
    }

    public void RevokeToken(string token)
    {
        lock (_lock)
        {
            _tokens[token].Revoked = true;
        }
    }

    /// <summary>Revokes every token issued by a login, as <c>vault token revoke</c> would.</summary>
    public void RevokeLoginTokens()
    {
        lock (_lock)
        {
            foreach (var token in _tokens.Values.Where(t => t.Path.Contains("/login", StringComparison.Ordinal)))
            {
                token.Revoked = true;
            }
        }
    }

    /// <summary>The requests answered 403.</summary>
    public int ForbiddenCount => _requests.Count(r => r.Status == 403);

    public void AddAppRole(string roleId, string secretId, IReadOnlyList<string> policies, TimeSpan ttl, TimeSpan maxTtl, string mount = "approle", string ns = "") =>
        AddLogin(new VaultTestLogin("approle", mount, roleId, secretId, null, policies, ttl, maxTtl), ns);

    public void AddUserPass(string username, string password, IReadOnlyList<string> policies, TimeSpan ttl, TimeSpan maxTtl, string mount = "userpass", string ns = "") =>
        AddLogin(new VaultTestLogin("userpass", mount, username, password, null, policies, ttl, maxTtl), ns);

    public void AddKubernetesRole(string role, string serviceAccountJwt, IReadOnlyList<string> policies, TimeSpan ttl, TimeSpan maxTtl, string mount = "kubernetes", string ns = "") =>
        AddLogin(new VaultTestLogin("kubernetes", mount, role, serviceAccountJwt, null, policies, ttl, maxTtl), ns);

    public void AddJwtRole(string role, string jwt, IReadOnlyList<string> policies, TimeSpan ttl, TimeSpan maxTtl, string mount = "jwt", string ns = "") =>
        AddLogin(new VaultTestLogin("jwt", mount, role, jwt, null, policies, ttl, maxTtl), ns);

    /// <summary>Answers the next request with <paramref name="status"/> and <c>{"errors":[...]}</c>.</summary>
    public void FailNext(int status, params string[] errors) => _faults.Enqueue(async context =>
    {
        await WriteAsync(context, VaultTestReply.Errors(status, errors));
        return true;
    });

    /// <summary>Answers the next <paramref name="times"/> requests whose target contains <paramref name="pathPart"/>
    /// with <paramref name="status"/>; other requests are served normally.</summary>
    public void FailRequests(string pathPart, int times, int status, params string[] errors)
    {
        lock (_lock)
        {
            _targetedFaults.Add((pathPart, times, VaultTestReply.Errors(status, errors)));
        }
    }

    /// <summary>Changes the policies that a login role or user grants from now on.</summary>
    public void SetLoginPolicies(string key, params string[] policies)
    {
        lock (_lock)
        {
            foreach (var ns in _namespaces.Values)
            {
                for (int i = 0; i < ns.Logins.Count; i++)
                {
                    if (ns.Logins[i].Key == key)
                    {
                        ns.Logins[i] = ns.Logins[i] with { Policies = policies };
                    }
                }
            }
        }
    }

    /// <summary>Holds the next request until <paramref name="release"/> completes; <paramref name="received"/> completes
    /// when the request has arrived.</summary>
    public void HangNext(TaskCompletionSource received, Task release) => _faults.Enqueue(async context =>
    {
        received.TrySetResult();
        await release.WaitAsync(context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        return true;
    });

    /// <summary>Answers the next request with a 200 whose body is not JSON.</summary>
    public void MalformedNext() => _faults.Enqueue(async context =>
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"data\": {\"data\": {\"oops\"");
        return true;
    });

    /// <summary>Starts the next response and resets the connection in the middle of the body.</summary>
    public void ResetNext() => _faults.Enqueue(async context =>
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = 4096;
        await context.Response.WriteAsync("{\"request_id\":\"x\",\"data\":{");
        await context.Response.Body.FlushAsync();
        context.Abort();
        return true;
    });

    /// <summary>Answers the next request with a redirect to <paramref name="location"/>.</summary>
    public void RedirectNext(string location, int status = 307) => _faults.Enqueue(context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.FromResult(true);
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void AddLogin(VaultTestLogin login, string ns)
    {
        lock (_lock)
        {
            Namespace(ns).Logins.Add(login);
        }
    }

    private VaultTestNamespace Namespace(string path)
    {
        if (!_namespaces.TryGetValue(path, out var ns))
        {
            _namespaces[path] = ns = new VaultTestNamespace(path);
        }

        return ns;
    }

    private async Task HandleAsync(HttpContext context)
    {
        string rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        try
        {
            if (_faults.TryDequeue(out var fault) && await fault(context))
            {
                return;
            }

            if (TakeTargetedFault(rawTarget) is { } targeted)
            {
                await WriteAsync(context, targeted);
                return;
            }

            var reply = await ProcessAsync(context, rawTarget);
            await WriteAsync(context, reply);
        }
        finally
        {
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            _requests.Enqueue(new RecordedVaultRequest(context.Request.Method, rawTarget, headers, context.Response.StatusCode));
        }
    }

    private VaultTestReply? TakeTargetedFault(string rawTarget)
    {
        lock (_lock)
        {
            int index = _targetedFaults.FindIndex(f => f.Times > 0 && rawTarget.Contains(f.PathPart, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var fault = _targetedFaults[index];
            _targetedFaults[index] = fault with { Times = fault.Times - 1 };
            return fault.Reply;
        }
    }

    private async Task<VaultTestReply> ProcessAsync(HttpContext context, string rawTarget)
    {
        var http = context.Request;
        if (RequireRequestHeader && http.Headers["X-Vault-Request"] != "true")
        {
            return VaultTestReply.Errors(412, "missing 'X-Vault-Request' header");
        }

        string rawPath = rawTarget.Split('?', 2)[0];
        if (!rawPath.StartsWith("/v1/", StringComparison.Ordinal))
        {
            return VaultTestReply.Errors(404, "not found");
        }

        var segments = rawPath["/v1/".Length..].Split('/').Select(Uri.UnescapeDataString).ToList();
        if (segments.Any(s => s is "." or ".."))
        {
            return VaultTestReply.Errors(400, "invalid path");
        }

        if (segments is ["sys", "health"])
        {
            return Sealed ? VaultTestReply.Errors(503, "Vault is sealed") : new VaultTestReply(Standby ? 429 : 200, new JsonObject { ["initialized"] = true, ["sealed"] = false, ["standby"] = Standby });
        }

        if (Sealed)
        {
            return VaultTestReply.Errors(503, "Vault is sealed");
        }

        if (Standby)
        {
            if (ActiveNode is { } active)
            {
                context.Response.Headers.Location = new Uri(active, rawTarget).ToString();
                return new VaultTestReply(307, null);
            }

            return VaultTestReply.Errors(429, "node is in standby mode");
        }

        JsonElement? body = null;
        if (http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                body = (await JsonDocument.ParseAsync(http.Body)).RootElement.Clone();
            }
            catch (JsonException)
            {
                return VaultTestReply.Errors(400, "failed to parse JSON input");
            }
        }

        string? token = http.Headers["X-Vault-Token"].FirstOrDefault()
            ?? (http.Headers.Authorization.FirstOrDefault() is { } bearer && bearer.StartsWith("Bearer ", StringComparison.Ordinal) ? bearer["Bearer ".Length..] : null);
        lock (_lock)
        {
            var (ns, inner) = ResolveNamespace(http.Headers["X-Vault-Namespace"].FirstOrDefault(), segments);
            if (ns is null)
            {
                return VaultTestReply.Errors(400, "namespace not found");
            }

            var request = new VaultTestRequest
            {
                Method = http.Method,
                Segments = inner,
                Namespace = ns.Path,
                Query = http.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
                Token = token,
                ContentType = http.ContentType?.Split(';')[0].Trim(),
                Body = body,
            };
            return Route(ns, request);
        }
    }

    private (VaultTestNamespace? Namespace, List<string> Inner) ResolveNamespace(string? header, List<string> segments)
    {
        var all = new List<string>();
        if (!string.IsNullOrEmpty(header))
        {
            all.AddRange(header.Trim('/').Split('/'));
        }

        int headerCount = all.Count;
        all.AddRange(segments);
        for (int length = all.Count - 1; length >= 0; length--)
        {
            string candidate = string.Join('/', all.Take(length));
            if (_namespaces.TryGetValue(candidate, out var ns))
            {
                return length < headerCount ? (null, []) : (ns, all.Skip(length).ToList());
            }
        }

        return (null, []);
    }

    private VaultTestReply Route(VaultTestNamespace ns, VaultTestRequest request)
    {
        var now = _time.GetUtcNow();
        var segments = request.Segments;
        int login = segments.Count >= 3 && segments[0] == "auth" && segments[1] != "token" ? segments.ToList().IndexOf("login", 2) : -1;
        if (login > 0)
        {
            return Login(ns, request, string.Join('/', segments.Skip(1).Take(login - 1)), segments.Skip(login + 1).ToList(), now);
        }

        if (request.Token is null || !_tokens.TryGetValue(request.Token, out var token) || !token.IsValidAt(now)
            || !(token.Namespace.Length == 0 || ns.Path == token.Namespace || ns.Path.StartsWith(token.Namespace + "/", StringComparison.Ordinal)))
        {
            return VaultTestReply.PermissionDenied();
        }

        if (segments is ["auth", "token", "lookup-self"] && request.Method == "GET")
        {
            return new VaultTestReply(200, VaultJsonNodes.Envelope(LookupNode(token, now)));
        }

        if (segments is ["auth", "token", "renew-self"] && request.IsWrite)
        {
            return Renew(token, request, now);
        }

        if (segments.Count >= 4 && segments[0] == "sys" && segments[1] == "internal" && segments[2] == "ui" && segments[3] == "mounts")
        {
            return MountInfo(ns, string.Join('/', segments.Skip(4)));
        }

        var (mount, rest) = FindMount(ns, segments);
        if (mount is null)
        {
            return VaultTestReply.Errors(404, $"no handler for route \"{request.Path}\". route entry not found.");
        }

        if (!IsAllowed(ns, token, request))
        {
            return VaultTestReply.PermissionDenied();
        }

        return mount.Handle(request, rest, now);
    }

    private static bool IsAllowed(VaultTestNamespace ns, VaultTestToken token, VaultTestRequest request)
    {
        if (token.Policies.Contains("root"))
        {
            return true;
        }

        string path = request.Path;
        foreach (string name in token.Policies)
        {
            var capabilities = ns.Policies.GetValueOrDefault(name)?.CapabilitiesFor(path);
            if (capabilities is null)
            {
                continue;
            }

            if (capabilities.Contains("deny"))
            {
                return false;
            }

            string needed = request.Capability;
            if (capabilities.Contains(needed) || (needed == "update" && capabilities.Contains("create")))
            {
                return true;
            }
        }

        return false;
    }

    private static (KvTestMount? Mount, List<string> Remainder) FindMount(VaultTestNamespace ns, IReadOnlyList<string> segments)
    {
        for (int length = segments.Count; length >= 1; length--)
        {
            if (ns.Mounts.TryGetValue(string.Join('/', segments.Take(length)), out var mount))
            {
                return (mount, segments.Skip(length).ToList());
            }
        }

        return (null, []);
    }

    private static VaultTestReply MountInfo(VaultTestNamespace ns, string path)
    {
        var (mount, _) = FindMount(ns, path.Split('/'));
        if (mount is null)
        {
            return VaultTestReply.Errors(403, "preflight capability check returned 403, please ensure client's policies grant access to path \"" + path + "/\"");
        }

        return new VaultTestReply(200, VaultJsonNodes.Envelope(new JsonObject
        {
            ["type"] = "kv",
            ["path"] = mount.Path + "/",
            ["description"] = string.Empty,
            ["options"] = new JsonObject { ["version"] = mount.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }));
    }

    private VaultTestReply Login(VaultTestNamespace ns, VaultTestRequest request, string mountPath, List<string> rest, DateTimeOffset now)
    {
        if (!request.IsWrite)
        {
            return VaultTestReply.Unsupported();
        }

        var logins = ns.Logins.Where(l => l.Mount == mountPath).ToList();
        if (logins.Count == 0)
        {
            return VaultTestReply.Errors(404, $"no handler for route \"auth/{mountPath}/login\". route entry not found.");
        }

        var body = request.Body is { ValueKind: JsonValueKind.Object } b ? b : default;
        string? Field(string name) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        VaultTestLogin? match = logins[0].Method switch
        {
            "approle" => logins.FirstOrDefault(l => l.Key == Field("role_id") && l.Credential == Field("secret_id")),
            "userpass" => rest.Count == 1 ? logins.FirstOrDefault(l => l.Key == rest[0] && l.Credential == Field("password")) : null,
            "kubernetes" => logins.FirstOrDefault(l => l.Key == Field("role") && l.Credential == Field("jwt")),
            "jwt" => logins.FirstOrDefault(l => (Field("role") is null || l.Key == Field("role")) && l.Credential == Field("jwt")),
            _ => null,
        };
        if (match is null)
        {
            return logins[0].Method switch
            {
                "approle" => VaultTestReply.Errors(400, "invalid role or secret ID"),
                "userpass" => VaultTestReply.Errors(400, "invalid username or password"),
                _ => VaultTestReply.PermissionDenied(),
            };
        }

        var token = Issue(match.Policies, match.Ttl, match.MaxTtl, renewable: true, ns.Path, $"auth/{mountPath}/login");
        return new VaultTestReply(200, VaultJsonNodes.Envelope(auth: AuthNode(token, now)));
    }

    private VaultTestToken Issue(IReadOnlyList<string> policies, TimeSpan ttl, TimeSpan maxTtl, bool renewable, string ns, string path)
    {
        var now = _time.GetUtcNow();
        var token = new VaultTestToken
        {
            Id = VaultTestToken.NewId(),
            Accessor = Guid.NewGuid().ToString(),
            Namespace = ns,
            Policies = ["default", .. policies],
            CreationTtl = ttl,
            MaxExpiresAt = maxTtl > TimeSpan.Zero ? now + maxTtl : DateTimeOffset.MaxValue,
            IssuedAt = now,
            Renewable = renewable,
            Path = path,
            ExpiresAt = ttl > TimeSpan.Zero ? now + ttl : null,
        };
        _tokens[token.Id] = token;
        return token;
    }

    private static VaultTestReply Renew(VaultTestToken token, VaultTestRequest request, DateTimeOffset now)
    {
        if (!token.Renewable || token.ExpiresAt is null)
        {
            return VaultTestReply.Errors(400, "lease is not renewable");
        }

        var increment = VaultJsonNodes.ParseDuration(request.Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("increment", out var value) ? value : null)
            ?? token.CreationTtl;
        if (increment <= TimeSpan.Zero || increment > token.CreationTtl)
        {
            increment = token.CreationTtl;
        }

        var expiresAt = now + increment;
        token.ExpiresAt = expiresAt < token.MaxExpiresAt ? expiresAt : token.MaxExpiresAt;
        return new VaultTestReply(200, VaultJsonNodes.Envelope(auth: AuthNode(token, now)));
    }

    private static JsonObject AuthNode(VaultTestToken token, DateTimeOffset now) => new()
    {
        ["client_token"] = token.Id,
        ["accessor"] = token.Accessor,
        ["policies"] = new JsonArray([.. token.Policies.Select(p => (JsonNode?)p)]),
        ["token_policies"] = new JsonArray([.. token.Policies.Select(p => (JsonNode?)p)]),
        ["metadata"] = null,
        ["lease_duration"] = (long)Remaining(token, now).TotalSeconds,
        ["renewable"] = token.Renewable,
        ["entity_id"] = string.Empty,
        ["token_type"] = "service",
        ["orphan"] = true,
        ["num_uses"] = 0,
    };

    private static JsonObject LookupNode(VaultTestToken token, DateTimeOffset now) => new()
    {
        ["accessor"] = token.Accessor,
        ["creation_time"] = token.IssuedAt.ToUnixTimeSeconds(),
        ["creation_ttl"] = (long)token.CreationTtl.TotalSeconds,
        ["display_name"] = "token",
        ["expire_time"] = token.ExpiresAt is { } expiresAt ? VaultJsonNodes.Time(expiresAt) : null,
        ["explicit_max_ttl"] = 0,
        ["id"] = token.Id,
        ["issue_time"] = VaultJsonNodes.Time(token.IssuedAt),
        ["num_uses"] = 0,
        ["orphan"] = true,
        ["path"] = token.Path,
        ["policies"] = new JsonArray([.. token.Policies.Select(p => (JsonNode?)p)]),
        ["renewable"] = token.Renewable,
        ["ttl"] = (long)Remaining(token, now).TotalSeconds,
    };

    private static TimeSpan Remaining(VaultTestToken token, DateTimeOffset now) =>
        token.ExpiresAt is { } expiresAt ? (expiresAt > now ? expiresAt - now : TimeSpan.Zero) : TimeSpan.Zero;

    private static async Task WriteAsync(HttpContext context, VaultTestReply reply)
    {
        context.Response.StatusCode = reply.Status;
        context.Response.Headers.CacheControl = "no-store";
        if (reply.Body is JsonNode node)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(node.ToJsonString() + "\n");
        }
    }
}
