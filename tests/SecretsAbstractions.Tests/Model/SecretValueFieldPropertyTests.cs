using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using SecretsAbstractions.Tests.Names;

namespace SecretsAbstractions.Tests.Model;

public class SecretValueFieldPropertyTests
{
    private const int Iterations = 2_000;

    // Well-formed text: System.Text.Json turns an unpaired surrogate into U+FFFD when it writes,
    // so such a string cannot round-trip and says nothing about the field view.
    private static readonly Gen<string> Text = Gen.OneOf(
            NameGenerators.SegmentChar,
            Gen.Char["/\\\"{}[]:,"].Select(c => c.ToString()),
            NameGenerators.ControlChar.Select(c => c.ToString()))
        .Array[0, 12]
        .Select(string.Concat);

    private static readonly Gen<Dictionary<string, string>> StringFields = Gen.Dictionary(Text, Text)[0, 12];

    private static readonly Gen<string> NumberLiteral =
        Gen.Select(Gen.Bool, Gen.Long[0, long.MaxValue], Gen.Int[0, 99_999].Nullable(0.5), Gen.Int[-400, 400].Nullable(0.5))
            .Select((negative, integer, fraction, exponent) =>
                (negative ? "-" : string.Empty)
                + integer.ToString(CultureInfo.InvariantCulture)
                + (fraction is { } f ? "." + f.ToString(CultureInfo.InvariantCulture) : string.Empty)
                + (exponent is { } e ? "e" + e.ToString(CultureInfo.InvariantCulture) : string.Empty));

    private static readonly Gen<string> Literal = Gen.Frequency((4, NumberLiteral), (1, Gen.OneOf("true", "false")));

    [Fact]
    public void A_serialized_dictionary_of_strings_gives_exactly_its_keys_and_values()
    {
        StringFields.Sample(
            expected =>
            {
                var value = SecretValue.FromString(JsonSerializer.Serialize(expected));

                Assert.True(value.TryGetFields(out var fields));
                Assert.Equal(expected, fields.ToDictionary(field => field.Key, field => field.Value.RevealString()));
                Assert.All(fields.Values, field => Assert.False(field.IsBinary));
            },
            iter: Iterations);
    }

    [Fact]
    public void Numbers_and_booleans_give_their_literal_text()
    {
        Gen.Dictionary(Text, Literal)[1, 8].Sample(
            expected =>
            {
                string json = "{" + string.Join(",", expected.Select(field => JsonSerializer.Serialize(field.Key) + ":" + field.Value)) + "}";

                Assert.True(SecretValue.FromString(json).TryGetFields(out var fields), json);
                Assert.Equal(expected, fields.ToDictionary(field => field.Key, field => field.Value.RevealString()));
            },
            iter: Iterations);
    }

    [Fact]
    public void JSON_values_other_than_objects_give_no_fields()
    {
        Gen.OneOf(
                Text.Select(s => JsonSerializer.Serialize(s)),
                Literal,
                Gen.Const("null"),
                Text.Array[0, 5].Select(a => JsonSerializer.Serialize(a)),
                StringFields.Select(d => "[" + JsonSerializer.Serialize(d) + "]"))
            .Sample(json => Assert.False(SecretValue.FromString(json).TryGetFields(out _), json), iter: Iterations);
    }

    [Fact]
    public void Text_that_is_not_JSON_gives_no_fields()
    {
        var truncatedObject = Gen.Select(StringFields, Gen.Int)
            .Select((fields, seed) =>
            {
                string json = JsonSerializer.Serialize(fields);
                return json[..Math.Abs(seed % json.Length)];
            });
        var objectWithTrailingText = Gen.Select(StringFields, Text.Where(t => t.Trim().Length > 0))
            .Select((fields, trailing) => JsonSerializer.Serialize(fields) + trailing);
        var notStartingWithABrace = Text.Where(t => !t.TrimStart().StartsWith('{'));

        Gen.OneOf(truncatedObject, objectWithTrailingText, notStartingWithABrace)
            .Sample(text => Assert.False(SecretValue.FromString(text).TryGetFields(out _)), iter: Iterations);
    }

    [Fact]
    public void Duplicate_keys_give_no_fields()
    {
        Gen.Select(StringFields, Text, Text, Text, Gen.Bool)
            .Sample(
                (fields, key, first, second, escapeTheDuplicate) =>
                {
                    var members = fields.Where(field => field.Key != key)
                        .Select(field => JsonSerializer.Serialize(field.Key) + ":" + JsonSerializer.Serialize(field.Value))
                        .Append(JsonSerializer.Serialize(key) + ":" + JsonSerializer.Serialize(first))
                        .Append((escapeTheDuplicate ? EscapeEveryChar(key) : JsonSerializer.Serialize(key)) + ":" + JsonSerializer.Serialize(second));

                    Assert.False(SecretValue.FromString("{" + string.Join(",", members) + "}").TryGetFields(out _));
                },
                iter: Iterations);
    }

    // The same key spelled differently: every character as a \uXXXX escape.
    private static string EscapeEveryChar(string key)
    {
        var json = new StringBuilder("\"");
        foreach (char c in key)
        {
            json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }

        return json.Append('"').ToString();
    }
}
