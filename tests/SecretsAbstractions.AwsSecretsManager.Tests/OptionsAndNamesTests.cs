using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecretsAbstractions.AwsSecretsManager.Tests.Server;

namespace SecretsAbstractions.AwsSecretsManager.Tests;

public sealed class OptionsAndNamesTests
{
    private static readonly BasicAWSCredentials Credentials = new("AKIDEXAMPLE", "secret");

    [Theory]
    [InlineData("app/db")]
    [InlineData("a_b+c=d.e@f-g")]
    [InlineData("app/db-abcde")]
    [InlineData("app/db-abcdefg")]
    public void ValidNamesMapToThemselves(string name) =>
        Assert.Equal(name, AwsSecretsManagerSecretNameMapper.Instance.ToNativeName(name));

    [Theory]
    [InlineData("app/db-abcdef")]
    [InlineData("x-123456")]
    [InlineData("has space")]
    [InlineData("bang!")]
    [InlineData("caf\u00e9")]
    public void InvalidNamesAreRefused(string name)
    {
        var error = Assert.Throws<SecretStoreException>(() => AwsSecretsManagerSecretNameMapper.Instance.ToNativeName(name));
        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
    }

    [Fact]
    public void NamesWithAnArnSuffixShapeHaveNoLogicalName() =>
        Assert.Null(AwsSecretsManagerSecretNameMapper.Instance.ToLogicalName("prod/db-AbC123"));

    [Fact]
    public void EndpointComesFromServiceUrlThenTheEnvironmentThenTheRegion()
    {
        var env = new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566/" };
        using (var store = Create(o => o.GetEnvironmentVariable = env.GetValueOrDefault))
        {
            Assert.Equal(new Uri("http://127.0.0.1:4566/"), store.Endpoint);
        }

        env["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = "http://127.0.0.1:4567/";
        using (var store = Create(o => o.GetEnvironmentVariable = env.GetValueOrDefault))
        {
            Assert.Equal(new Uri("http://127.0.0.1:4567/"), store.Endpoint);
        }

        using (var store = Create(o => (o.GetEnvironmentVariable, o.ServiceUrl) = (env.GetValueOrDefault, new Uri("http://127.0.0.1:1/"))))
        {
            Assert.Equal(new Uri("http://127.0.0.1:1/"), store.Endpoint);
        }

        using (var store = Create(_ => { }))
        {
            Assert.Equal(new Uri("https://secretsmanager.eu-west-1.amazonaws.com/"), store.Endpoint);
        }

        using (var store = Create(o => o.UseFips = true))
        {
            Assert.Equal(new Uri("https://secretsmanager-fips.eu-west-1.amazonaws.com/"), store.Endpoint);
        }
    }

    [Theory]
    [InlineData("fips+url")]
    [InlineData("profile+credentials")]
    [InlineData("timeout")]
    [InlineData("window")]
    [InlineData("url-query")]
    [InlineData("region")]
    public void InvalidOptionsFailAtConstruction(string which)
    {
        Assert.Throws<OptionsValidationException>(() => Create(o =>
        {
            switch (which)
            {
                case "fips+url": (o.UseFips, o.ServiceUrl) = (true, new Uri("http://127.0.0.1:1/")); break;
                case "profile+credentials": o.Profile = "dev"; break;
                case "timeout": o.RequestTimeout = TimeSpan.Zero; break;
                case "window": o.RecoveryWindowInDays = 3; break;
                case "url-query": o.ServiceUrl = new Uri("http://127.0.0.1:1/?a=b"); break;
                default: o.Region = "EU WEST"; break;
            }
        }));
    }

    [Fact]
    public async Task DependencyInjectionRegistersAWorkingStore()
    {
        await using var server = await SecretsManagerTestServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aws:Region"] = SecretsManagerTestServer.Region,
            ["Aws:ServiceUrl"] = server.ServiceUrl.AbsoluteUri,
            ["Aws:ForceDeleteWithoutRecovery"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(server.AcceptedKey.AccessKeyId, server.AcceptedKey.SecretAccessKey));
        services.AddAwsSecretsManagerSecretStore(configuration.GetSection("Aws"));
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<ISecretStore>();
        await store.GetRequiredWriter().SetSecretAsync("di/secret", SecretValue.FromString("v"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("v", (await store.GetSecretAsync("di/secret", cancellationToken: TestContext.Current.CancellationToken))!.Value.RevealString());
        var probe = store.GetService<ISecretChangeProbe>();
        Assert.NotNull(probe);
        Assert.NotNull(await probe.GetLatestPropertiesAsync("di/secret", TestContext.Current.CancellationToken));
    }

    [Fact]
    public void UnknownConfigurationKeysAreErrors()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Aws:Region"] = "eu-west-1", ["Aws:Regoin"] = "eu-west-1" }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<AWSCredentials>(Credentials);
        services.AddAwsSecretsManagerSecretStore(configuration.GetSection("Aws"));
        using var provider = services.BuildServiceProvider();
        Assert.ThrowsAny<InvalidOperationException>(() => provider.GetRequiredService<ISecretStore>());
    }

    private static AwsSecretsManagerSecretStore Create(Action<AwsSecretsManagerSecretStoreOptions> configure)
    {
        var options = new AwsSecretsManagerSecretStoreOptions { Region = "eu-west-1", Credentials = Credentials, GetEnvironmentVariable = _ => null };
        configure(options);
        return new AwsSecretsManagerSecretStore(options);
    }
}
