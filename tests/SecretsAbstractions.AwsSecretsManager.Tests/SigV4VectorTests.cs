using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SecretsAbstractions.AwsSecretsManager.Tests.Server;

namespace SecretsAbstractions.AwsSecretsManager.Tests;

/// <summary>The test server's verifier reproduces the official SigV4 test suite (aws-c-auth, v4, header signing).</summary>
public sealed class SigV4VectorTests
{
    private static readonly JsonObject Cases = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sigv4-v4-cases.json")))!["cases"]!;

    public static TheoryData<string> CaseNames() => [.. Cases.Select(c => c.Key)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void StringToSignAndSignatureMatchTheSuite(string name)
    {
        var vector = Cases[name]!;
        var context = vector["context"]!;
        var time = DateTimeOffset.Parse(context["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        string amzDate = SigV4.ToAmzDate(time);
        string date = amzDate[..8];
        string region = context["region"]!.GetValue<string>();
        string service = context["service"]!.GetValue<string>();
        string scope = SigV4.Scope(date, region, service);

        string stringToSign = SigV4.StringToSign(amzDate, scope, vector["header-canonical-request"]!.GetValue<string>());
        Assert.Equal(vector["header-string-to-sign"]!.GetValue<string>(), stringToSign);
        Assert.Equal(vector["header-signature"]!.GetValue<string>(), SigV4.Signature(context["credentials"]!["secret_access_key"]!.GetValue<string>(), date, region, service, stringToSign));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void CanonicalRequestFromTheSignedRequestMatchesTheSuite(string name)
    {
        var vector = Cases[name]!;
        string expected = vector["header-canonical-request"]!.GetValue<string>();
        var (method, target, headers, body) = ParseRequest(vector["header-signed-request"]!.GetValue<string>());
        string[] expectedLines = expected.Split('\n');
        var signedHeaders = expectedLines[^2].Split(';');
        int query = target.IndexOf('?', StringComparison.Ordinal);
        string path = query < 0 ? target : target[..query];
        bool normalize = vector["context"]!["normalize"]?.GetValue<bool>() ?? true;
        string canonicalUri = SigV4.CanonicalUri(path, normalize);
        string payloadHash = SigV4.Hash(Encoding.UTF8.GetBytes(body));

        string canonical = SigV4.CanonicalRequest(method, canonicalUri, SigV4.CanonicalQuery(query < 0 ? string.Empty : target[(query + 1)..]), headers, signedHeaders, payloadHash);

        Assert.Equal(expected, canonical);
    }

    private static (string Method, string Target, List<KeyValuePair<string, string>> Headers, string Body) ParseRequest(string raw)
    {
        string[] lines = raw.Split('\n');
        string[] first = lines[0].Split(' ');
        string method = first[0];
        string target = string.Join(' ', first[1..^1]);
        var headers = new List<KeyValuePair<string, string>>();
        int i = 1;
        for (; i < lines.Length && lines[i].Length > 0; i++)
        {
            int colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                // A folded line continues the previous header's value.
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + " " + lines[i].Trim());
                continue;
            }

            headers.Add(new(lines[i][..colon], lines[i][(colon + 1)..]));
        }

        string body = i + 1 < lines.Length ? string.Join('\n', lines[(i + 1)..]) : string.Empty;
        return (method, target, headers, body);
    }
}
