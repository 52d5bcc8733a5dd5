using System.Text;

namespace SecretsAbstractions.Cli.Commands;

/// <summary>The dotenv lines <c>export</c> writes: names as the environment store and .NET configuration read them
/// back (<c>/</c> is <c>__</c>), values quoted only when they need it.</summary>
internal static class DotEnv
{
    /// <summary>The variable name of a secret: <c>app/db/password</c> is <c>app__db__password</c>. Names with
    /// characters a dotenv key cannot hold are refused rather than silently changed.</summary>
    public static string Key(string name)
    {
        string key = name.Replace("/", "__", StringComparison.Ordinal);
        foreach (char c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                throw new CliException($"export: the secret '{SecretName.ForDisplay(name)}' cannot be a dotenv variable name (only letters, digits, '_', '.', '-' and '/' are written); use --format json.");
            }
        }

        return key;
    }

    /// <summary>Unquoted when every character is safe; in single quotes (taken literally by dotenv readers) when the
    /// value has no single quote or line break; otherwise in double quotes with <c>\\ \" \n \r \t</c> escapes.</summary>
    public static string Quote(string value)
    {
        if (value.Length > 0 && value.All(IsPlain))
        {
            return value;
        }

        if (!value.Any(c => c == '\'' || char.IsControl(c)))
        {
            return "'" + value + "'";
        }

        var quoted = new StringBuilder(value.Length + 8).Append('"');
        foreach (char c in value)
        {
            quoted.Append(c switch
            {
                '\\' => @"\\",
                '"' => "\\\"",
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ':' or '@' or '+' or ',' or '%' or '=';
}
