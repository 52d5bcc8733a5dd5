using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace SecretsAbstractions.Tests.Observability;

public sealed class MeterFactoryTests
{
    [Fact]
    public async Task The_meter_comes_from_the_meter_factory_registered_in_the_services()
    {
        var canary = await Canary.CreateAsync();
        using var meters = new TestMeterFactory();
        var services = new ServiceCollection();
        services.AddSingleton<IMeterFactory>(meters);
        services.AddSingleton<TimeProvider>(canary.Time);
        services.AddSecretStore(canary.Chaos).UseOpenTelemetry();
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<ISecretStore>();
        var meter = Assert.Single(meters.Created);
        using var durations = new MetricCollector<double>(meter, SecretStoreTelemetry.OperationDurationInstrument);

        await store.GetSecretAsync(Canary.SecretName, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(SecretStoreTelemetry.MeterName, meter.Name);
        var measurement = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal(0, measurement.Value);
        Assert.Equal(canary.StoreName, measurement.Tags[SecretStoreTelemetry.StoreNameTag]);
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            Created.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Created)
            {
                meter.Dispose();
            }
        }
    }
}
