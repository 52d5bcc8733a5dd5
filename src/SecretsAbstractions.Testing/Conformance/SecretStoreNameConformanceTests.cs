using Xunit;

namespace SecretsAbstractions.Testing;

/// <summary>Conformance of name validation: invalid names are refused with InvalidName by every operation,
/// before any backend call, and the error cannot forge log lines.</summary>
/// <typeparam name="TFixture">The store's fixture.</typeparam>
/// <param name="fixture">The store's fixture.</param>
public abstract class SecretStoreNameConformanceTests<TFixture>(TFixture fixture) : SecretStoreConformanceTests<TFixture>(fixture)
    where TFixture : SecretStoreFixture
{
    /// <summary>Get refuses an invalid name.</summary>
    /// <param name="invalidName">A case of <see cref="InvalidSecretNames"/>.</param>
    [Theory]
    [MemberData(nameof(InvalidSecretNames.Cases), MemberType = typeof(InvalidSecretNames))]
    public virtual Task GetRefusesInvalidName(string invalidName) =>
        AssertRefusedBeforeIoAsync(invalidName, async name => await Store.GetSecretAsync(name, cancellationToken: CancellationToken).ConfigureAwait(false));

    /// <summary>A bulk get reports an invalid name in that request's result.</summary>
    /// <param name="invalidName">A case of <see cref="InvalidSecretNames"/>.</param>
    [Theory]
    [MemberData(nameof(InvalidSecretNames.Cases), MemberType = typeof(InvalidSecretNames))]
    public virtual async Task GetManyReportsInvalidNamePerRequest(string invalidName)
    {
        string name = InvalidSecretNames.Get(invalidName);
        long? callsBefore = Fixture.BackendCallCount;

        var results = await Store.GetSecretsAsync([new SecretRequest(name)], CancellationToken).ConfigureAwait(false);

        Assert.Equal(callsBefore, Fixture.BackendCallCount);
        var result = Assert.Single(results);
        Assert.False(result.IsFound);
        Assert.Equal(SecretStoreErrorCode.InvalidName, result.Error?.ErrorCode);
    }

    /// <summary>A listing refuses a prefix that can never start a valid name.</summary>
    /// <param name="invalidName">A case of <see cref="InvalidSecretNames.PrefixCases"/>.</param>
    [Theory]
    [MemberData(nameof(InvalidSecretNames.PrefixCases), MemberType = typeof(InvalidSecretNames))]
    public virtual Task ListRefusesInvalidPrefix(string invalidName) =>
        AssertRefusedBeforeIoAsync(invalidName, async prefix =>
        {
            await foreach (var properties in Store.ListSecretsAsync(prefix, CancellationToken).ConfigureAwait(false))
            {
                Assert.Fail($"The listing of an invalid prefix returned '{properties.Name}'.");
            }
        });

    /// <summary>Set refuses an invalid name (when the store is writable).</summary>
    /// <param name="invalidName">A case of <see cref="InvalidSecretNames"/>.</param>
    [Theory]
    [MemberData(nameof(InvalidSecretNames.Cases), MemberType = typeof(InvalidSecretNames))]
    public virtual Task SetRefusesInvalidName(string invalidName)
    {
        var writer = RequireWriter();
        return AssertRefusedBeforeIoAsync(invalidName, async name => await writer.SetSecretAsync(name, SecretValue.FromString("value"), cancellationToken: CancellationToken).ConfigureAwait(false));
    }

    /// <summary>Delete refuses an invalid name (when the store is writable).</summary>
    /// <param name="invalidName">A case of <see cref="InvalidSecretNames"/>.</param>
    [Theory]
    [MemberData(nameof(InvalidSecretNames.Cases), MemberType = typeof(InvalidSecretNames))]
    public virtual Task DeleteRefusesInvalidName(string invalidName)
    {
        var writer = RequireWriter();
        return AssertRefusedBeforeIoAsync(invalidName, async name => await writer.DeleteSecretAsync(name, CancellationToken).ConfigureAwait(false));
    }

    private async Task AssertRefusedBeforeIoAsync(string invalidName, Func<string, Task> operation)
    {
        string name = InvalidSecretNames.Get(invalidName);
        long? callsBefore = Fixture.BackendCallCount;

        var error = await AssertFailsAsync(() => operation(name), SecretStoreErrorCode.InvalidName).ConfigureAwait(false);

        Assert.Equal(callsBefore, Fixture.BackendCallCount);
        Assert.False(error.Message.Any(char.IsControl), "The InvalidName message escapes control characters, so a hostile name cannot forge log lines.");
    }
}
