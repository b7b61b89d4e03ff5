using LandMap.Api.Domain;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Cql2;

/// <summary>
/// CQL2 Accent-insensitive Comparison: ACCENTI (PostgreSQL's unaccent) in both encodings. The parks'
/// English names are pinyin without tone marks; written with them ('Bīnhǎi Park') they must match.
/// </summary>
public sealed class AccentInsensitiveComparisonTests(LandMapServer server)
{
    private readonly Cql2Db db = new(server);

    [Theory]
    [Trait("Requirement", "/req/accent-insensitive-comparison/accenti-function")]
    [Trait("Requirement", "/req/cql2-text/accent-insensitive-comparison")]
    [Trait("Requirement", "/req/cql2-json/accent-insensitive-comparison")]
    [InlineData("ACCENTI(name_en) = ACCENTI('Bīnhǎi Park')", """{"op": "=", "args": [{"op": "accenti", "args": [{"property": "name_en"}]}, {"op": "accenti", "args": ["Bīnhǎi Park"]}]}""", "name_en = 'Binhai Park'")]
    [InlineData("ACCENTI(name_en) LIKE ACCENTI('Jīnhǎi%')", """{"op": "like", "args": [{"op": "accenti", "args": [{"property": "name_en"}]}, {"op": "accenti", "args": ["Jīnhǎi%"]}]}""", "name_en like 'Jinhai%'")]
    [InlineData("ACCENTI(name_en) IN (ACCENTI('Tiānhé Park'), ACCENTI('Dīngshān Park'))",
        """{"op": "in", "args": [{"op": "accenti", "args": [{"property": "name_en"}]}, [{"op": "accenti", "args": ["Tiānhé Park"]}, {"op": "accenti", "args": ["Dīngshān Park"]}]]}""",
        "name_en in ('Tianhe Park', 'Dingshan Park')")]
    [InlineData("CASEI(ACCENTI(name_en)) = CASEI(ACCENTI('BĪNHǍI PARK'))",
        """{"op": "=", "args": [{"op": "casei", "args": [{"op": "accenti", "args": [{"property": "name_en"}]}]}, {"op": "casei", "args": [{"op": "accenti", "args": ["BĪNHǍI PARK"]}]}]}""",
        "name_en = 'Binhai Park'")]
    [InlineData("ACCENTI(name_en) <> ACCENTI('Xīnghǎi Park')", """{"op": "<>", "args": [{"op": "accenti", "args": [{"property": "name_en"}]}, {"op": "accenti", "args": ["Xīnghǎi Park"]}]}""", "name_en <> 'Xinghai Park'")]
    public async Task Req_accent_insensitive_comparison_accenti_function(string text, string json, string hand) =>
        await db.AssertBoth(text, json, hand, CollectionCatalog.Parks);

    [Fact]
    [Trait("Requirement", "/req/accent-insensitive-comparison/accenti-function")]
    public async Task Req_accent_insensitive_comparison_accenti_function_D_null_gives_null()
    {
        // Projects without an English name: ACCENTI(NULL) is NULL, so neither = nor <> holds for them.
        var withName = await db.Hand("name_en is not null", CollectionCatalog.Projects);
        Assert.Equal(withName, await db.Select("ACCENTI(name_en) = ACCENTI(name_en)", "cql2-text", CollectionCatalog.Projects));
    }
}
