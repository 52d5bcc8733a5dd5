using System.Globalization;
using Xunit;

namespace SecretsAbstractions.Testing;

/// <summary>Conformance of listings: exact prefix matching at any depth, paging past 250 secrets, and no values.</summary>
/// <typeparam name="TFixture">The store's fixture.</typeparam>
/// <param name="fixture">The store's fixture.</param>
public abstract class SecretStoreListConformanceTests<TFixture>(TFixture fixture) : SecretStoreConformanceTests<TFixture>(fixture)
    where TFixture : SecretStoreFixture
{
    /// <summary>How many secrets the paging test puts under one prefix: more than one page of every backend.</summary>
    protected const int ManySecrets = 300;

    /// <summary>A listing returns exactly the secrets under the prefix, each once, however many pages it takes,
    /// and never their values.</summary>
    [Fact]
    public virtual async Task ListReturnsExactlyTheSecretsUnderThePrefixPastOnePage()
    {
        string scope = Fixture.CreateScope();
        string prefix = scope + "list/";
        string marker = Guid.NewGuid().ToString("N");
        var inside = Enumerable.Range(0, ManySecrets).ToDictionary(
            i => prefix + "item" + i.ToString("D4", CultureInfo.InvariantCulture),
            i => SecretValue.FromString($"value-{marker}-{i}"),
            StringComparer.Ordinal);
        // Siblings that share the text "list" but are not under "list/".
        string[] outside = [scope + "listx", scope + "listing/a", scope + "other/b"];
        var all = new Dictionary<string, SecretValue>(inside, StringComparer.Ordinal);
        foreach (string name in outside)
        {
            all[name] = SecretValue.FromString($"value-{marker}-outside");
        }

        await Fixture.SeedAsync(all, CancellationToken).ConfigureAwait(false);

        var listed = await ListAsync(prefix).ConfigureAwait(false);

        var names = listed.Select(p => p.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(inside.Keys.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.All(listed, properties => AssertCarriesNoValue(properties, marker));
    }

    /// <summary>A prefix is an ordinal string prefix: it may end inside a segment, and it matches at any depth.</summary>
    [Fact]
    public virtual async Task ListMatchesPrefixEndingInsideASegment()
    {
        string scope = Fixture.CreateScope();
        string[] matching = [scope + "pre/ab", scope + "pre/abc", scope + "pre/abd/x/y"];
        string[] notMatching = [scope + "pre/b", scope + "pre/a", scope + "prf/ab"];
        await SeedAsync([.. matching.Concat(notMatching).Select(name => (name, "value"))]).ConfigureAwait(false);

        var listed = await ListAsync(scope + "pre/ab").ConfigureAwait(false);

        Assert.Equal(matching.Order(StringComparer.Ordinal), listed.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>A prefix that matches nothing lists nothing.</summary>
    [Fact]
    public virtual async Task ListWithUnmatchedPrefixIsEmpty()
    {
        string scope = Fixture.CreateScope();
        await SeedAsync((scope + "present", "value")).ConfigureAwait(false);

        Assert.Empty(await ListAsync(scope + "absent/").ConfigureAwait(false));
        Assert.Empty(await ListAsync(scope + "presentx").ConfigureAwait(false));
    }

    /// <summary>Listed properties carry the secret's name and nothing of its value.</summary>
    [Fact]
    public virtual async Task ListedPropertiesCarryNameButNoValue()
    {
        string scope = Fixture.CreateScope();
        string marker = Guid.NewGuid().ToString("N");
        string text = scope + "text";
        string json = scope + "json";
        await SeedAsync((text, $"text-{marker}"), (json, $$"""{"password":"{{marker}}"}""")).ConfigureAwait(false);

        var listed = await ListAsync(scope).ConfigureAwait(false);

        Assert.Equal(new[] { json, text }, listed.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(listed, properties => AssertCarriesNoValue(properties, marker));
    }

    private static void AssertCarriesNoValue(SecretProperties properties, string marker)
    {
        Assert.True(SecretName.IsValid(properties.Name), "A listed name is a valid logical name.");
        Assert.DoesNotContain(marker, properties.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(marker, properties.ContentType ?? string.Empty, StringComparison.Ordinal);
        Assert.All(properties.Tags, tag => Assert.DoesNotContain(marker, tag.Key + "=" + tag.Value, StringComparison.Ordinal));
    }
}
