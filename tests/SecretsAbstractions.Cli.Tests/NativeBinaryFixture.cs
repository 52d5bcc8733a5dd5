using System.Diagnostics;
using System.Text;

namespace SecretsAbstractions.Cli.Tests;

/// <summary>
/// Publishes the tool once as a native AOT executable (<c>dotnet publish -r linux-x64 -p:PublishAot=true</c>, with
/// clang-14 as the linker when it is installed) into a temporary folder, for tests that run the binary as a
/// subprocess. Publishing costs minutes on a 2-core machine, so it runs only when <c>CI=true</c> or
/// <c>SECRETS_CLI_NATIVE_TESTS=1</c>; <c>SECRETS_CLI_NATIVE_BINARY=&lt;path&gt;</c> runs the tests against a binary
/// published beforehand instead.
/// </summary>
public sealed class NativeBinaryFixture : IAsyncLifetime
{
    private string? _workDirectory;

    /// <summary>Why the native tests do not run here, or <see langword="null"/> when they do.</summary>
    public string? SkipReason { get; private set; }

    public string BinaryPath { get; private set; } = string.Empty;

    public string PublishLog { get; private set; } = string.Empty;

    public static bool Enabled =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || Environment.GetEnvironmentVariable("SECRETS_CLI_NATIVE_TESTS") == "1"
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SECRETS_CLI_NATIVE_BINARY"));

    public async ValueTask InitializeAsync()
    {
        if (!Enabled)
        {
            SkipReason = "Native AOT tests run when CI=true or SECRETS_CLI_NATIVE_TESTS=1 (publishing takes minutes).";
            return;
        }

        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            SkipReason = "The native AOT tests publish for linux-x64.";
            return;
        }

        if (Environment.GetEnvironmentVariable("SECRETS_CLI_NATIVE_BINARY") is { Length: > 0 } prebuilt)
        {
            BinaryPath = prebuilt;
            return;
        }

        _workDirectory = Directory.CreateTempSubdirectory("secrets-cli-native-").FullName;
        string project = Path.Combine(RepositoryRoot(), "src", "SecretsAbstractions.Cli", "SecretsAbstractions.Cli.csproj");
        string output = Path.Combine(_workDirectory, "out");
        var arguments = new List<string>
        {
            "publish", project, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true",
            "--artifacts-path", Path.Combine(_workDirectory, "artifacts"), "-o", output, "-nologo", "-nodeReuse:false",
        };
        if (File.Exists("/usr/bin/clang-14"))
        {
            arguments.Add("-p:CppCompilerAndLinker=clang-14");
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        arguments.ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        await process.WaitForExitAsync(timeout.Token);
        PublishLog = await stdout + await stderr;
        BinaryPath = Path.Combine(output, "secrets");
        if (process.ExitCode != 0 || !File.Exists(BinaryPath))
        {
            throw new InvalidOperationException($"dotnet publish -p:PublishAot=true failed with exit code {process.ExitCode}:\n{PublishLog}");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_workDirectory is not null)
        {
            try
            {
                Directory.Delete(_workDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Runs the binary with exactly <paramref name="environment"/> (plus PATH and HOME) and the given input.</summary>
    public async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, string? input, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(BinaryPath)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        start.Environment["HOME"] = workingDirectory;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "src", "SecretsAbstractions.Cli", "SecretsAbstractions.Cli.csproj")))
            {
                return directory.FullName;
            }
        }

        // Built with --artifacts-path outside the repository: the source tree is found from this file's location.
        return Path.GetFullPath(Path.Combine(SourceDirectory(), "..", ".."));
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
