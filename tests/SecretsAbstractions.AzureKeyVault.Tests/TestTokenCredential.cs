using System.Collections.Concurrent;
using Azure.Core;

namespace SecretsAbstractions.AzureKeyVault.Tests;

/// <summary>A credential that hands out one fixed token (or throws <see cref="Failure"/>) and records what it was asked for.</summary>
public sealed class TestTokenCredential(string token) : TokenCredential
{
    private readonly ConcurrentQueue<TokenRequestContext> _requests = new();

    /// <summary>When set, every token request throws it.</summary>
    public Exception? Failure { get; set; }

    /// <summary>The token requests received, in order.</summary>
    public IReadOnlyList<TokenRequestContext> Requests => [.. _requests];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        _requests.Enqueue(requestContext);
        if (Failure is { } failure)
        {
            throw failure;
        }

        return new AccessToken(token, TimeProvider.System.GetUtcNow().AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
