namespace SecretsAbstractions.AzureKeyVault.Tests.Server;

/// <summary>One request the test server received, as the tests need to see it. The Authorization header and
/// the body are not kept (they hold the token and secret values); only whether they were there.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">The path and query, as sent.</param>
/// <param name="HadBearerToken">Whether an <c>Authorization: Bearer</c> header was sent.</param>
/// <param name="BodyLength">The request body's length, or null when there was none.</param>
/// <param name="Status">The status the server answered.</param>
/// <param name="Headers">The request headers other than Authorization, for comparison with the wire capture.</param>
public sealed record RecordedRequest(string Method, string Target, bool HadBearerToken, long? BodyLength, int Status, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The path without the query.</summary>
    public string Path => Target.Split('?')[0];
}
