using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>Sends one request to Vault: <c>X-Vault-Request: true</c> on every request, the token only in
/// <c>X-Vault-Token</c>, the namespace in <c>X-Vault-Namespace</c>, at most one redirect (never from https to http,
/// the token dropped when the redirect leaves the host), a timeout on the <see cref="TimeProvider"/>, and every
/// transport failure turned into a <see cref="SecretStoreException"/> without request content.</summary>
internal sealed class VaultHttpClient : IDisposable
{
    private const int MaxResponseBytes = 32 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly Uri _apiRoot;
    private readonly string? _namespace;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _storeName;
    private long _requestCount;

    public VaultHttpClient(Uri address, string? vaultNamespace, TimeSpan timeout, HttpMessageHandler handler, TimeProvider timeProvider, ILogger logger, string storeName)
    {
        string root = address.GetLeftPart(UriPartial.Path);
        _apiRoot = new Uri(root.EndsWith('/') ? root + "v1/" : root + "/v1/", UriKind.Absolute);
        _namespace = vaultNamespace;
        _timeout = timeout;
        _timeProvider = timeProvider;
        _logger = logger;
        _storeName = storeName;
        _http = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = MaxResponseBytes,
        };
    }

    /// <summary>How many HTTP requests this client has sent (each redirect counts).</summary>
    public long RequestCount => Interlocked.Read(ref _requestCount);

    public async Task<VaultResponse> SendAsync(VaultRequest request, string? token, VaultCallContext context, CancellationToken cancellationToken)
    {
        var uri = BuildUri(request, context);
        using var timeout = new CancellationTokenSource(_timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await SendFollowingOneRedirectAsync(request, uri, token, context, linked.Token).ConfigureAwait(false);
            return await ReadAsync(response, context, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw context.Error(SecretStoreErrorCode.Timeout, string.Create(CultureInfo.InvariantCulture, $"Vault did not answer within {_timeout.TotalSeconds:0.###} s."), error);
        }
        catch (Exception error) when (VaultErrors.IsTransport(error) && !cancellationToken.IsCancellationRequested)
        {
            // HttpRequestException messages name the host and the socket error; never headers or bodies.
            throw context.Error(SecretStoreErrorCode.Unavailable, "Vault could not be reached, or the connection failed before the answer was complete.", error);
        }
    }

    public void Dispose() => _http.Dispose();

    private Uri BuildUri(VaultRequest request, VaultCallContext context)
    {
        if (!request.Path.StartsWith(request.Root, StringComparison.Ordinal))
        {
            throw context.Error(SecretStoreErrorCode.InvalidName, "The request path would leave its mount.");
        }

        var uri = new Uri(_apiRoot, request.Path + (request.Query is null ? string.Empty : "?" + request.Query));

        // Defence in depth: whatever Uri does to the path, it must still be under /v1/<root>.
        string expectedStart = _apiRoot.AbsolutePath + request.Root;
        if (!uri.AbsolutePath.StartsWith(expectedStart, StringComparison.Ordinal) || !string.IsNullOrEmpty(uri.Fragment)
            || uri.Authority != _apiRoot.Authority || uri.Scheme != _apiRoot.Scheme)
        {
            throw context.Error(SecretStoreErrorCode.InvalidName, "The request path would leave its mount.");
        }

        return uri;
    }

    private async Task<HttpResponseMessage> SendFollowingOneRedirectAsync(VaultRequest request, Uri uri, string? token, VaultCallContext context, CancellationToken cancellationToken)
    {
        var response = await SendOnceAsync(request, uri, token, cancellationToken).ConfigureAwait(false);
        if (!VaultErrors.RedirectStatuses.Contains(response.StatusCode))
        {
            return response;
        }

        using (response)
        {
            var location = response.Headers.Location;
            if (location is null)
            {
                throw context.Error(SecretStoreErrorCode.Unavailable, "Vault answered with a redirect without a location.");
            }

            var target = location.IsAbsoluteUri ? location : new Uri(uri, location);
            if (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp)
            {
                VaultLog.RedirectRefused(_logger, _storeName, "the target is not http or https");
                throw context.Error(SecretStoreErrorCode.Unavailable, "Vault redirected to a location that is not http or https; the redirect was refused.");
            }

            if (uri.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp)
            {
                VaultLog.RedirectRefused(_logger, _storeName, "it leads from https to http");
                throw context.Error(SecretStoreErrorCode.Unavailable, "Vault redirected from https to plain http; the redirect was refused.");
            }

            bool sameOrigin = Uri.Compare(uri, target, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
            VaultLog.RedirectFollowed(_logger, _storeName, sameOrigin ? "path on the same host" : "host", sameOrigin || token is null ? "kept" : "not sent");
            var redirected = await SendOnceAsync(request, target, sameOrigin ? token : null, cancellationToken).ConfigureAwait(false);
            if (VaultErrors.RedirectStatuses.Contains(redirected.StatusCode))
            {
                redirected.Dispose();
                VaultLog.RedirectRefused(_logger, _storeName, "a second redirect in a row");
                throw context.Error(SecretStoreErrorCode.Unavailable, "Vault redirected twice in a row; at most one redirect is followed.");
            }

            return redirected;
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(VaultRequest request, Uri uri, string? token, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, uri);
        message.Headers.Add("X-Vault-Request", "true");
        if (request.Authenticated && token is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Vault-Token", token);
        }

        if (_namespace is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Vault-Namespace", _namespace);
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType);
        }

        Interlocked.Increment(ref _requestCount);
        return await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    private async Task<VaultResponse> ReadAsync(HttpResponseMessage response, VaultCallContext context, CancellationToken cancellationToken)
    {
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        int status = (int)response.StatusCode;
        var retryAfter = VaultErrors.ParseRetryAfter(response.Headers.RetryAfter, _timeProvider.GetUtcNow());
        if (body.Length == 0 || (status == (int)HttpStatusCode.NoContent))
        {
            return new VaultResponse(status, null, retryAfter);
        }

        try
        {
            var envelope = JsonSerializer.Deserialize(body, VaultJsonContext.Default.VaultEnvelope);
            return new VaultResponse(status, envelope, retryAfter);
        }
        catch (JsonException)
        {
            // The JSON exception's message can quote the body, so it is not kept.
            throw context.Error(
                SecretStoreErrorCode.Unavailable,
                string.Create(CultureInfo.InvariantCulture, $"Vault answered HTTP {status} with a body that is not valid JSON (a proxy or load balancer page?)."));
        }
    }
}
