namespace SecretsAbstractions.Tests.Model;

public class SecretVersionTests
{
    [Fact]
    public void Latest_is_the_default()
    {
        Assert.Equal(SecretVersion.Latest, default);
        Assert.True(default(SecretVersion).IsLatest);
        Assert.Equal(SecretVersionKind.Latest, SecretVersion.Latest.Kind);
        Assert.Null(SecretVersion.Latest.Value);
    }

    [Fact]
    public void Ids_and_stages_keep_their_kind_and_value()
    {
        var id = SecretVersion.FromId("3");
        var stage = SecretVersion.FromStage("AWSPREVIOUS");

        Assert.Equal((SecretVersionKind.Id, "3", false), (id.Kind, id.Value, id.IsLatest));
        Assert.Equal((SecretVersionKind.Stage, "AWSPREVIOUS", false), (stage.Kind, stage.Value, stage.IsLatest));
    }

    [Fact]
    public void Equality_compares_kind_and_value_ordinally()
    {
        Assert.True(SecretVersion.FromId("a") == SecretVersion.FromId("a"));
        Assert.Equal(SecretVersion.FromId("a").GetHashCode(), SecretVersion.FromId("a").GetHashCode());
        Assert.True(SecretVersion.FromId("a") != SecretVersion.FromId("A"));
        Assert.True(SecretVersion.FromId("a") != SecretVersion.FromStage("a"));
        Assert.True(SecretVersion.FromId("latest") != SecretVersion.Latest);
        Assert.False(SecretVersion.FromId("a").Equals((object)"a"));
        Assert.True(SecretVersion.FromStage("x").Equals((object)SecretVersion.FromStage("x")));
    }

    [Fact]
    public void ToString_says_what_is_designated()
    {
        Assert.Equal("latest", SecretVersion.Latest.ToString());
        Assert.Equal("3", SecretVersion.FromId("3").ToString());
        Assert.Equal("stage:AWSPREVIOUS", SecretVersion.FromStage("AWSPREVIOUS").ToString());
    }

    [Fact]
    public void Null_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => SecretVersion.FromId(null!));
        Assert.Throws<ArgumentNullException>(() => SecretVersion.FromStage(null!));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a b")]
    [InlineData("a\tb")]
    [InlineData("a\n")]
    [InlineData("\u00A0")]
    [InlineData("\u2028")]
    [InlineData("\u0000")]
    [InlineData("\u0085")]
    public void Empty_white_space_and_control_characters_are_refused(string value)
    {
        Assert.Equal("versionId", Assert.Throws<ArgumentException>(() => SecretVersion.FromId(value)).ParamName);
        Assert.Equal("stage", Assert.Throws<ArgumentException>(() => SecretVersion.FromStage(value)).ParamName);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("a/b+c=d")]
    [InlineData("0f3c1b6e-9a7d-4a3b-8c2e-1f5d7a9b3c4e")]
    [InlineData("é")]
    public void Any_other_text_is_accepted(string value) =>
        Assert.Equal(value, SecretVersion.FromId(value).Value);
}
