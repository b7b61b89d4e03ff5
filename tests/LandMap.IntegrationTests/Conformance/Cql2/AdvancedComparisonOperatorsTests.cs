using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Cql2;

/// <summary>CQL2 Advanced Comparison Operators (LIKE, BETWEEN, IN and their NOT forms) in both encodings, on PostGIS.</summary>
public sealed class AdvancedComparisonOperatorsTests(LandMapServer server)
{
    private readonly Cql2Db db = new(server);

    [Theory]
    [Trait("Requirement", "/req/advanced-comparison-operators/like-predicate")]
    [Trait("Requirement", "/req/cql2-text/advanced-comparison-operators")]
    [Trait("Requirement", "/req/cql2-json/advanced-comparison-operators")]
    [InlineData("code LIKE 'WZKF-BH-%'", """{"op": "like", "args": [{"property": "code"}, "WZKF-BH-%"]}""", "code like 'WZKF-BH-%'")]
    [InlineData("code LIKE 'WZKF-_H-000_'", """{"op": "like", "args": [{"property": "code"}, "WZKF-_H-000_"]}""", "code like 'WZKF-_H-000_'")]
    [InlineData("code NOT LIKE 'WZKF-BH-%'", """{"op": "not", "args": [{"op": "like", "args": [{"property": "code"}, "WZKF-BH-%"]}]}""", "code not like 'WZKF-BH-%'")]
    public async Task Req_advanced_comparison_operators_like_predicate(string text, string json, string hand) =>
        await db.AssertBoth(text, json, hand);

    [Theory]
    [Trait("Requirement", "/req/advanced-comparison-operators/between-predicate")]
    [Trait("Requirement", "/req/cql2-text/advanced-comparison-operators")]
    [Trait("Requirement", "/req/cql2-json/advanced-comparison-operators")]
    [InlineData("plot_ratio BETWEEN 1 AND 2", """{"op": "between", "args": [{"property": "plot_ratio"}, 1, 2]}""", "plot_ratio >= 1 and plot_ratio <= 2")]
    [InlineData("plot_ratio NOT BETWEEN 1 AND 2", """{"op": "not", "args": [{"op": "between", "args": [{"property": "plot_ratio"}, 1, 2]}]}""", "(plot_ratio < 1 or plot_ratio > 2)")]
    [InlineData("supplied_on BETWEEN DATE('2014-01-01') AND DATE('2014-12-31')",
        """{"op": "between", "args": [{"property": "supplied_on"}, {"date": "2014-01-01"}, {"date": "2014-12-31"}]}""",
        "supplied_on >= '2014-01-01' and supplied_on <= '2014-12-31'")]
    public async Task Req_advanced_comparison_operators_between_predicate_includes_both_ends(string text, string json, string hand) =>
        await db.AssertBoth(text, json, hand);

    [Theory]
    [Trait("Requirement", "/req/advanced-comparison-operators/in-predicate")]
    [Trait("Requirement", "/req/cql2-text/advanced-comparison-operators")]
    [Trait("Requirement", "/req/cql2-json/advanced-comparison-operators")]
    [InlineData("status IN ('idle', 'supplied_unused')", """{"op": "in", "args": [{"property": "status"}, ["idle", "supplied_unused"]]}""", "status = 'idle' or status = 'supplied_unused'")]
    [InlineData("status NOT IN ('in_use', 'low_efficiency')", """{"op": "not", "args": [{"op": "in", "args": [{"property": "status"}, ["in_use", "low_efficiency"]]}]}""", "status <> 'in_use' and status <> 'low_efficiency'")]
    [InlineData("plot_ratio IN (1, 1.5, 2)", """{"op": "in", "args": [{"property": "plot_ratio"}, [1, 1.5, 2]]}""", "plot_ratio = 1 or plot_ratio = 1.5 or plot_ratio = 2")]
    [InlineData("supplied_on IN (DATE('2014-11-20'), DATE('2014-01-02'))", """{"op": "in", "args": [{"property": "supplied_on"}, [{"date": "2014-11-20"}, {"date": "2014-01-02"}]]}""", "supplied_on = '2014-11-20' or supplied_on = '2014-01-02'")]
    [InlineData("park_code IN ('P-BH', project_code, 'P-JH')", """{"op": "in", "args": [{"property": "park_code"}, ["P-BH", {"property": "project_code"}, "P-JH"]]}""", "park_code = 'P-BH' or park_code = project_code or park_code = 'P-JH'")]
    public async Task Req_advanced_comparison_operators_in_predicate(string text, string json, string hand) =>
        await db.AssertBoth(text, json, hand);
}
