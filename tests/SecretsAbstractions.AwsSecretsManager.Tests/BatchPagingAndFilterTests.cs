using System.Text.Json.Nodes;
using SecretsAbstractions.AwsSecretsManager.Tests.Conformance;
using SecretsAbstractions.AwsSecretsManager.Tests.Server;

namespace SecretsAbstractions.AwsSecretsManager.Tests;

/// <summary>BatchGetSecretValue paging, and the Filters of BatchGetSecretValue and ListSecrets, as the service model
/// describes them; and the adapter reading every secret of a paged batch reply.</summary>
public sealed class BatchPagingAndFilterTests : IAsyncLifetime
{
    private SecretsManagerTestServer _server = null!;
    private AwsSecretsManagerSecretStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SecretsManagerState State => _server.State;

    public async ValueTask InitializeAsync()
    {
        _server = await SecretsManagerTestServer.StartAsync();
        _store = TestStores.Create(_server);
    }

    public async ValueTask DisposeAsync()
    {
        _store.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task TheAdapterReadsEverySecretWhenTheServerPagesBatchReplies()
    {
        var requests = new List<SecretRequest>();
        for (int i = 0; i < 45; i++)
        {
            Create($"paged/s{i:D2}", $"v{i}");
            requests.Add($"paged/s{i:D2}");
        }

        requests.Add("paged/missing");
        State.BatchFailures["paged/s21"] = "DecryptionFailure";
        State.BatchPageSize = 3;
        long before = _server.RequestCount;

        var results = await _store.GetSecretsAsync(requests, Ct);

        // 46 names in chunks of 20, 20 and 6, each reply paged 3 at a time: 7 + 7 + 2 calls.
        Assert.Equal(16, _server.RequestCount - before);
        Assert.All(_server.Operations.Skip((int)before), op => Assert.Equal("BatchGetSecretValue", op));
        for (int i = 0; i < 45; i++)
        {
            if (i == 21)
            {
                Assert.Equal(SecretStoreErrorCode.AccessDenied, results[i].Error!.ErrorCode);
            }
            else
            {
                Assert.Equal($"v{i}", results[i].Secret!.Value.RevealString());
            }
        }

        Assert.False(results[45].IsFound);
        Assert.Null(results[45].Error);
    }

    [Fact]
    public void ASecretIdListReplyIsPagedAndTheTokenBelongsToItsList()
    {
        for (int i = 0; i < 5; i++)
        {
            Create($"ids/s{i}", $"v{i}");
        }

        State.BatchPageSize = 2;
        var ids = new JsonArray("ids/s0", "ids/s1", "ids/s2", "ids/s3", "ids/s4", "ids/none");
        var names = new List<string>();
        var errors = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            var input = new JsonObject { ["SecretIdList"] = ids.DeepClone() };
            if (token is not null)
            {
                input["NextToken"] = token;
            }

            var page = State.Handle("BatchGetSecretValue", input);
            names.AddRange(page["SecretValues"]!.AsArray().Select(v => v!["Name"]!.GetValue<string>()));
            errors.AddRange(page["Errors"]!.AsArray().Select(v => v!["SecretId"]!.GetValue<string>()));
            token = page["NextToken"]?.GetValue<string>();
            pages++;
            if (token is not null)
            {
                var otherList = new JsonObject { ["SecretIdList"] = new JsonArray("ids/s0"), ["NextToken"] = token };
                Assert.Equal("InvalidNextTokenException", Refusal("BatchGetSecretValue", otherList));
            }
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(["ids/s0", "ids/s1", "ids/s2", "ids/s3", "ids/s4"], names);
        Assert.Equal(["ids/none"], errors);
    }

    [Fact]
    public void BatchFiltersPageByMaxResultsAndAPageMayBeEmpty()
    {
        for (int i = 0; i < 12; i++)
        {
            Create(i % 2 == 0 ? $"team-a/s{i:D2}" : $"team-b/s{i:D2}", $"v{i}");
        }

        var found = new List<string>();
        var pageSizes = new List<int>();
        string? token = null;
        do
        {
            var input = new JsonObject
            {
                ["Filters"] = new JsonArray(new JsonObject { ["Key"] = "name", ["Values"] = new JsonArray("team-a/") }),
                ["MaxResults"] = 1,
            };
            if (token is not null)
            {
                input["NextToken"] = token;
            }

            var page = State.Handle("BatchGetSecretValue", input);
            var values = page["SecretValues"]!.AsArray();
            pageSizes.Add(values.Count);
            found.AddRange(values.Select(v => v!["Name"]!.GetValue<string>()));
            token = page["NextToken"]?.GetValue<string>();
        }
        while (token is not null);

        Assert.Equal(["team-a/s00", "team-a/s02", "team-a/s04", "team-a/s06", "team-a/s08", "team-a/s10"], found.Order(StringComparer.Ordinal));
        Assert.Contains(0, pageSizes);
        Assert.Equal(12, pageSizes.Count);
    }

    [Theory]
    [InlineData("ids+filters", "InvalidParameterException")]
    [InlineData("neither", "InvalidParameterException")]
    [InlineData("ids+max", "InvalidParameterException")]
    [InlineData("max-21", "ValidationException")]
    [InlineData("max-0", "ValidationException")]
    [InlineData("ids-21", "ValidationException")]
    [InlineData("ids-empty", "ValidationException")]
    [InlineData("bad-key", "ValidationException")]
    [InlineData("no-values", "ValidationException")]
    [InlineData("11-values", "ValidationException")]
    [InlineData("11-filters", "ValidationException")]
    [InlineData("bad-char", "ValidationException")]
    [InlineData("bad-token", "InvalidNextTokenException")]
    public void InvalidBatchRequestsGetTheServiceErrors(string which, string expected)
    {
        JsonObject Filter(string key, params string[] values) => new() { ["Key"] = key, ["Values"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };
        JsonArray Filters(params JsonObject[] filters) => new([.. filters]);
        var input = which switch
        {
            "ids+filters" => new JsonObject { ["SecretIdList"] = new JsonArray("a"), ["Filters"] = Filters(Filter("name", "a")) },
            "neither" => new JsonObject(),
            "ids+max" => new JsonObject { ["SecretIdList"] = new JsonArray("a"), ["MaxResults"] = 5 },
            "max-21" => new JsonObject { ["Filters"] = Filters(Filter("name", "a")), ["MaxResults"] = 21 },
            "max-0" => new JsonObject { ["Filters"] = Filters(Filter("name", "a")), ["MaxResults"] = 0 },
            "ids-21" => new JsonObject { ["SecretIdList"] = new JsonArray([.. Enumerable.Range(0, 21).Select(i => (JsonNode)$"s{i}")]) },
            "ids-empty" => new JsonObject { ["SecretIdList"] = new JsonArray() },
            "bad-key" => new JsonObject { ["Filters"] = Filters(Filter("colour", "red")) },
            "no-values" => new JsonObject { ["Filters"] = Filters(Filter("name")) },
            "11-values" => new JsonObject { ["Filters"] = Filters(Filter("name", [.. Enumerable.Range(0, 11).Select(i => $"v{i}")])) },
            "11-filters" => new JsonObject { ["Filters"] = Filters([.. Enumerable.Range(0, 11).Select(i => Filter("name", $"v{i}"))]) },
            "bad-char" => new JsonObject { ["Filters"] = Filters(Filter("name", "semi;colon")) },
            _ => new JsonObject { ["SecretIdList"] = new JsonArray("a"), ["NextToken"] = "not-a-token" },
        };

        Assert.Equal(expected, Refusal("BatchGetSecretValue", input));
    }

    [Fact]
    public void ListSecretsFiltersMatchAsTheServiceModelSays()
    {
        Create("prod/db", "v", description: "Database password", tags: new() { ["team"] = "payments", ["env"] = "prod" });
        Create("prod/api", "v", description: "API key", tags: new() { ["team"] = "web" });
        Create("Prod/upper", "v");
        Create("dev/db", "v", description: "database for dev", tags: new() { ["env"] = "dev" });

        Assert.Equal(["prod/api", "prod/db"], List(("name", ["prod/"])));
        Assert.Equal(["Prod/upper"], List(("name", ["Prod"])));
        Assert.Equal(["dev/db", "prod/api", "prod/db"], List(("name", ["dev/", "prod/"])));
        Assert.Equal(["dev/db", "prod/db"], List(("description", ["DATABASE"])));
        Assert.Equal(["prod/api", "prod/db"], List(("tag-key", ["tea"])));
        Assert.Equal(["prod/db"], List(("tag-value", ["pay"])));
        Assert.Equal(["prod/api"], List(("name", ["prod/"]), ("tag-value", ["web"])));
        Assert.Equal(["Prod/upper", "dev/db", "prod/api"], List(("name", ["!prod/db"])));
        Assert.Equal(["Prod/upper", "prod/api"], List(("tag-key", ["!env"])));
        Assert.Equal(["dev/db", "prod/db"], List(("all", ["DATA"])));
        Assert.Equal(["prod/db"], List(("all", ["payments database"])));
        Assert.Equal(["Prod/upper", "dev/db", "prod/api", "prod/db"], List(("primary-region", [SecretsManagerTestServer.Region])));
        Assert.Empty(List(("owning-service", ["rds"])));
    }

    [Fact]
    public void ListSecretsPagesFilteredResultsAndRefusesATokenOfAnotherQuery()
    {
        for (int i = 0; i < 7; i++)
        {
            Create($"list/s{i}", "v");
        }

        var filters = new JsonArray(new JsonObject { ["Key"] = "name", ["Values"] = new JsonArray("list/") });
        var first = State.Handle("ListSecrets", new JsonObject { ["Filters"] = filters.DeepClone(), ["MaxResults"] = 5 });
        Assert.Equal(5, first["SecretList"]!.AsArray().Count);
        string token = first["NextToken"]!.GetValue<string>();
        var second = State.Handle("ListSecrets", new JsonObject { ["Filters"] = filters.DeepClone(), ["MaxResults"] = 5, ["NextToken"] = token });
        Assert.Equal(2, second["SecretList"]!.AsArray().Count);
        Assert.Null(second["NextToken"]);

        Assert.Equal("InvalidNextTokenException", Refusal("ListSecrets", new JsonObject { ["MaxResults"] = 5, ["NextToken"] = token }));
        Assert.Equal("ValidationException", Refusal("ListSecrets", new JsonObject { ["SortOrder"] = "sideways" }));
        Assert.Equal("ValidationException", Refusal("ListSecrets", new JsonObject { ["Filters"] = new JsonArray(new JsonObject { ["Key"] = "colour", ["Values"] = new JsonArray("x") }) }));
    }

    [Fact]
    public async Task TheAdaptersPrefixListingStillPagesThroughTheNameFilter()
    {
        for (int i = 0; i < 150; i++)
        {
            Create($"many/s{i:D3}", "v");
        }

        Create("MANY/other", "v");
        var names = new List<string>();
        await foreach (var properties in _store.ListSecretsAsync("many/", Ct))
        {
            names.Add(properties.Name);
        }

        Assert.Equal(150, names.Count);
        Assert.DoesNotContain("MANY/other", names);
    }

    private void Create(string name, string value, string? description = null, Dictionary<string, string>? tags = null)
    {
        var input = new JsonObject { ["Name"] = name, ["SecretString"] = value };
        if (description is not null)
        {
            input["Description"] = description;
        }

        if (tags is not null)
        {
            input["Tags"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]);
        }

        State.Handle("CreateSecret", input);
    }

    private List<string> List(params (string Key, string[] Values)[] filters)
    {
        var array = new JsonArray([.. filters.Select(f => (JsonNode)new JsonObject { ["Key"] = f.Key, ["Values"] = new JsonArray([.. f.Values.Select(v => (JsonNode)v)]) })]);
        var page = State.Handle("ListSecrets", new JsonObject { ["Filters"] = array });
        return [.. page["SecretList"]!.AsArray().Select(s => s!["Name"]!.GetValue<string>()).Order(StringComparer.Ordinal)];
    }

    private string Refusal(string operation, JsonObject input) =>
        Assert.Throws<ServiceException>(() => State.Handle(operation, input)).Type;
}
