using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SecretsAbstractions.AwsSecretsManager.Internal;

/// <summary>Parses AWS JSON 1.1 error responses and maps them to <see cref="SecretStoreErrorCode"/> in one table.</summary>
internal static class AwsSecretsManagerErrors
{
    public const string ResourceNotFound = "ResourceNotFoundException";

    /// <summary>The one table: the service's error type to the portable code.</summary>
    private static readonly Dictionary<string, SecretStoreErrorCode> Table = new(StringComparer.Ordinal)
    {
        [ResourceNotFound] = SecretStoreErrorCode.NotFound,
        ["AccessDeniedException"] = SecretStoreErrorCode.AccessDenied,
        ["DecryptionFailure"] = SecretStoreErrorCode.AccessDenied,
        ["EncryptionFailure"] = SecretStoreErrorCode.AccessDenied,
        ["UnrecognizedClientException"] = SecretStoreErrorCode.Unauthenticated,
        ["InvalidClientTokenId"] = SecretStoreErrorCode.Unauthenticated,
        ["InvalidSignatureException"] = SecretStoreErrorCode.Unauthenticated,
        ["SignatureDoesNotMatch"] = SecretStoreErrorCode.Unauthenticated,
        ["ExpiredTokenException"] = SecretStoreErrorCode.Unauthenticated,
        ["IncompleteSignature"] = SecretStoreErrorCode.Unauthenticated,
        ["IncompleteSignatureException"] = SecretStoreErrorCode.Unauthenticated,
        ["MissingAuthenticationToken"] = SecretStoreErrorCode.Unauthenticated,
        ["MissingAuthenticationTokenException"] = SecretStoreErrorCode.Unauthenticated,
        ["RequestExpired"] = SecretStoreErrorCode.Unauthenticated,
        ["InvalidRequestException"] = SecretStoreErrorCode.InvalidRequest,
        ["InvalidParameterException"] = SecretStoreErrorCode.InvalidRequest,
        ["InvalidNextTokenException"] = SecretStoreErrorCode.InvalidRequest,
        ["ValidationException"] = SecretStoreErrorCode.InvalidRequest,
        ["SerializationException"] = SecretStoreErrorCode.InvalidRequest,
        ["ResourceExistsException"] = SecretStoreErrorCode.Conflict,
        ["PreconditionNotMetException"] = SecretStoreErrorCode.Conflict,
        ["ThrottlingException"] = SecretStoreErrorCode.Throttled,
        ["LimitExceededException"] = SecretStoreErrorCode.Throttled,
        ["RequestLimitExceeded"] = SecretStoreErrorCode.Throttled,
        ["TooManyRequestsException"] = SecretStoreErrorCode.Throttled,
        ["InternalServiceError"] = SecretStoreErrorCode.Unavailable,
        ["InternalFailure"] = SecretStoreErrorCode.Unavailable,
        ["ServiceUnavailable"] = SecretStoreErrorCode.Unavailable,
    };

    /// <summary>Maps a service error type (and status) to the portable code.</summary>
    public static SecretStoreErrorCode ToCode(string? errorType, int status) =>
        errorType is not null && Table.TryGetValue(errorType, out var code) ? code
        : status >= 500 ? SecretStoreErrorCode.Unavailable
        : status == 429 ? SecretStoreErrorCode.Throttled
        : status is 401 ? SecretStoreErrorCode.Unauthenticated
        : status is 403 ? SecretStoreErrorCode.AccessDenied
        : SecretStoreErrorCode.Unknown;

    /// <summary>Reads the error type as the awsJson1_1 protocol says: the <c>X-Amzn-Errortype</c> header, else the
    /// body's top-level <c>code</c>, else its top-level <c>__type</c>; sanitized (before the first <c>:</c>, after the first <c>#</c>).</summary>
    public static string? ParseErrorType(HttpResponseHeaders headers, ReadOnlySpan<byte> body)
    {
        if (headers.TryGetValues("X-Amzn-Errortype", out var values) && values.FirstOrDefault() is { Length: > 0 } header)
        {
            return Sanitize(header);
        }

        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (document.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
            {
                return Sanitize(code.GetString()!);
            }

            return document.RootElement.TryGetProperty("__type", out var type) && type.ValueKind == JsonValueKind.String ? Sanitize(type.GetString()!) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Keeps the shape name: the part before the first <c>:</c>, then the part after the first <c>#</c>.</summary>
    public static string Sanitize(string value)
    {
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            value = value[..colon];
        }

        int hash = value.IndexOf('#', StringComparison.Ordinal);
        return hash >= 0 ? value[(hash + 1)..] : value;
    }

    public static AwsSecretsManagerException FromResponse(HttpStatusCode status, HttpResponseHeaders headers, ReadOnlySpan<byte> body, ErrorContext context, TimeProvider timeProvider)
    {
        string? type = ParseErrorType(headers, body);
        var code = ToCode(type, (int)status);
        string? requestId = headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        string hint = type == "DecryptionFailure" || type == "EncryptionFailure"
            ? " Check that the caller may use the secret's KMS key (kms:Decrypt)."
            : string.Empty;
        string message = string.Create(CultureInfo.InvariantCulture, $"Secrets Manager answered {(int)status} {type ?? "(no error type)"}{(requestId is null ? string.Empty : $", request id {requestId}")}.{hint}");
        return new AwsSecretsManagerException(code, message)
        {
            StoreName = context.StoreName,
            Operation = context.Operation,
            SecretName = context.SecretName,
            AwsErrorType = type,
            RequestId = requestId,
            StatusCode = (int)status,
            RetryAfter = code == SecretStoreErrorCode.Throttled ? GetRetryAfter(headers.RetryAfter, timeProvider) : null,
        };
    }

    private static TimeSpan? GetRetryAfter(RetryConditionHeaderValue? retryAfter, TimeProvider timeProvider)
    {
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}

/// <summary>Who failed doing what, for error messages.</summary>
internal readonly record struct ErrorContext(string StoreName, string Operation, string? SecretName);
