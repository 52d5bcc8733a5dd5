using System.Collections.Concurrent;
using System.Globalization;
using Xunit;

namespace SecretsAbstractions.Testing;

/// <summary>Conformance under concurrency: parallel readers and writers lose no update and never see a value
/// that was not written.</summary>
/// <typeparam name="TFixture">The store's fixture.</typeparam>
/// <param name="fixture">The store's fixture.</param>
public abstract class SecretStoreConcurrencyConformanceTests<TFixture>(TFixture fixture) : SecretStoreConformanceTests<TFixture>(fixture)
    where TFixture : SecretStoreFixture
{
    /// <summary>How many operations run at once.</summary>
    protected const int Parallelism = 32;

    private const int WritesPerWriter = 4;
    private const int ReadsPerReader = 8;

    /// <summary>32 parallel readers all see the seeded value.</summary>
    [Fact]
    public virtual async Task ParallelReadersSeeTheSeededValue()
    {
        string name = Fixture.CreateScope() + "shared";
        await SeedAsync((name, ComplexText)).ConfigureAwait(false);

        var secrets = await RunTogetherAsync(Parallelism, _ => GetExistingAsync(name)).ConfigureAwait(false);

        Assert.All(secrets, secret => AssertText(ComplexText, secret.Value, "value seen by a parallel reader"));
    }

    /// <summary>Half of 32 tasks write one secret while the other half read it: every read sees a value that
    /// was written, the final value is one of the writes, and with Versions every write's version holds
    /// exactly what was written.</summary>
    [Fact]
    public virtual async Task ParallelReadersAndWritersLoseNoUpdate()
    {
        var writer = RequireWriter();
        string name = Fixture.CreateScope() + "contended";
        const string initial = "initial";
        await writer.SetSecretAsync(name, SecretValue.FromString(initial), cancellationToken: CancellationToken).ConfigureAwait(false);
        const int writers = Parallelism / 2;
        var written = new ConcurrentBag<(string Value, SecretProperties Properties)>();
        var seen = new ConcurrentBag<string>();

        await RunTogetherAsync(Parallelism, async worker =>
        {
            if (worker < writers)
            {
                for (int i = 0; i < WritesPerWriter; i++)
                {
                    string value = string.Create(CultureInfo.InvariantCulture, $"writer{worker}-write{i}");
                    var properties = await writer.SetSecretAsync(name, SecretValue.FromString(value), cancellationToken: CancellationToken).ConfigureAwait(false);
                    written.Add((value, properties));
                }
            }
            else
            {
                for (int i = 0; i < ReadsPerReader; i++)
                {
                    seen.Add((await GetExistingAsync(name).ConfigureAwait(false)).Value.RevealString());
                }
            }

            return worker;
        }).ConfigureAwait(false);

        var writtenValues = written.Select(w => w.Value).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(writers * WritesPerWriter, writtenValues.Count);
        Assert.True(seen.All(value => value == initial || writtenValues.Contains(value)), "A reader saw a value that no one wrote (a torn or lost write).");
        string final = (await GetExistingAsync(name).ConfigureAwait(false)).Value.RevealString();
        Assert.True(writtenValues.Contains(final), "The final value is one of the values written.");

        if (Supports(SecretStoreCapabilities.Versions))
        {
            Assert.Equal(written.Count, written.Select(w => w.Properties.Version).Distinct(StringComparer.Ordinal).Count());
            foreach (var (value, properties) in written)
            {
                var version = await GetExistingAsync(name, SecretVersion.FromId(properties.Version!)).ConfigureAwait(false);
                AssertText(value, version.Value, $"version {properties.Version}");
            }
        }
    }

    /// <summary>32 parallel writers of distinct secrets all succeed and every secret reads back its own value.</summary>
    [Fact]
    public virtual async Task ParallelWritersOfDistinctSecretsAreAllStored()
    {
        var writer = RequireWriter();
        string scope = Fixture.CreateScope();

        await RunTogetherAsync(Parallelism, async worker =>
            await writer.SetSecretAsync(Name(worker), SecretValue.FromString(Value(worker)), cancellationToken: CancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

        var listed = await ListAsync(scope).ConfigureAwait(false);
        Assert.Equal(Parallelism, listed.Count);
        for (int worker = 0; worker < Parallelism; worker++)
        {
            AssertText(Value(worker), (await GetExistingAsync(Name(worker)).ConfigureAwait(false)).Value, $"secret of writer {worker}");
        }

        string Name(int worker) => scope + "item" + worker.ToString("D2", CultureInfo.InvariantCulture);
        static string Value(int worker) => "value-" + worker.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Starts <paramref name="count"/> workers on the thread pool, releases them at once, and waits for all.</summary>
    private static async Task<T[]> RunTogetherAsync<T>(int count, Func<int, Task<T>> work)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, count)
            .Select(worker => Task.Run(async () =>
            {
                await start.Task.ConfigureAwait(false);
                return await work(worker).ConfigureAwait(false);
            }))
            .ToArray();
        start.SetResult();
        return await Task.WhenAll(workers).ConfigureAwait(false);
    }
}
