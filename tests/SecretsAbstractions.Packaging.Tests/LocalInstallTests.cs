using System.Xml.Linq;
using SecretsAbstractions.Packaging.Tests.Infrastructure;

namespace SecretsAbstractions.Packaging.Tests;

/// <summary>A fresh console project installs the packed packages from the local folder (and nothing else of ours from
/// anywhere else), builds with warnings as errors, and runs the core package with the caching and Vault packages.</summary>
public sealed class LocalInstallTests(PackedPackages packages)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);

    private const string Program = """
        using Microsoft.Extensions.Options;
        using SecretsAbstractions;
        using SecretsAbstractions.HashiCorpVault;

        // The core package's file store, decorated by the caching package.
        ISecretStore store = new FileSecretStore(new FileSecretStoreOptions { Path = args[0] })
            .AsBuilder()
            .UseCaching()
            .Build();
        var greeting = await store.GetRequiredSecretAsync("greeting");
        Console.WriteLine($"greeting: {greeting.Value.RevealString()}");
        Console.WriteLine($"printed: {greeting.Value}");
        var again = await store.GetRequiredSecretAsync("greeting");
        Console.WriteLine($"cached: {ReferenceEquals(greeting, again) || again.Value.RevealString() == greeting.Value.RevealString()}");

        // The Vault package: a plain-http address that is not loopback is refused before any request is sent.
        try
        {
            using var vault = new HashiCorpVaultSecretStore(new HashiCorpVaultSecretStoreOptions
            {
                Address = "http://vault.example.invalid:8200",
                UseEnvironmentDefaults = false,
                Auth = { Token = "packaging-test-token" },
            });
            Console.WriteLine("vault: accepted");
        }
        catch (Exception e) when (e is OptionsValidationException or ArgumentException)
        {
            Console.WriteLine($"vault: {e.GetType().Name}");
            Console.WriteLine($"vault message mentions the token: {e.Message.Contains("packaging-test-token", StringComparison.Ordinal)}");
        }
        """;

    [Fact]
    public async Task A_fresh_console_project_installs_the_local_packages_and_runs()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        string app = Path.Combine(packages.WorkDirectory, "consumer");
        string secrets = Path.Combine(packages.WorkDirectory, "consumer-secrets");
        Directory.CreateDirectory(app);
        Directory.CreateDirectory(secrets);
        await File.WriteAllTextAsync(Path.Combine(secrets, "greeting"), "hello from the packages\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), Program, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(app, "Consumer.csproj"), ConsumerProject().ToString(), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), (await NuGetConfigAsync(cancellationToken)).ToString(), cancellationToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RunTimeout);
        var run = await DotnetCli.RunAsync(app, ["run", "--", secrets], timeout.Token);

        Assert.Equal(
            [
                "greeting: hello from the packages",
                "printed: [redacted]",
                "cached: True",
                "vault: OptionsValidationException",
                "vault message mentions the token: False",
            ],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        // The packages came from the local folder, at the version just packed.
        string assets = await File.ReadAllTextAsync(Path.Combine(app, "obj", "project.assets.json"), cancellationToken);
        Assert.Contains($"\"SecretsAbstractions.HashiCorpVault/{PackedPackages.Version}\"", assets, StringComparison.Ordinal);
        Assert.Contains($"\"SecretsAbstractions.Caching/{PackedPackages.Version}\"", assets, StringComparison.Ordinal);
        Assert.Contains($"\"SecretsAbstractions/{PackedPackages.Version}\"", assets, StringComparison.Ordinal);
    }

    private static XElement ConsumerProject() =>
        new("Project",
            new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement("PropertyGroup",
                new XElement("OutputType", "Exe"),
                new XElement("TargetFramework", "net10.0"),
                new XElement("Nullable", "enable"),
                new XElement("ImplicitUsings", "enable"),
                new XElement("TreatWarningsAsErrors", "true")),
            new XElement("ItemGroup",
                from id in new[] { "SecretsAbstractions", "SecretsAbstractions.Caching", "SecretsAbstractions.HashiCorpVault" }
                select new XElement("PackageReference", new XAttribute("Include", id), new XAttribute("Version", PackedPackages.Version))));

    // Like the repository's nuget.config: the machine's default source stays (no <clear/>, no URL written) and is
    // mapped by its key; our ids map to the local folder only. Restored packages go to a temporary folder so the
    // machine's cache never holds a test build, and that cache is read as a fallback so nothing is downloaded again.
    private async Task<XElement> NuGetConfigAsync(CancellationToken cancellationToken)
    {
        var locals = await DotnetCli.RunAsync(packages.WorkDirectory, ["nuget", "locals", "global-packages", "--list"], cancellationToken);
        string machineCache = locals.Output.Trim()["global-packages:".Length..].Trim();
        return new XElement("configuration",
            new XElement("config",
                new XElement("add", new XAttribute("key", "globalPackagesFolder"), new XAttribute("value", Path.Combine(packages.WorkDirectory, "nuget-cache")))),
            new XElement("fallbackPackageFolders",
                new XElement("add", new XAttribute("key", "machine"), new XAttribute("value", machineCache))),
            new XElement("packageSources",
                new XElement("add", new XAttribute("key", "secretsabstractions-local"), new XAttribute("value", packages.PackageFolder))),
            new XElement("packageSourceMapping",
                new XElement("packageSource", new XAttribute("key", "nuget.org"),
                    new XElement("package", new XAttribute("pattern", "*"))),
                new XElement("packageSource", new XAttribute("key", "secretsabstractions-local"),
                    new XElement("package", new XAttribute("pattern", "SecretsAbstractions")),
                    new XElement("package", new XAttribute("pattern", "SecretsAbstractions.*")))));
    }
}
