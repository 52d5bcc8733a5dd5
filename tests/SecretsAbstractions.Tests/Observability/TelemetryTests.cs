using System.Diagnostics;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Tests.Observability;

public sealed class TelemetryTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_metric_or_activity_tag_carries_the_canary_value_or_name()
    {
        var canary = await Canary.CreateAsync();
        using var capture = new TelemetryCapture(canary.StoreName);
        var store = canary.Chaos.AsBuilder().UseOpenTelemetry(o => o.TimeProvider = canary.Time).Build();

        var failures = await canary.ExerciseAsync(store);

        Assert.NotEmpty(capture.Measurements);
        Assert.NotEmpty(capture.Activities);
        foreach (var measurement in capture.Measurements)
        {
            foreach (var (key, value) in measurement.Tags)
            {
                Canary.AssertAbsent(key + "=" + value, "a metric tag");
            }
        }

        foreach (var activity in capture.Activities)
        {
            Canary.AssertAbsent(activity.DisplayName, "an activity name");
            Canary.AssertAbsent(activity.StatusDescription, "an activity status");
            foreach (var (key, value) in activity.TagObjects)
            {
                Canary.AssertAbsent(key + "=" + value, "an activity tag");
            }

            Assert.Empty(activity.Events);
        }

        Assert.All(failures, failure => Canary.AssertAbsent(failure, "an exception"));
    }

    [Fact]
    public async Task Change_probes_are_measured_as_their_own_operation()
    {
        var canary = await Canary.CreateAsync();
        using var capture = new TelemetryCapture(canary.StoreName);
        var store = canary.Chaos.AsBuilder().UseOpenTelemetry(o => o.TimeProvider = canary.Time).Build();
        var probe = store.GetService<ISecretChangeProbe>()!;

        await probe.GetLatestPropertiesAsync(Canary.SecretName, CancellationToken);
        await probe.GetLatestPropertiesAsync(Canary.SecretName + "-missing", CancellationToken);

        var durations = capture.Of(SecretStoreTelemetry.OperationDurationInstrument);
        Assert.All(durations, d => Assert.Equal(SecretStoreOperations.GetLatestProperties, d[SecretStoreTelemetry.OperationTag]));
        Assert.Equal(
            [SecretStoreTelemetry.OutcomeSuccess, SecretStoreTelemetry.OutcomeNotFound],
            durations.Select(d => d[SecretStoreTelemetry.OutcomeTag]));
    }

    [Fact]
    public async Task The_duration_is_recorded_in_seconds_from_the_clock_with_its_tags()
    {
        var canary = await Canary.CreateAsync(new ChaosSecretStoreOptions { Latency = TimeSpan.FromMilliseconds(250) });
        using var capture = new TelemetryCapture(canary.StoreName);
        var store = canary.Chaos.AsBuilder().UseOpenTelemetry(o => o.TimeProvider = canary.Time).Build();

        var read = store.GetSecretAsync(Canary.SecretName, cancellationToken: CancellationToken).AsTask();
        canary.Time.Advance(TimeSpan.FromMilliseconds(250));
        await read;

        var duration = Assert.Single(capture.Of(SecretStoreTelemetry.OperationDurationInstrument));
        Assert.Equal(0.25, duration.Value);
        Assert.Equal("InMemory", duration[SecretStoreTelemetry.ProviderNameTag]);
        Assert.Equal(SecretStoreOperations.GetSecret, duration[SecretStoreTelemetry.OperationTag]);
        Assert.Equal(SecretStoreTelemetry.OutcomeSuccess, duration[SecretStoreTelemetry.OutcomeTag]);
        Assert.Null(duration[SecretStoreTelemetry.ErrorTypeTag]);
        Assert.Empty(capture.Of(SecretStoreTelemetry.OperationErrorsInstrument));
    }

    [Fact]
    public async Task Errors_are_counted_by_code()
    {
        var canary = await Canary.CreateAsync(new ChaosSecretStoreOptions
        {
            FailureSchedule = { SecretStoreErrorCode.Unavailable, SecretStoreErrorCode.Unavailable, SecretStoreErrorCode.AccessDenied },
        });
        using var capture = new TelemetryCapture(canary.StoreName);
        var store = canary.Chaos.AsBuilder().UseOpenTelemetry(o => o.TimeProvider = canary.Time).Build();

        for (int i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Canary.SecretName, cancellationToken: CancellationToken));
        }

        var errors = capture.Of(SecretStoreTelemetry.OperationErrorsInstrument);
        Assert.Equal(
            ["AccessDenied", "Unavailable", "Unavailable"],
            errors.Select(e => e[SecretStoreTelemetry.ErrorTypeTag]).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.Equal(1, e.Value));
        Assert.All(capture.Of(SecretStoreTelemetry.OperationDurationInstrument), d => Assert.Equal(SecretStoreTelemetry.OutcomeFailure, d[SecretStoreTelemetry.OutcomeTag]));
    }

    [Fact]
    public async Task Not_found_and_cancelled_are_outcomes_not_errors()
    {
        var canary = await Canary.CreateAsync();
        using var capture = new TelemetryCapture(canary.StoreName);
        var store = canary.Chaos.AsBuilder().UseOpenTelemetry(o => o.TimeProvider = canary.Time).Build();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await store.GetSecretAsync("app/missing", cancellationToken: CancellationToken);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.GetSecretAsync(Canary.SecretName, cancellationToken: cancelled.Token));

        Assert.Equal(
            [SecretStoreTelemetry.OutcomeNotFound, SecretStoreTelemetry.OutcomeCancelled],
            capture.Of(SecretStoreTelemetry.OperationDurationInstrument).Select(d => d[SecretStoreTelemetry.OutcomeTag]));
        Assert.Empty(capture.Of(SecretStoreTelemetry.OperationErrorsInstrument));
    }

    [Fact]
    public async Task A_failed_operation_ends_its_activity_in_error_with_the_code_only()
    {
        var canary = await Canary.CreateAsync(new ChaosSecretStoreOptions { FailureSchedule = { SecretStoreErrorCode.Throttled } });
        using var capture = new TelemetryCapture(canary.StoreName);
        var store = canary.Chaos.AsBuilder().UseOpenTelemetry().Build();

        await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Canary.SecretName, cancellationToken: CancellationToken));

        var activity = Assert.Single(capture.Activities);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("Throttled", activity.StatusDescription);
        Assert.Equal("Throttled", activity.GetTagItem(SecretStoreTelemetry.ErrorTypeTag));
        Assert.Equal(SecretStoreOperations.GetSecret, activity.GetTagItem(SecretStoreTelemetry.OperationTag));
    }

    [Fact]
    public async Task A_listing_is_one_operation_from_first_page_to_end()
    {
        var canary = await Canary.CreateAsync();
        using var capture = new TelemetryCapture(canary.StoreName);
        var store = canary.Chaos.AsBuilder().UseOpenTelemetry(o => o.TimeProvider = canary.Time).Build();

        int count = 0;
        await foreach (var _ in store.ListSecretsAsync(cancellationToken: CancellationToken))
        {
            count++;
        }

        Assert.Equal(1, count);
        var duration = Assert.Single(capture.Of(SecretStoreTelemetry.OperationDurationInstrument));
        Assert.Equal(SecretStoreOperations.ListSecrets, duration[SecretStoreTelemetry.OperationTag]);
        Assert.Single(capture.Activities);
    }

    [Fact]
    public async Task Writes_through_the_decorated_store_are_measured()
    {
        var canary = await Canary.CreateAsync();
        using var capture = new TelemetryCapture(canary.StoreName);
        var store = canary.Chaos.AsBuilder().UseOpenTelemetry(o => o.TimeProvider = canary.Time).Build();

        await store.SetSecretAsync("app/new", "value", cancellationToken: CancellationToken);
        Assert.False(await store.DeleteSecretAsync("app/never", CancellationToken));

        Assert.Equal(
            [(SecretStoreOperations.SetSecret, SecretStoreTelemetry.OutcomeSuccess), (SecretStoreOperations.DeleteSecret, SecretStoreTelemetry.OutcomeNotFound)],
            capture.Of(SecretStoreTelemetry.OperationDurationInstrument).Select(d => (d[SecretStoreTelemetry.OperationTag], d[SecretStoreTelemetry.OutcomeTag])));
    }
}
