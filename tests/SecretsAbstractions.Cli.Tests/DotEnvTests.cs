using SecretsAbstractions.Cli.Commands;

namespace SecretsAbstractions.Cli.Tests;

public sealed class DotEnvTests
{
    [Theory]
    [InlineData("plain-value_1.2", "plain-value_1.2")]
    [InlineData("https://host:443/path", "https://host:443/path")]
    [InlineData("has space", "'has space'")]
    [InlineData("$HOME and \"quotes\"", "'$HOME and \"quotes\"'")]
    [InlineData("", "''")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("line1\nline2", "\"line1\\nline2\"")]
    [InlineData("back\\slash\t'x'", "\"back\\\\slash\\t'x'\"")]
    public void Values_are_quoted_only_when_needed(string value, string expected) =>
        Assert.Equal(expected, DotEnv.Quote(value));

    [Theory]
    [InlineData("app/db/password", "app__db__password")]
    [InlineData("API_KEY", "API_KEY")]
    [InlineData("my-app/v1.2", "my-app__v1.2")]
    public void Names_become_variables_with_double_underscores(string name, string expected) =>
        Assert.Equal(expected, DotEnv.Key(name));

    [Theory]
    [InlineData("has space")]
    [InlineData("a=b")]
    [InlineData("café")]
    public void Names_a_dotenv_key_cannot_hold_are_refused(string name)
    {
        var error = Assert.Throws<CliException>(() => DotEnv.Key(name));
        Assert.Contains("--format json", error.Message, StringComparison.Ordinal);
    }
}
