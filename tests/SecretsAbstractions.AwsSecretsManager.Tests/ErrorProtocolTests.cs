using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SecretsAbstractions.AwsSecretsManager.Internal;

namespace SecretsAbstractions.AwsSecretsManager.Tests;

/// <summary>The official awsJson1_1 error-parsing compliance tests, and the one error table.</summary>
public sealed class ErrorProtocolTests
{
    private static readonly JsonArray Cases = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "awsjson11-error-protocol-tests.json")))!["testCases"]!.AsArray();

    public static TheoryData<string> CaseIds() => [.. Cases.Select(c => c!["id"]!.GetValue<string>())];

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void ErrorTypeIsParsedAsTheProtocolTestSays(string id)
    {
        var test = Cases.Single(c => c!["id"]!.GetValue<string>() == id)!;
        using var response = new HttpResponseMessage((HttpStatusCode)test["code"]!.GetValue<int>());
        foreach (var (name, value) in test["headers"]!.AsObject())
        {
            response.Headers.TryAddWithoutValidation(name, value!.GetValue<string>());
        }

        byte[] body = test["body"] is { } json ? Encoding.UTF8.GetBytes(json.ToJsonString()) : [];

        Assert.Equal(test["expectedErrorShape"]!.GetValue<string>(), AwsSecretsManagerErrors.ParseErrorType(response.Headers, body));
    }

    [Theory]
    [InlineData("ResourceNotFoundException", 400, SecretStoreErrorCode.NotFound)]
    [InlineData("AccessDeniedException", 400, SecretStoreErrorCode.AccessDenied)]
    [InlineData("DecryptionFailure", 400, SecretStoreErrorCode.AccessDenied)]
    [InlineData("UnrecognizedClientException", 400, SecretStoreErrorCode.Unauthenticated)]
    [InlineData("InvalidSignatureException", 400, SecretStoreErrorCode.Unauthenticated)]
    [InlineData("ExpiredTokenException", 400, SecretStoreErrorCode.Unauthenticated)]
    [InlineData("IncompleteSignature", 400, SecretStoreErrorCode.Unauthenticated)]
    [InlineData("IncompleteSignatureException", 400, SecretStoreErrorCode.Unauthenticated)]
    [InlineData("InvalidRequestException", 400, SecretStoreErrorCode.InvalidRequest)]
    [InlineData("InvalidParameterException", 400, SecretStoreErrorCode.InvalidRequest)]
    [InlineData("ResourceExistsException", 400, SecretStoreErrorCode.Conflict)]
    [InlineData("ThrottlingException", 400, SecretStoreErrorCode.Throttled)]
    [InlineData("LimitExceededException", 400, SecretStoreErrorCode.Throttled)]
    [InlineData("RequestLimitExceeded", 400, SecretStoreErrorCode.Throttled)]
    [InlineData("InternalServiceError", 500, SecretStoreErrorCode.Unavailable)]
    [InlineData(null, 503, SecretStoreErrorCode.Unavailable)]
    [InlineData("SomethingNew", 400, SecretStoreErrorCode.Unknown)]
    public void OneTableMapsErrorTypes(string? type, int status, SecretStoreErrorCode expected) =>
        Assert.Equal(expected, AwsSecretsManagerErrors.ToCode(type, status));
}
