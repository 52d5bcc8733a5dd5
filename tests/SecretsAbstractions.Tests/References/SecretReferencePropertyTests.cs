using CsCheck;

namespace SecretsAbstractions.Tests.References;

public class SecretReferencePropertyTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void Parsing_the_formatted_reference_gives_the_same_reference()
    {
        ReferenceGenerators.Reference.Sample(
            reference =>
            {
                string text = reference.ToString();
                Assert.Equal(reference, SecretReference.Parse(text));
                Assert.True(SecretReference.TryParse(text, out var parsed));
                Assert.Equal(reference, parsed);
                Assert.True(SecretReference.LooksLikeReference(text));
            },
            iter: Iterations);
    }

    [Fact]
    public void The_canonical_form_is_printable_ASCII_without_spaces()
    {
        ReferenceGenerators.Reference.Sample(
            reference => Assert.All(reference.ToString(), c => Assert.InRange(c, '!', '~')),
            iter: Iterations);
    }

    [Fact]
    public void Parse_throws_only_format_or_invalid_name_errors_and_TryParse_agrees()
    {
        ReferenceGenerators.AnyText.Sample(
            text =>
            {
                SecretReference? parsed = null;
                try
                {
                    parsed = SecretReference.Parse(text);
                }
                catch (SecretReferenceFormatException error)
                {
                    Assert.InRange(error.Position, 0, text.Length);
                    Assert.StartsWith($"Invalid secret reference at position {error.Position}: expected ", error.Message, StringComparison.Ordinal);
                    Assert.DoesNotContain(error.Message, char.IsControl);
                }
                catch (SecretStoreException error)
                {
                    Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
                }

                Assert.Equal(parsed is not null, SecretReference.TryParse(text, out var tried));
                Assert.Equal(parsed, tried);
                if (parsed is not null)
                {
                    Assert.Equal(parsed, SecretReference.Parse(parsed.ToString()));
                }
            },
            iter: Iterations * 3);
    }

    [Fact]
    public void Formatting_a_parsed_canonical_text_gives_the_same_text()
    {
        ReferenceGenerators.Reference.Select(reference => reference.ToString()).Sample(
            text => Assert.Equal(text, SecretReference.Parse(text).ToString()),
            iter: Iterations);
    }
}
