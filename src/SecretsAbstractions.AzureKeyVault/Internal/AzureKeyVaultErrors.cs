using System.Globalization;
using System.Text.Json;
using Azure;

namespace SecretsAbstractions.AzureKeyVault.Internal;

/// <summary>The one table that turns what the Azure SDK throws into <see cref="SecretStoreException"/>s.
/// Messages name the status and Key Vault's error code, never a value; the native exception is kept as the
/// inner exception.</summary>
internal static class AzureKeyVaultErrors
{
    /// <summary>Key Vault's inner error code for an operation on a disabled secret (403 Forbidden).</summary>
    public const string SecretDisabledCode = "SecretDisabled";

    private const string AuthenticationFailedType = "Azure.Identity.AuthenticationFailedException";
    private const string CredentialUnavailableType = "Azure.Identity.CredentialUnavailableException";

    /// <summary>Maps <paramref name="error"/>, or returns <see langword="null"/> when it is not a backend failure
    /// (a cancellation the caller asked for, a bug) and must propagate as it is. When the SDK has already retried
    /// (<paramref name="sdkRetried"/>), the failure is reported as not transient, so that no outer layer retries again.</summary>
    public static SecretStoreException? Map(Exception error, in ErrorContext context, bool sdkRetried, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (Classify(error, timeProvider, cancellationToken) is not { } mapped)
        {
            return null;
        }

        var (code, reason, retryAfter) = mapped;
        return new SecretStoreException(code, reason, error, isTransient: sdkRetried ? false : null)
        {
            StoreName = context.StoreName,
            Operation = context.Operation,
            SecretName = context.SecretName,
            RetryAfter = retryAfter,
        };
    }

    private static (SecretStoreErrorCode Code, string Reason, TimeSpan? RetryAfter)? Classify(Exception error, TimeProvider timeProvider, CancellationToken cancellationToken) => error switch
    {
        RequestFailedException failed => FromResponse(failed, timeProvider),
        _ when HasType(error, CredentialUnavailableType) => (SecretStoreErrorCode.Unauthenticated,
            "No Azure credential is available to authenticate to Key Vault: configure one of the sources DefaultAzureCredential tries (environment, workload identity, managed identity, Azure CLI, ...) or pass a TokenCredential.", null),
        _ when HasType(error, AuthenticationFailedType) => (SecretStoreErrorCode.Unauthenticated,
            "The Azure credential failed to get a token for Key Vault; see the inner exception.", null),
        OperationCanceledException when !cancellationToken.IsCancellationRequested => (SecretStoreErrorCode.Timeout,
            "The request to Key Vault timed out (SecretClientOptions.Retry.NetworkTimeout).", null),
        _ => null,
    };

    /// <summary>Whether <paramref name="error"/> is a credential's failure to get a token.</summary>
    public static bool IsCredentialFailure(Exception error) => HasType(error, AuthenticationFailedType);

    // Matched by name: both Azure.Identity and Azure.Core 1.64+ define these types, and a credential may come
    // from either.
    private static bool HasType(Exception error, string fullName)
    {
        for (var type = error.GetType(); type is not null; type = type.BaseType)
        {
            if (string.Equals(type.FullName, fullName, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether Key Vault refused the request because the secret is disabled.</summary>
    public static bool IsDisabled(RequestFailedException error) =>
        error.Status == 403 && string.Equals(ReadInnerErrorCode(error), SecretDisabledCode, StringComparison.Ordinal);

    private static (SecretStoreErrorCode, string, TimeSpan?) FromResponse(RequestFailedException error, TimeProvider timeProvider)
    {
        string what = error.Status == 0
            ? "Key Vault could not be reached"
            : string.Create(CultureInfo.InvariantCulture, $"Key Vault answered {error.Status} ({error.ErrorCode ?? "no error code"})");
        return error.Status switch
        {
            0 => (SecretStoreErrorCode.Unavailable, what + ".", null),
            400 => (SecretStoreErrorCode.InvalidRequest, what + ": the request is invalid.", null),
            401 => (SecretStoreErrorCode.Unauthenticated, what + ": the token was missing, expired or for another resource.", null),
            403 when IsDisabled(error) => (SecretStoreErrorCode.Disabled, what + ": the secret is disabled.", null),
            403 => (SecretStoreErrorCode.AccessDenied, what + ": the caller is not allowed (access policy, RBAC role or firewall).", null),
            404 => (SecretStoreErrorCode.NotFound, what + ": the secret does not exist.", null),
            408 => (SecretStoreErrorCode.Timeout, what + ".", null),
            409 => (SecretStoreErrorCode.Conflict, what + ": the secret's state does not allow this (for example, it is deleted but not purged).", null),
            429 => (SecretStoreErrorCode.Throttled, what + ": the vault is throttling requests.", ReadRetryAfter(error, timeProvider)),
            >= 500 => (SecretStoreErrorCode.Unavailable, what + ".", ReadRetryAfter(error, timeProvider)),
            _ => (SecretStoreErrorCode.Unknown, what + ".", null),
        };
    }

    private static TimeSpan? ReadRetryAfter(RequestFailedException error, TimeProvider timeProvider)
    {
        var headers = error.GetRawResponse()?.Headers;
        if (headers is null)
        {
            return null;
        }

        foreach (string header in (ReadOnlySpan<string>)["retry-after-ms", "x-ms-retry-after-ms"])
        {
            if (headers.Value.TryGetValue(header, out string? ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out double milliseconds) && milliseconds >= 0)
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        if (!headers.Value.TryGetValue("Retry-After", out string? value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var delay = date - timeProvider.GetUtcNow();
            return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        }

        return null;
    }

    // The error body is {"error":{"code","message","innererror":{"code"}}}; it never holds a secret value.
    private static string? ReadInnerErrorCode(RequestFailedException error)
    {
        var content = error.GetRawResponse()?.Content;
        if (content is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content.ToMemory());
            return document.RootElement.TryGetProperty("error", out var body)
                && body.ValueKind == JsonValueKind.Object
                && body.TryGetProperty("innererror", out var inner)
                && inner.ValueKind == JsonValueKind.Object
                && inner.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Where an error happened, for <see cref="SecretStoreException"/>.</summary>
internal readonly record struct ErrorContext(string StoreName, string Operation, string? SecretName);
