using System.Globalization;
using CsCheck;

namespace SecretsAbstractions.Tests.Names;

public class SecretNamePropertyTests
{
    private const int Iterations = 5_000;

    [Fact]
    public void Generated_names_are_valid()
    {
        NameGenerators.ValidName.Sample(
            name =>
            {
                Assert.Null(SecretName.GetError(name));
                SecretName.Validate(name);
                Assert.Equal(name, string.Join(SecretName.Separator, SecretName.GetSegments(name)));
            },
            iter: Iterations);
    }

    [Fact]
    public void Inserting_an_empty_segment_anywhere_makes_a_name_invalid()
    {
        Gen.Select(NameGenerators.ValidSegments, Gen.Int)
            .Select((segments, seed) => Insert(segments, seed, string.Empty))
            .Sample(AssertInvalidName, iter: Iterations);
    }

    [Fact]
    public void Inserting_a_dot_or_dot_dot_segment_anywhere_makes_a_name_invalid()
    {
        Gen.Select(NameGenerators.ValidSegments, Gen.Int, Gen.OneOf(".", ".."))
            .Select((segments, seed, dots) => Insert(segments, seed, dots))
            .Sample(AssertInvalidName, iter: Iterations);
    }

    [Fact]
    public void Inserting_a_control_character_anywhere_makes_a_name_invalid()
    {
        Gen.Select(NameGenerators.ValidName, Gen.Int, NameGenerators.ControlChar)
            .Select((name, seed, c) => name.Insert(Math.Abs(seed % (name.Length + 1)), c.ToString()))
            .Sample(AssertInvalidName, iter: Iterations);
    }

    [Fact]
    public void Inserting_a_format_character_anywhere_makes_a_name_invalid()
    {
        Gen.Select(NameGenerators.ValidName, Gen.Int, NameGenerators.FormatChar)
            .Select((name, seed, c) => name.Insert(Math.Abs(seed % (name.Length + 1)), c.ToString()))
            .Sample(AssertInvalidName, iter: Iterations);
    }

    [Fact]
    public void Names_longer_than_MaxLength_are_invalid_and_names_up_to_it_are_valid()
    {
        Gen.Select(NameGenerators.ValidName, Gen.Int[1, 200])
            .Sample(
                (name, excess) =>
                {
                    string atLimit = Pad(name, SecretName.MaxLength);
                    Assert.Equal(SecretName.MaxLength, atLimit.Length);
                    Assert.True(SecretName.IsValid(atLimit));
                    AssertInvalidName(Pad(name, SecretName.MaxLength + excess));
                },
                iter: 1_000);
    }

    [Fact]
    public void ForDisplay_never_contains_a_control_or_format_character_or_a_surrogate()
    {
        Gen.OneOf(
                Gen.String,
                Gen.String[Gen.Char, 0, 300],
                Gen.Select(NameGenerators.ValidName, Gen.Int, NameGenerators.ControlChar)
                    .Select((name, seed, c) => name.Insert(Math.Abs(seed % (name.Length + 1)), c.ToString())))
            .Sample(
                text =>
                {
                    string display = SecretName.ForDisplay(text);
                    Assert.DoesNotContain(display, c =>
                        char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);
                    Assert.DoesNotContain('\'', display);
                },
                iter: Iterations);
    }

    private static string Insert(string[] segments, int seed, string inserted)
    {
        var list = segments.ToList();
        list.Insert(Math.Abs(seed % (list.Count + 1)), inserted);
        return string.Join(SecretName.Separator, list);
    }

    // Appends "/x" segments (and then single characters) until the name is exactly `length` long.
    private static string Pad(string name, int length)
    {
        if (name.Length > length - 2)
        {
            name = "n";
        }

        var padded = new System.Text.StringBuilder(name);
        while (padded.Length + 2 <= length)
        {
            padded.Append("/x");
        }

        return padded.Append('y', length - padded.Length).ToString();
    }

    private static void AssertInvalidName(string name)
    {
        Assert.False(SecretName.IsValid(name), $"'{SecretName.ForDisplay(name)}' should be invalid");
        var error = Assert.Throws<SecretStoreException>(() => SecretName.Validate(name, "store", SecretStoreOperations.GetSecret));
        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
        Assert.Equal("store", error.StoreName);
        Assert.Equal(SecretStoreOperations.GetSecret, error.Operation);
        Assert.False(error.IsTransient);
        Assert.StartsWith("Invalid secret name '", error.Message, StringComparison.Ordinal);
    }
}
