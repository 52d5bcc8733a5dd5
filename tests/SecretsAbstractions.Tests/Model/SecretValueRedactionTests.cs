using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace SecretsAbstractions.Tests.Model;

public class SecretValueRedactionTests
{
    private const string Canary = "canary-8d1e2f47-never-print-me";

    private static readonly SecretValue Value = SecretValue.FromString(Canary);

    private static readonly Secret Secret = new(
        new SecretProperties("app/db") { Version = "7", ContentType = "text/plain", Tags = new Dictionary<string, string> { ["env"] = "prod" } },
        Value);

    [Fact]
    public void ToString_is_redacted()
    {
        Assert.Equal(SecretValue.Redacted, Value.ToString());
        Assert.Equal(SecretValue.Redacted, Value.ToString("G", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Interpolation_is_redacted()
    {
        Assert.Equal($"v={SecretValue.Redacted}", $"v={Value}");
        Assert.Equal($"v={SecretValue.Redacted,15}", $"v={Value,15}");
        Assert.Equal($"v={SecretValue.Redacted}", string.Create(CultureInfo.InvariantCulture, $"v={Value:X}"));
        Assert.Equal($"v={SecretValue.Redacted}", new StringBuilder().Append(CultureInfo.InvariantCulture, $"v={Value}").ToString());
    }

    [Fact]
    public void Composite_formatting_is_redacted()
    {
        Assert.Equal($"v={SecretValue.Redacted}", string.Format(CultureInfo.InvariantCulture, "v={0}", Value));
        Assert.Equal($"v={SecretValue.Redacted}", string.Format(CultureInfo.InvariantCulture, "v={0:N2}", Value));
        Assert.Equal($"v={SecretValue.Redacted}", new StringBuilder().AppendFormat(CultureInfo.InvariantCulture, "v={0}", Value).ToString());
    }

    [Fact]
    public void TryFormat_writes_the_marker_or_nothing()
    {
        Span<char> large = stackalloc char[64];
        Assert.True(Value.TryFormat(large, out int written, default, CultureInfo.InvariantCulture));
        Assert.Equal(SecretValue.Redacted, large[..written].ToString());

        Span<char> small = stackalloc char[SecretValue.Redacted.Length - 1];
        Assert.False(Value.TryFormat(small, out written, default, null));
        Assert.Equal(0, written);
        Assert.DoesNotContain(Canary[0], small.ToArray());
    }

    [Fact]
    public void JSON_serialization_of_a_value_is_redacted()
    {
        Assert.Equal($"\"{SecretValue.Redacted}\"", JsonSerializer.Serialize(Value));
        Assert.Equal($"{{\"v\":\"{SecretValue.Redacted}\"}}", JsonSerializer.Serialize(new { v = Value }));
    }

    [Fact]
    public void JSON_serialization_of_a_secret_is_redacted()
    {
        string json = JsonSerializer.Serialize(Secret);

        Assert.DoesNotContain(Canary, json, StringComparison.Ordinal);
        Assert.Contains($"\"Value\":\"{SecretValue.Redacted}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Name\":\"app/db\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_redacted_document_is_never_read_back_as_a_value() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SecretValue>($"\"{Canary}\""));

    [Fact]
    public void The_debugger_shows_the_marker_and_hides_the_fields()
    {
        var display = typeof(SecretValue).GetCustomAttribute<DebuggerDisplayAttribute>();
        Assert.Equal(SecretValue.Redacted, display?.Value);

        var fields = typeof(SecretValue).GetFields(BindingFlags.Instance | BindingFlags.NonPublic);
        Assert.NotEmpty(fields);
        Assert.All(fields, field =>
            Assert.Equal(DebuggerBrowsableState.Never, field.GetCustomAttribute<DebuggerBrowsableAttribute>()?.State));
    }

    [Fact]
    public void Secret_ToString_names_the_secret_without_its_value()
    {
        Assert.Equal($"Secret {{ Name = app/db, Version = 7, Value = {SecretValue.Redacted} }}", Secret.ToString());
        Assert.Equal(
            $"Secret {{ Name = x, Version = (none), Value = {SecretValue.Redacted} }}",
            new Secret(new SecretProperties("x"), Value).ToString());
    }

    [Fact]
    public void SecretResult_ToString_never_shows_the_value()
    {
        var request = new SecretRequest("app/db");

        Assert.Equal("app/db: found", SecretResult.Found(request, Secret).ToString());
        Assert.Equal("app/db: not found", SecretResult.NotFound(request).ToString());
        Assert.Equal(
            "app/db: AccessDenied",
            SecretResult.Failed(request, new SecretStoreException(SecretStoreErrorCode.AccessDenied, "Denied.")).ToString());
    }

    [Fact]
    public void SecretProperties_ToString_holds_no_value()
    {
        string text = Secret.Properties.ToString();

        Assert.StartsWith("SecretProperties { Name = app/db, Version = 7", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_of_a_JSON_value_are_redacted_too()
    {
        var json = SecretValue.FromString($$"""{"password":"{{Canary}}"}""");
        var field = json.GetField("password")!;

        Assert.Equal(SecretValue.Redacted, field.ToString());
        Assert.Equal($"\"{SecretValue.Redacted}\"", JsonSerializer.Serialize(field));
        Assert.Equal(Canary, field.RevealString());
    }

    [Fact]
    public void Binary_values_are_redacted_and_not_revealed_as_text()
    {
        var binary = SecretValue.FromBytes(Encoding.UTF8.GetBytes(Canary));

        Assert.True(binary.IsBinary);
        Assert.Equal(SecretValue.Redacted, $"{binary}");
        var error = Assert.Throws<InvalidOperationException>(binary.RevealString);
        Assert.DoesNotContain(Canary, error.Message, StringComparison.Ordinal);
        Assert.Equal(Canary, Encoding.UTF8.GetString(binary.RevealBytes().Span));
    }

    [Fact]
    public void A_binary_value_is_a_copy_of_the_bytes()
    {
        byte[] bytes = [1, 2, 3];
        var value = SecretValue.FromBytes(bytes);
        bytes[0] = 9;

        Assert.Equal([1, 2, 3], value.RevealBytes().ToArray());
    }

    [Fact]
    public void A_text_value_reveals_its_UTF_8_bytes()
    {
        var value = SecretValue.FromString("é");

        Assert.False(value.IsBinary);
        Assert.Equal([0xC3, 0xA9], value.RevealBytes().ToArray());
    }

    [Fact]
    public void FromString_refuses_null() => Assert.Throws<ArgumentNullException>(() => SecretValue.FromString(null!));
}
