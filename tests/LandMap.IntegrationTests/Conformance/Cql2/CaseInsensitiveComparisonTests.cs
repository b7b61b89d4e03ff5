using LandMap.Api.Domain;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Cql2;

/// <summary>CQL2 Case-insensitive Comparison: CASEI on either side, in IN lists and in LIKE, in both encodings.</summary>
public sealed class CaseInsensitiveComparisonTests(LandMapServer server)
{
    private readonly Cql2Db db = new(server);

    [Theory]
    [Trait("Requirement", "/req/case-insensitive-comparison/casei-function")]
    [Trait("Requirement", "/req/cql2-text/case-insensitive-comparison")]
    [Trait("Requirement", "/req/cql2-json/case-insensitive-comparison")]
    [InlineData("CASEI(status) IN (CASEI('IDLE'))", """{"op": "in", "args": [{"op": "casei", "args": [{"property": "status"}]}, [{"op": "casei", "args": ["IDLE"]}]]}""", "status = 'idle'")]
    [InlineData("CASEI(status) IN (CASEI('IDLE'), CASEI('Supplied_Unused'))",
        """{"op": "in", "args": [{"op": "casei", "args": [{"property": "status"}]}, [{"op": "casei", "args": ["IDLE"]}, {"op": "casei", "args": ["Supplied_Unused"]}]]}""",
        "status in ('idle', 'supplied_unused')")]
    [InlineData("CASEI(code) = CASEI('wzkf-bh-0001')", """{"op": "=", "args": [{"op": "casei", "args": [{"property": "code"}]}, {"op": "casei", "args": ["wzkf-bh-0001"]}]}""", "code = 'WZKF-BH-0001'")]
    [InlineData("CASEI('WZKF-BH-0001') = CASEI(code)", """{"op": "=", "args": [{"op": "casei", "args": ["WZKF-BH-0001"]}, {"op": "casei", "args": [{"property": "code"}]}]}""", "code = 'WZKF-BH-0001'")]
    [InlineData("CASEI(code) LIKE CASEI('wzkf-jh-%')", """{"op": "like", "args": [{"op": "casei", "args": [{"property": "code"}]}, {"op": "casei", "args": ["wzkf-jh-%"]}]}""", "code like 'WZKF-JH-%'")]
    [InlineData("CASEI(code) NOT LIKE CASEI('wzkf-jh-%')", """{"op": "not", "args": [{"op": "like", "args": [{"op": "casei", "args": [{"property": "code"}]}, {"op": "casei", "args": ["wzkf-jh-%"]}]}]}""", "code not like 'WZKF-JH-%'")]
    public async Task Req_case_insensitive_comparison_casei_function_on_parcels(string text, string json, string hand) =>
        await db.AssertBoth(text, json, hand);

    [Fact]
    [Trait("Requirement", "/req/case-insensitive-comparison/casei-function")]
    public async Task Req_case_insensitive_comparison_casei_function_on_names() =>
        await db.AssertBoth("CASEI(name_en) = CASEI('BINHAI park')",
            """{"op": "=", "args": [{"op": "casei", "args": [{"property": "name_en"}]}, {"op": "casei", "args": ["BINHAI park"]}]}""",
            "name_en = 'Binhai Park'", CollectionCatalog.Parks);

    [Fact]
    [Trait("Requirement", "/req/case-insensitive-comparison/casei-function")]
    public void Req_case_insensitive_comparison_casei_function_takes_text_only() =>
        Assert.Contains("the argument of CASEI must be text; property 'area_mu' is a number", Cql2Db.Rejected("CASEI(area_mu) = 'x'"));
}
