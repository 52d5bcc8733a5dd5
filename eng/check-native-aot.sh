#!/usr/bin/env bash
# Publishes, as a native AOT executable, a small console app that references every shipped library and reaches each
# of them, then runs it. Prints the publish's trim/AOT warnings (none expected; docs/packages.md lists the result).
#
#   bash eng/check-native-aot.sh            # linker: clang-14 (installed, but not on PATH as clang)
#   LINKER=gcc bash eng/check-native-aot.sh
#
# Everything is built in a temporary folder; the repository's bin/obj are never touched. No request leaves the
# machine: the adapters' stores are only constructed, and AWS credentials come from dummy environment variables so
# that the SDK's chain never asks instance metadata.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
linker="${LINKER:-clang-14}"
work=$(mktemp -d "${TMPDIR:-/tmp}/native-aot-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

refs=""
for name in SecretsAbstractions SecretsAbstractions.Caching SecretsAbstractions.Resilience SecretsAbstractions.Configuration \
            SecretsAbstractions.HashiCorpVault SecretsAbstractions.AwsSecretsManager SecretsAbstractions.AzureKeyVault; do
  refs="$refs    <ProjectReference Include=\"$root/src/$name/$name.csproj\" />
"
done

cat > "$work/AotProbe.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <PublishAot>true</PublishAot>
    <InvariantGlobalization>true</InvariantGlobalization>
  </PropertyGroup>
  <ItemGroup>
$refs  </ItemGroup>
</Project>
XML

cat > "$work/Program.cs" <<'CS'
using Microsoft.Extensions.Configuration;
using SecretsAbstractions;
using SecretsAbstractions.AwsSecretsManager;
using SecretsAbstractions.AzureKeyVault;
using SecretsAbstractions.HashiCorpVault;

Directory.CreateDirectory(args[0]);
File.WriteAllText(Path.Combine(args[0], "greeting"), "hello from native code");
var settings = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?> { ["Cache:TimeToLive"] = "00:01:00" })
    .Build();
ISecretStore store = new FileSecretStore(new FileSecretStoreOptions { Path = args[0] })
    .AsBuilder()
    .UseLogging()
    .UseOpenTelemetry()
    .UseCaching(settings.GetSection("Cache"))
    .UseResilience()
    .Build();
Console.WriteLine((await store.GetRequiredSecretAsync("greeting")).Value.RevealString());
Console.WriteLine(new ConfigurationBuilder().AddSecretStore(store).Build()["greeting"]);

var vault = new HashiCorpVaultSecretStore(new HashiCorpVaultSecretStoreOptions { Address = "http://127.0.0.1:8200", UseEnvironmentDefaults = false, Auth = { Token = "t" } });
var aws = new AwsSecretsManagerSecretStore(new AwsSecretsManagerSecretStoreOptions { Region = "eu-west-1", ServiceUrl = new Uri("http://127.0.0.1:4566/") });
var azure = new AzureKeyVaultSecretStore(new AzureKeyVaultSecretStoreOptions { VaultUri = new Uri("https://example.vault.azure.net/") });
Console.WriteLine($"{vault.GetType().Name} {aws.GetType().Name} {azure.GetType().Name}");
CS

# The probe sits outside the repository: restore with the repository's sources and mapping all the same.
dotnet publish "$work/AotProbe.csproj" -c Release -r linux-x64 -p:CppCompilerAndLinker="$linker" \
  -p:RestoreConfigFile="$root/nuget.config" \
  --artifacts-path "$work/artifacts" -o "$work/out" > "$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; exit 1; }

warnings=$(grep -E ' warning ' "$work/publish.log" | sed -E 's/ \[[^]]*\]$//' | sort -u || true)
if [ -n "$warnings" ]; then
  printf 'Publish warnings:\n%s\n' "$warnings"
else
  echo "Publish warnings: none"
fi
echo "Binary: $(du -h "$work/out/AotProbe" | cut -f1)"
AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=example AWS_REGION=eu-west-1 "$work/out/AotProbe" "$work/secrets"
