using System.Globalization;
using System.Net;

namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>The one table from Vault's answers to <see cref="SecretStoreErrorCode"/>. Messages carry Vault's
/// <c>errors</c> text (which names paths and policies, never values or tokens) and the status code.</summary>
internal static class VaultErrors
{
    private const int MaxErrorTextLength = 300;

    public static SecretStoreErrorCode Classify(int status, string errorText) => status switch
    {
        400 when errorText.Contains("check-and-set", StringComparison.OrdinalIgnoreCase) => SecretStoreErrorCode.Conflict,
        400 => SecretStoreErrorCode.InvalidRequest,
        401 => SecretStoreErrorCode.Unauthenticated,
        403 => SecretStoreErrorCode.AccessDenied,
        404 when errorText.Contains("no handler for route", StringComparison.OrdinalIgnoreCase) => SecretStoreErrorCode.InvalidRequest,
        404 => SecretStoreErrorCode.NotFound,
        405 => SecretStoreErrorCode.NotSupported,
        412 => SecretStoreErrorCode.Unavailable,
        429 or 472 or 473 => SecretStoreErrorCode.Unavailable,
        >= 500 and < 600 => SecretStoreErrorCode.Unavailable,
        _ => SecretStoreErrorCode.Unknown,
    };

    public static string Describe(int status) => status switch
    {
        400 => "Vault refused the request",
        403 => "Vault denied permission (a policy does not allow this path, or the token is invalid or expired)",
        404 => "Vault found nothing at this path, or no mount serves it",
        405 => "Vault does not support this operation here",
        412 => "Vault could not reach a consistent state for this request in time (412, eventual consistency); retry later",
        429 => "The Vault node is a standby and cannot serve this request (429)",
        472 or 473 => "The Vault node is a disaster-recovery or performance standby",
        501 => "Vault is not initialized (501)",
        503 => "Vault is sealed or under maintenance (503)",
        >= 500 and < 600 => "Vault failed (server error)",
        _ => "Vault answered with an unexpected status",
    };

    public static SecretStoreException FromResponse(VaultResponse response, VaultCallContext context)
    {
        string errorText = response.ErrorText;
        var code = Classify(response.StatusCode, errorText);
        string message = string.Create(CultureInfo.InvariantCulture, $"{Describe(response.StatusCode)}: HTTP {response.StatusCode}");
        if (errorText.Length > 0)
        {
            message += ": " + Shorten(errorText);
        }

        return context.Error(code, message, inner: null, response.RetryAfter);
    }

    public static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ").Replace('\t', ' ').Trim();
        text = string.Concat(text.Where(c => !char.IsControl(c)));
        return text.Length <= MaxErrorTextLength ? text : string.Concat(text.AsSpan(0, MaxErrorTextLength), "...");
    }

    public static bool IsTransport(Exception error) => error is HttpRequestException or IOException;

    public static TimeSpan? ParseRetryAfter(System.Net.Http.Headers.RetryConditionHeaderValue? header, DateTimeOffset now) =>
        header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } when date > now => date - now,
            _ => null,
        };

    public static HttpStatusCode[] RedirectStatuses { get; } =
        [HttpStatusCode.MovedPermanently, HttpStatusCode.Found, HttpStatusCode.SeeOther, HttpStatusCode.TemporaryRedirect, HttpStatusCode.PermanentRedirect];
}
