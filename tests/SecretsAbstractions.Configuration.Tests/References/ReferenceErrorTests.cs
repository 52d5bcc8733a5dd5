using Microsoft.Extensions.Logging;
using SecretsAbstractions.Configuration;

namespace SecretsAbstractions.Configuration.Tests.References;

public sealed class ReferenceErrorTests : ReferenceTest
{
    [Fact]
    public async Task An_unknown_store_names_the_key_the_reference_and_the_known_stores()
    {
        await SetAsync("a", Canary);

        var error = Assert.Throws<SecretReferenceResolutionException>(() => Build(Pairs(("Db:Password", "x=${secret:secret://nowhere/a}"))));

        var failure = Assert.Single(error.Errors);
        Assert.Equal("Db:Password", failure.ConfigurationKey);
        Assert.Equal("secret://nowhere/a", failure.Reference);
        Assert.Equal(2, failure.Offset);
        Assert.Equal(SecretStoreErrorCode.InvalidRequest, failure.ErrorCode);
        Assert.Contains("'Db:Password'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'secret://nowhere/a'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'vault'", error.Message, StringComparison.Ordinal);
        AssertNoCanary(error);
    }

    [Fact]
    public void A_missing_secret_is_an_error_naming_the_secret_and_the_store()
    {
        var error = Assert.Throws<SecretReferenceResolutionException>(() => Build(Pairs(("Api:Key", "${secret:secret://vault/missing?version=4}"))));

        var failure = Assert.Single(error.Errors);
        Assert.Equal("Api:Key", failure.ConfigurationKey);
        Assert.Contains("'missing' at version 4 does not exist in store 'vault'", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_field_is_an_error_that_never_quotes_the_value()
    {
        await SetAsync("db", $$"""{"password":"{{Canary}}"}""");
        await SetAsync("plain", Canary);

        var error = Assert.Throws<SecretReferenceResolutionException>(() => Build(Pairs(
            ("A", "${secret:secret://vault/db#user}"),
            ("B", "${secret:secret://vault/plain#user}"))));

        Assert.Equal(["A", "B"], error.Errors.Select(e => e.ConfigurationKey));
        Assert.Contains("has no such field", error.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("is not a JSON object", error.Errors[1].Reason, StringComparison.Ordinal);
        AssertNoCanary(error);
    }

    [Fact]
    public void Bad_syntax_keeps_the_parser_position()
    {
        var error = Assert.Throws<SecretReferenceResolutionException>(() => Build(Pairs(("Key", "a ${secret:secret://vault/abc?x} b"))));

        var failure = Assert.Single(error.Errors);
        Assert.Equal(19, failure.Position);
        Assert.Equal(2, failure.Offset);
        Assert.IsType<SecretReferenceFormatException>(failure.Exception);
        Assert.Contains("at position 19", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Key'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Recording.TotalCallCount);
    }

    [Theory]
    [InlineData("${secret:}", 0)]
    [InlineData("${secret:vault/a}", 0)]
    [InlineData("${secret:secret://vault/../a}", 15)]
    public void References_that_do_not_parse_are_errors(string value, int position)
    {
        var error = Assert.Throws<SecretReferenceResolutionException>(() => Build(Pairs(("Key", value))));

        Assert.Equal(position, Assert.Single(error.Errors).Position);
    }

    [Fact]
    public void An_unterminated_token_is_an_error_that_does_not_quote_the_rest_of_the_value()
    {
        var error = Assert.Throws<SecretReferenceResolutionException>(() => Build(Pairs(("Cs", $"${{secret:secret://vault/b}};Server=x;${{secret:secret://vault/a;Password={Canary}"))));

        var failure = Assert.Single(error.Errors);
        Assert.Null(failure.Reference);
        Assert.Equal(36, failure.Offset);
        Assert.Equal(0, Recording.TotalCallCount);
        Assert.Contains("no closing '}'", error.Message, StringComparison.Ordinal);
        AssertNoCanary(error);
    }

    [Fact]
    public void Every_failure_is_listed_in_one_exception()
    {
        var error = Assert.Throws<SecretReferenceResolutionException>(() => Build(Pairs(
            ("A", "${secret:secret://vault/one}"),
            ("B", "${secret:secret://vault/two} ${secret:secret://other/x}"),
            ("C", "${secret:bad}"))));

        Assert.Equal(4, error.Errors.Count);
        Assert.StartsWith("4 secret references in configuration could not be resolved:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_store_is_an_error_with_its_code_and_never_its_values()
    {
        await SetAsync("db", Canary);
        var chaos = new ChaosSecretStore(Backend, new ChaosSecretStoreOptions { FailureRate = 1, FailureCode = SecretStoreErrorCode.AccessDenied });
        Stores["down"] = chaos;

        var error = Assert.Throws<SecretReferenceResolutionException>(() => Build(Pairs(("Key", "${secret:secret://down/db}"))));

        Assert.Equal(SecretStoreErrorCode.AccessDenied, Assert.Single(error.Errors).ErrorCode);
        Assert.IsType<SecretStoreException>(error.InnerException);
        AssertNoCanary(error);
    }

    [Fact]
    public async Task A_store_that_throws_something_else_is_reported_by_exception_type_only()
    {
        Stores["odd"] = new ThrowingStore(new InvalidOperationException(Canary));

        var error = Assert.Throws<SecretReferenceResolutionException>(() => Build(Pairs(("Key", "${secret:secret://odd/db}"))));

        var failure = Assert.Single(error.Errors);
        Assert.Contains("System.InvalidOperationException", failure.Reason, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(failure.Exception);
        Assert.Null(error.InnerException);
        AssertNoCanary(error);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Optional_leaves_the_reference_as_written_and_logs_a_warning_without_values()
    {
        await SetAsync("db", $$"""{"password":"{{Canary}}"}""");

        var config = Build(
            Pairs(("Missing", "${secret:secret://vault/db#user}"), ("Good", "${secret:secret://vault/db#password}")),
            o => o.Optional = true);

        Assert.Equal("${secret:secret://vault/db#user}", config["Missing"]);
        Assert.Equal(Canary, config["Good"]);
        var warning = Assert.Single(Logs.Records, r => r.Level == LogLevel.Warning);
        Assert.Contains("'Missing'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("the reference as written", warning.Message, StringComparison.Ordinal);
        AssertNoCanary();
    }

    [Fact(Timeout = 30_000)]
    public async Task A_first_load_that_runs_out_of_time_names_the_store()
    {
        var blocking = new BlockingStore();
        Stores["slow"] = blocking;

        var building = Task.Run(() => Build(Pairs(("Key", "${secret:secret://slow/db}")), o => o.LoadTimeout = TimeSpan.FromSeconds(10)), Ct);
        await blocking.Entered.Task.WaitAsync(Ct);
        Time.Advance(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<SecretReferenceResolutionException>(() => building);
        var failure = Assert.Single(error.Errors);
        Assert.Equal(SecretStoreErrorCode.Timeout, failure.ErrorCode);
        Assert.Contains("did not answer within the load timeout (00:00:10)", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("store 'slow'", failure.Reason, StringComparison.Ordinal);
    }

    private sealed class ThrowingStore(Exception error) : ISecretStore
    {
        public ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<Secret?>(error);

        public IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
            throw error;

        public ValueTask<IReadOnlyList<SecretResult>> GetSecretsAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<IReadOnlyList<SecretResult>>(error);

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(SecretStoreMetadata) ? new SecretStoreMetadata("Throwing", "odd", null, SecretStoreCapabilities.Batch) : null;
    }

    internal sealed class BlockingStore : ISecretStore
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return null;
        }

        public IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
    }
}
