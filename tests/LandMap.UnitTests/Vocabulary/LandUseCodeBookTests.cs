using LandMap.Api.Domain.Vocabulary;

namespace LandMap.UnitTests.Vocabulary;

/// <summary>How a land-use code is read with or without its edition (issue 15 §4).</summary>
public sealed class LandUseCodeBookTests
{
    private const string Gbt = "GB/T 21010-2017", SanDiao = "TD/T 1055-2019", Guide = "用地用海分类指南-2023";

    private static readonly LandUseCodeBook Book = new(
        [new(Gbt, "2017", null, true, 1), new(SanDiao, "sandiao", Gbt, false, 3), new(Guide, "2023", null, false, 4)],
        [
            new(Gbt, "0101", "水田", "Paddy field"), new(Guide, "0101", "水田", "Paddy field"),
            new(Gbt, "1001", "铁路用地", "Railway land"), new(Guide, "1001", "工业用地", "Industrial land"),
            new(Gbt, "0601", "工业用地", "Industrial land"), new(SanDiao, "1104A", "养殖坑塘", "Aquaculture pond"),
            new(Gbt, "10", "交通运输用地", "Transport land", IsClass: true), new(Guide, "10", "工矿用地", "Industrial and mining land"),
        ]);

    [Fact]
    public void A_code_two_editions_give_different_meanings_is_ambiguous_without_an_edition()
    {
        var ambiguous = Assert.IsType<LandUseResolution.Ambiguous>(Book.Resolve("1001", null));
        Assert.Equal(["铁路用地", "工业用地"], ambiguous.Meanings.Select(m => m.NameZh));
        Assert.IsType<LandUseResolution.Ambiguous>(Book.Resolve("10", null));
    }

    [Fact]
    public void With_its_edition_the_code_has_one_meaning()
    {
        Assert.Equal("工业用地", Assert.IsType<LandUseResolution.Found>(Book.Resolve("1001", Book.Edition("2023"))).Entry.NameZh);
        Assert.Equal("铁路用地", Assert.IsType<LandUseResolution.Found>(Book.Resolve("1001", Book.Edition(Gbt))).Entry.NameZh);
        // A first-level class of GB/T 21010 is a meaning, never a stored code.
        Assert.IsType<LandUseResolution.NotInEdition>(Book.Resolve("10", Book.Edition("2017")));
    }

    [Fact]
    public void A_code_with_one_meaning_is_taken_under_the_current_edition()
    {
        Assert.Equal(Gbt, Assert.IsType<LandUseResolution.Found>(Book.Resolve("0101", null)).Entry.Edition);
        Assert.Equal(SanDiao, Assert.IsType<LandUseResolution.Found>(Book.Resolve("1104A", null)).Entry.Edition);
        Assert.IsType<LandUseResolution.Unknown>(Book.Resolve("9999", null));
    }

    [Fact]
    public void An_edition_that_refines_another_uses_its_codes_and_the_alias_names_it()
    {
        Assert.Equal(Gbt, Assert.IsType<LandUseResolution.Found>(Book.Resolve("0601", Book.Edition("SANDIAO"))).Entry.Edition);
        Assert.IsType<LandUseResolution.NotInEdition>(Book.Resolve("1104A", Book.Edition("2017")));
        Assert.Null(Book.Edition("1999"));
    }
}
