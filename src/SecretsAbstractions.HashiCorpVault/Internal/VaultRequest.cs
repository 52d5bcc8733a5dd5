namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>One request to Vault. <see cref="Path"/> is relative to <c>/v1/</c> and already escaped; it must start
/// with <see cref="Root"/>, which the client checks again on the final URI.</summary>
internal sealed record VaultRequest(HttpMethod Method, string Path, string Root)
{
    public static HttpMethod List { get; } = new("LIST");

    public string? Query { get; init; }

    public byte[]? Body { get; init; }

    public string ContentType { get; init; } = "application/json";

    /// <summary>Whether the request carries the token (logins do not).</summary>
    public bool Authenticated { get; init; } = true;
}

/// <summary>Vault's answer: the status and the parsed envelope, if any.</summary>
internal sealed class VaultResponse(int statusCode, VaultEnvelope? envelope, TimeSpan? retryAfter)
{
    public int StatusCode { get; } = statusCode;

    public VaultEnvelope? Envelope { get; } = envelope;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>Vault's <c>errors</c>, joined; empty when there are none.</summary>
    public string ErrorText => Envelope?.Errors is { Count: > 0 } errors ? string.Join("; ", errors) : string.Empty;

    /// <summary>A 404 that is an <c>errors</c> body naming no route (the path is routed but holds nothing), or an
    /// envelope without errors (a deleted KV v2 version). A 404 <c>no handler for route</c> means no such mount.</summary>
    public bool IsNothingThere => StatusCode == 404 && !ErrorText.Contains("no handler for route", StringComparison.OrdinalIgnoreCase);
}
