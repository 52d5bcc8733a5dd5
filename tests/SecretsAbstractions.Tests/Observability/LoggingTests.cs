using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Tests.Observability;

public sealed class LoggingTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_log_line_carries_the_canary_value_or_name_even_at_trace_level()
    {
        var canary = await Canary.CreateAsync();
        var (logs, factory) = CreateLogging();
        var store = canary.Chaos.AsBuilder().UseLogging(factory, o => o.TimeProvider = canary.Time).Build();

        var failures = await canary.ExerciseAsync(store);

        var records = logs.GetSnapshot();
        Assert.NotEmpty(records);
        foreach (var record in records)
        {
            Canary.AssertAbsent(record.Message, "a log message");
            Assert.Null(record.Exception);
            foreach (var (key, value) in record.StructuredState ?? [])
            {
                Canary.AssertAbsent(key + "=" + value, "a log property");
            }
        }

        Assert.All(failures, failure => Canary.AssertAbsent(failure, "an exception"));
    }

    [Fact]
    public async Task Failures_are_logged_at_warning_with_their_error_code_and_successes_at_debug()
    {
        var canary = await Canary.CreateAsync(new ChaosSecretStoreOptions { FailureSchedule = { null, SecretStoreErrorCode.Unavailable } });
        var (logs, factory) = CreateLogging();
        var store = canary.Chaos.AsBuilder().UseLogging(factory, o => o.TimeProvider = canary.Time).Build();

        await store.GetSecretAsync(Canary.SecretName, cancellationToken: CancellationToken);
        await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Canary.SecretName, cancellationToken: CancellationToken));

        var records = logs.GetSnapshot();
        Assert.Equal(2, records.Count);
        Assert.Equal(LogLevel.Debug, records[0].Level);
        Assert.Equal("OperationSucceeded", records[0].Id.Name);
        Assert.Equal(LogLevel.Warning, records[1].Level);
        Assert.Equal("OperationFailed", records[1].Id.Name);
        Assert.Equal("Unavailable", records[1].GetStructuredStateValue("ErrorCode"));
        Assert.Equal("True", records[1].GetStructuredStateValue("IsTransient"));
        Assert.Equal(canary.StoreName, records[1].GetStructuredStateValue("StoreName"));
        Assert.Equal(SecretStoreOperations.GetSecret, records[1].GetStructuredStateValue("Operation"));
    }

    [Fact]
    public async Task The_elapsed_time_comes_from_the_clock()
    {
        var canary = await Canary.CreateAsync(new ChaosSecretStoreOptions { Latency = TimeSpan.FromMilliseconds(250) });
        var (logs, factory) = CreateLogging();
        var store = canary.Chaos.AsBuilder().UseLogging(factory, o => o.TimeProvider = canary.Time).Build();

        var read = store.GetSecretAsync(Canary.SecretName, cancellationToken: CancellationToken).AsTask();
        canary.Time.Advance(TimeSpan.FromMilliseconds(250));
        await read;

        Assert.Equal("250", logs.LatestRecord.GetStructuredStateValue("ElapsedMilliseconds"));
    }

    [Fact]
    public async Task Secret_names_are_logged_only_when_asked_and_only_at_debug()
    {
        var canary = await Canary.CreateAsync();
        var (logs, factory) = CreateLogging();
        var store = canary.Chaos.AsBuilder().UseLogging(factory, o =>
        {
            o.TimeProvider = canary.Time;
            o.LogSecretNames = true;
        }).Build();

        await canary.ExerciseAsync(store);

        var records = logs.GetSnapshot();
        var naming = records.Where(r => r.Message.Contains(Canary.SecretName, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(naming);
        Assert.All(naming, r => Assert.Equal(LogLevel.Debug, r.Level));
        Assert.All(records, r => Assert.DoesNotContain(Canary.Value, r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Names_that_could_forge_log_lines_are_escaped()
    {
        var canary = await Canary.CreateAsync();
        var (logs, factory) = CreateLogging();
        var store = canary.Chaos.AsBuilder().UseLogging(factory, o => o.LogSecretNames = true).Build();

        await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("app/x\nFAKE ENTRY", cancellationToken: CancellationToken));

        Assert.All(logs.GetSnapshot(), r => Assert.DoesNotContain('\n', r.Message));
    }

    [Fact]
    public async Task Unexpected_exceptions_are_logged_at_error_by_type_without_their_message()
    {
        var canary = await Canary.CreateAsync();
        var (logs, factory) = CreateLogging();
        var store = new ThrowingStore(canary.Memory, new InvalidOperationException("parse error near '" + Canary.Value + "'"))
            .AsBuilder().UseLogging(factory).Build();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.GetSecretAsync(Canary.SecretName, cancellationToken: CancellationToken));

        var record = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Equal(typeof(InvalidOperationException).FullName, record.GetStructuredStateValue("ExceptionType"));
        Canary.AssertAbsent(record.Message, "the log message");
        Assert.Null(record.Exception);
    }

    [Fact]
    public async Task Without_a_logger_factory_the_store_still_works()
    {
        var canary = await Canary.CreateAsync();
        var store = canary.Chaos.AsBuilder().UseLogging().Build();

        Assert.NotNull(await store.GetSecretAsync(Canary.SecretName, cancellationToken: CancellationToken));
    }

    private static (FakeLogCollector Logs, ILoggerFactory Factory) CreateLogging()
    {
        var provider = new FakeLoggerProvider();
        var factory = LoggerFactory.Create(builder => builder.AddProvider(provider).SetMinimumLevel(LogLevel.Trace));
        return (provider.Collector, factory);
    }

    private sealed class ThrowingStore(ISecretStore inner, Exception error) : DelegatingSecretStore(inner)
    {
        public override ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<Secret?>(error);
    }
}
