using CsCheck;
using SecretsAbstractions.Tests.Names;

namespace SecretsAbstractions.Tests.References;

/// <summary>CsCheck generators of valid secret references and of texts that may or may not be one.</summary>
internal static class ReferenceGenerators
{
    private const string StoreNameChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";

    // Characters that steer the parser: mutations made of them reach its error paths.
    private const string ParserSignificant = "%/?#&=.:2F0AaZ \u00E9";

    public static readonly Gen<string> StoreName = Gen.String[Gen.Char[StoreNameChars], 1, SecretReference.MaxStoreNameLength];

    /// <summary>A version id or stage: no white space or control characters, but anything else.</summary>
    public static readonly Gen<string> VersionValue =
        Gen.OneOf(NameGenerators.SegmentChar, Gen.Const("/"))
            .Array[1, 10]
            .Select(string.Concat)
            .Where(value => !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)));

    public static readonly Gen<SecretVersion> Version = Gen.Frequency(
        (1, Gen.Const(SecretVersion.Latest)),
        (2, VersionValue.Select(SecretVersion.FromId)),
        (2, VersionValue.Select(SecretVersion.FromStage)));

    /// <summary>A field name: any well-formed text, including "#", "/", spaces and control characters.</summary>
    public static readonly Gen<string?> Field =
        Gen.OneOf(
                NameGenerators.SegmentChar,
                Gen.Char["/#?&= %"].Select(c => c.ToString()),
                NameGenerators.ControlChar.Select(c => c.ToString()))
            .Array[1, 10]
            .Select(string.Concat)
            .Null(0.3);

    public static readonly Gen<SecretReference> Reference =
        Gen.Select(StoreName, NameGenerators.ValidName, Version, Field, (store, name, version, field) => new SecretReference(store, name, version, field));

    /// <summary>Texts that are often almost references: random text, the scheme with random text,
    /// and valid references with a character deleted, inserted or replaced.</summary>
    public static readonly Gen<string> AnyText = Gen.Frequency(
        (1, Gen.String),
        (2, Gen.String.Select(rest => "secret://" + rest)),
        (3, Gen.String[Gen.Char[ParserSignificant], 0, 30].Select(rest => "secret://s/" + rest)),
        (6, Gen.Select(Reference, Gen.Int, Gen.Int[0, 2], Gen.OneOf(Gen.Char[ParserSignificant], Gen.Char)).Select(Mutate)));

    private static string Mutate(SecretReference reference, int seed, int operation, char c)
    {
        string text = reference.ToString();
        int position = Math.Abs(seed % text.Length);
        return operation switch
        {
            0 => text.Remove(position, 1),
            1 => text.Insert(position, c.ToString()),
            _ => text.Remove(position, 1).Insert(position, c.ToString()),
        };
    }
}
