using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.AwsSecretsManager.Internal;

/// <summary>The AWS JSON 1.1 protocol: <c>POST /</c> with <c>X-Amz-Target: secretsmanager.&lt;Operation&gt;</c>,
/// signed by AWSSDK.Core's <see cref="SigV4SigningHandler"/>.</summary>
internal sealed class SecretsManagerHttpClient : IDisposable
{
    public const string ContentType = "application/x-amz-json-1.1";
    public const string TargetPrefix = "secretsmanager.";
    public const string SigningName = "secretsmanager";

    private static readonly MediaTypeHeaderValue JsonContentType = new(ContentType);

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public SecretsManagerHttpClient(AwsSecretsManagerSecretStoreOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _timeProvider = timeProvider;
        _logger = logger;
        _timeout = options.RequestTimeout;
        var region = ResolveRegion(options);
        Region = region.SystemName;
        Endpoint = ResolveEndpoint(options, region);
        var credentials = ResolveCredentials(options);
        var inner = options.HttpMessageHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var signer = new SigV4SigningHandler(credentials, region, SigningName, inner);
        _http = new HttpClient(signer, disposeHandler: options.HttpMessageHandler is null) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri Endpoint { get; }

    /// <summary>The region requests are signed for, such as <c>us-east-1</c>.</summary>
    public string Region { get; }

    public async Task<JsonObject> SendAsync(string operation, JsonObject body, ErrorContext context, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", TargetPrefix + operation);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = JsonContentType;
        request.Content = content;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            byte[] bytes = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var error = AwsSecretsManagerErrors.FromResponse(response.StatusCode, response.Headers, bytes, context, _timeProvider);
                if (error.ErrorCode != SecretStoreErrorCode.NotFound)
                {
                    AwsSecretsManagerLog.RequestFailed(_logger, context.StoreName, context.Operation, context.SecretName ?? string.Empty, error.ErrorCode, error.StatusCode ?? 0, error.AwsErrorType, error.RequestId);
                }

                throw error;
            }

            try
            {
                return JsonNode.Parse(bytes.Length == 0 ? "{}"u8 : bytes) as JsonObject
                    ?? throw new JsonException("The response is not a JSON object.");
            }
            catch (JsonException parse)
            {
                throw Transport(SecretStoreErrorCode.Unavailable, "Secrets Manager sent a response that is not a JSON object.", parse, context);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw Transport(SecretStoreErrorCode.Timeout, $"Secrets Manager did not answer within {_timeout}.", null, context);
        }
        catch (HttpRequestException failure)
        {
            throw Transport(SecretStoreErrorCode.Unavailable, "Secrets Manager could not be reached.", failure, context);
        }
        catch (IOException failure)
        {
            throw Transport(SecretStoreErrorCode.Unavailable, "The connection to Secrets Manager failed.", failure, context);
        }
        catch (AmazonClientException failure)
        {
            // Credential resolution failed (no credentials, expired SSO token, ...); the SDK's text names no secret.
            throw Transport(SecretStoreErrorCode.Unauthenticated, "No AWS credentials could be resolved to sign the request.", failure, context, isTransient: false);
        }
    }

    public void Dispose() => _http.Dispose();

    private AwsSecretsManagerException Transport(SecretStoreErrorCode code, string message, Exception? inner, ErrorContext context, bool? isTransient = null)
    {
        AwsSecretsManagerLog.TransportFailed(_logger, context.StoreName, context.Operation, code, inner?.GetType().Name ?? code.ToString());
        return new AwsSecretsManagerException(code, message, inner, isTransient)
        {
            StoreName = context.StoreName,
            Operation = context.Operation,
            SecretName = context.SecretName,
        };
    }

    private static RegionEndpoint ResolveRegion(AwsSecretsManagerSecretStoreOptions options)
    {
        if (!string.IsNullOrEmpty(options.Region))
        {
            return RegionEndpoint.GetBySystemName(options.Region);
        }

        return FallbackRegionFactory.GetRegionEndpoint()
            ?? throw new SecretStoreException(SecretStoreErrorCode.InvalidRequest, "No AWS region is configured: set the Region option or AWS_REGION.");
    }

    private static Uri ResolveEndpoint(AwsSecretsManagerSecretStoreOptions options, RegionEndpoint region)
    {
        if (options.ServiceUrl is { } url)
        {
            return url;
        }

        foreach (string variable in (string[])["AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_ENDPOINT_URL"])
        {
            if (options.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                return Uri.TryCreate(value, UriKind.Absolute, out var fromEnvironment) && (fromEnvironment.Scheme == Uri.UriSchemeHttps || fromEnvironment.Scheme == Uri.UriSchemeHttp)
                    ? fromEnvironment
                    : throw new SecretStoreException(SecretStoreErrorCode.InvalidRequest, $"The environment variable {variable} is not an absolute http or https URI.");
            }
        }

        string host = options.UseFips ? "secretsmanager-fips" : "secretsmanager";
        string suffix = region.SystemName.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{host}.{region.SystemName}.{suffix}/");
    }

    private static AWSCredentials ResolveCredentials(AwsSecretsManagerSecretStoreOptions options)
    {
        if (options.Credentials is { } credentials)
        {
            return credentials;
        }

        if (!string.IsNullOrEmpty(options.Profile))
        {
            return new CredentialProfileStoreChain().TryGetAWSCredentials(options.Profile, out var fromProfile)
                ? fromProfile
                : throw new SecretStoreException(SecretStoreErrorCode.Unauthenticated, $"The AWS profile '{options.Profile}' was not found or holds no credentials.");
        }

        try
        {
            return new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(null);
        }
        catch (AmazonClientException error)
        {
            // The SDK's text lists the sources it tried; it names no secret.
            throw new SecretStoreException(SecretStoreErrorCode.Unauthenticated, "No AWS credentials were found by the default chain (environment, profiles, SSO, web identity, container and instance metadata).", error, isTransient: false);
        }
    }
}
