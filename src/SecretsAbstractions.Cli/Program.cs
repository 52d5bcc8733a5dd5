using System.Collections;
using System.Text;
using SecretsAbstractions.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
{
    environment[(string)variable.Key] = (string?)variable.Value;
}

var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
await using (output.ConfigureAwait(false))
{
    Stream? input = Console.IsInputRedirected ? Console.OpenStandardInput() : null;
    return await SecretsCli.RunAsync(args, input, output, Console.Error, environment, options: null, cancellation.Token).ConfigureAwait(false);
}
