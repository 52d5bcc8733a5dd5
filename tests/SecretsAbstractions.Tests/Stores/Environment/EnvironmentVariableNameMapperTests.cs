using CsCheck;
using SecretsAbstractions.Internal;

namespace SecretsAbstractions.Tests.Stores;

public class EnvironmentVariableNameMapperTests
{
    private readonly EnvironmentVariableNameMapper _mapper = new("APP_");

    [Theory]
    [InlineData("password", "APP_password")]
    [InlineData("db/password", "APP_db__password")]
    [InlineData("a/b/c", "APP_a__b__c")]
    [InlineData("a/_b", "APP_a___b")]
    [InlineData("_a", "APP__a")]
    [InlineData("a/b_", "APP_a__b_")]
    [InlineData("a/_", "APP_a___")]
    [InlineData("Db.Host/Port-1", "APP_Db.Host__Port-1")]
    public void Maps_both_ways_like_the_configuration_provider(string name, string variable)
    {
        Assert.Equal(variable, _mapper.ToNativeName(name));
        Assert.Equal(name, _mapper.ToLogicalName(variable));
    }

    [Theory]
    [InlineData("a__b")]
    [InlineData("a/b__c")]
    [InlineData("a_/b")]
    [InlineData("_/b")]
    [InlineData("a/_/b")]
    [InlineData("a=b")]
    [InlineData("a\0b")]
    public void Refuses_names_that_would_make_the_mapping_ambiguous(string name)
    {
        var error = Assert.Throws<SecretStoreException>(() => _mapper.ToNativeName(name));
        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
    }

    [Theory]
    [InlineData("APP_")]
    [InlineData("OTHER_x")]
    [InlineData("app_x")]
    [InlineData("APP_a____b")]
    [InlineData("APP_a__")]
    [InlineData("APP___a")]
    [InlineData("APP_a/b")]
    [InlineData("APP_a=b")]
    public void Variables_without_a_valid_logical_name_have_none(string variable) =>
        Assert.Null(_mapper.ToLogicalName(variable));

    [Fact]
    public void Every_accepted_name_maps_to_a_variable_that_maps_back_to_it() =>
        Gen.String[Gen.Char["ab_/="], 1, 12].Sample(name =>
        {
            string variable;
            try
            {
                variable = _mapper.ToNativeName(name);
            }
            catch (SecretStoreException error) when (error.ErrorCode == SecretStoreErrorCode.InvalidName)
            {
                return;
            }

            Assert.Equal(name, _mapper.ToLogicalName(variable));
        });

    [Fact]
    public void Every_listed_variable_reads_back_as_that_same_variable() =>
        Gen.String[Gen.Char["ab_/"], 1, 12].Sample(suffix =>
        {
            string variable = "APP_" + suffix;
            if (_mapper.ToLogicalName(variable) is { } name)
            {
                Assert.Equal(variable, _mapper.ToNativeName(name));
            }
        });

    [Fact]
    public void Without_a_prefix_the_whole_variable_name_is_mapped()
    {
        var mapper = new EnvironmentVariableNameMapper(prefix: null);
        Assert.Equal("db__password", mapper.ToNativeName("db/password"));
        Assert.Equal("db/password", mapper.ToLogicalName("db__password"));
    }
}
