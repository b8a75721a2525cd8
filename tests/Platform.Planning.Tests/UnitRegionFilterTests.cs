using Platform.BuildingBlocks.Errors;
using Platform.Planning.Module.Features.Units;

namespace Platform.Planning.Tests;

/// <summary>ListUnits' region filter: a province's or city's code finds the units of the regions below it.</summary>
public sealed class UnitRegionFilterTests
{
    [Theory]
    [InlineData("320000", "32")]
    [InlineData("320600", "3206")]
    [InlineData("320602", "320602")]
    [InlineData(" 510100 ", "5101")]
    [InlineData("000000", "00")]
    public void A_division_code_is_read_as_the_start_its_regions_share(string code, string prefix)
    {
        var validator = new RequestValidator();
        Assert.Equal(prefix, UnitFieldRules.RegionPrefix(validator, "region_code", code));
        Assert.True(validator.IsValid);
    }

    [Theory]
    [InlineData("3206")]
    [InlineData("32060a")]
    [InlineData("3206000")]
    public void A_code_that_is_not_six_digits_is_refused_naming_the_field(string code)
    {
        var validator = new RequestValidator();
        UnitFieldRules.RegionPrefix(validator, "region_code", code);
        Assert.False(validator.IsValid);
        Assert.Equal("region_code", Assert.Single(validator.Violations).Field);
    }
}
