using LandMap.Api.Domain;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Cql2;

/// <summary>CQL2 Arithmetic Expressions: + - * / % div ^, the BNF's precedence and NULLs, in both encodings, on PostGIS.</summary>
public sealed class ArithmeticTests(LandMapServer server)
{
    private readonly Cql2Db db = new(server);

    [Theory]
    [Trait("Requirement", "/req/arithmetic/arithmetic")]
    [Trait("Requirement", "/req/cql2-text/arithmetic")]
    [Trait("Requirement", "/req/cql2-json/arithmetic")]
    [InlineData("plot_ratio_max - plot_ratio_min > 1", """{"op": ">", "args": [{"op": "-", "args": [{"property": "plot_ratio_max"}, {"property": "plot_ratio_min"}]}, 1]}""", "plot_ratio_max - plot_ratio_min > 1")]
    [InlineData("area_mu + 50 > 200", """{"op": ">", "args": [{"op": "+", "args": [{"property": "area_mu"}, 50]}, 200]}""", "area_mu > 150")]
    [InlineData("area_mu * 2 > 300", """{"op": ">", "args": [{"op": "*", "args": [{"property": "area_mu"}, 2]}, 300]}""", "area_mu > 150")]
    [InlineData("area_m2 / area_mu < 667", """{"op": "<", "args": [{"op": "/", "args": [{"property": "area_m2"}, {"property": "area_mu"}]}, 667]}""", "area_m2 * 3 < 2001 * area_mu")]
    [InlineData("plot_ratio % 1 = 0", """{"op": "=", "args": [{"op": "%", "args": [{"property": "plot_ratio"}, 1]}, 0]}""", "plot_ratio = trunc(plot_ratio)")]
    [InlineData("area_mu div 100 = 1", """{"op": "=", "args": [{"op": "div", "args": [{"property": "area_mu"}, 100]}, 1]}""", "area_mu >= 100 and area_mu < 200")]
    [InlineData("plot_ratio ^ 2 > 4", """{"op": ">", "args": [{"op": "^", "args": [{"property": "plot_ratio"}, 2]}, 4]}""", "plot_ratio > 2")]
    [InlineData("1 + plot_ratio * 2 > 5", """{"op": ">", "args": [{"op": "+", "args": [1, {"op": "*", "args": [{"property": "plot_ratio"}, 2]}]}, 5]}""", "plot_ratio > 2")]
    [InlineData("(1 + plot_ratio) * 2 > 5", """{"op": ">", "args": [{"op": "*", "args": [{"op": "+", "args": [1, {"property": "plot_ratio"}]}, 2]}, 5]}""", "plot_ratio > 1.5")]
    [InlineData("10 - 4 - plot_ratio > 4", """{"op": ">", "args": [{"op": "-", "args": [{"op": "-", "args": [10, 4]}, {"property": "plot_ratio"}]}, 4]}""", "plot_ratio < 2")]
    [InlineData("- plot_ratio < -2", """{"op": "<", "args": [{"op": "*", "args": [-1, {"property": "plot_ratio"}]}, -2]}""", "plot_ratio > 2")]
    [InlineData("2 ^ 3 = 8 AND plot_ratio IS NOT NULL", """{"op": "and", "args": [{"op": "=", "args": [{"op": "^", "args": [2, 3]}, 8]}, {"op": "not", "args": [{"op": "isNull", "args": [{"property": "plot_ratio"}]}]}]}""", "plot_ratio is not null")]
    [InlineData("plot_ratio + 1 IS NULL", """{"op": "isNull", "args": [{"op": "+", "args": [{"property": "plot_ratio"}, 1]}]}""", "plot_ratio is null")]
    [InlineData("plot_ratio * 2 BETWEEN 2 AND 4", """{"op": "between", "args": [{"op": "*", "args": [{"property": "plot_ratio"}, 2]}, 2, 4]}""", "plot_ratio between 1 and 2")]
    [InlineData("plot_ratio * 2 IN (2, 3, 4)", """{"op": "in", "args": [{"op": "*", "args": [{"property": "plot_ratio"}, 2]}, [2, 3, 4]]}""", "plot_ratio in (1, 1.5, 2)")]
    public async Task Req_arithmetic_arithmetic_expressions(string text, string json, string hand) =>
        await db.AssertBoth(text, json, hand);

    [Theory]
    [Trait("Requirement", "/req/arithmetic/arithmetic")]
    [InlineData("plot_ratio / 0 > 1", """{"op": ">", "args": [{"op": "/", "args": [{"property": "plot_ratio"}, 0]}, 1]}""")]
    [InlineData("plot_ratio % 0 = 0", """{"op": "=", "args": [{"op": "%", "args": [{"property": "plot_ratio"}, 0]}, 0]}""")]
    [InlineData("0 ^ -1 > 0 AND plot_ratio IS NOT NULL", """{"op": "and", "args": [{"op": ">", "args": [{"op": "^", "args": [0, -1]}, 0]}, {"op": "not", "args": [{"op": "isNull", "args": [{"property": "plot_ratio"}]}]}]}""")]
    [InlineData("1e300 ^ 1e300 > 0", """{"op": ">", "args": [{"op": "^", "args": [1e300, 1e300]}, 0]}""")]
    [InlineData("(-8) ^ 0.5 > 0", """{"op": ">", "args": [{"op": "^", "args": [-8, 0.5]}, 0]}""")]
    public async Task Req_arithmetic_an_undefined_result_is_null_and_matches_nothing_never_an_error(string text, string json) =>
        await db.AssertBoth(text, json, "false", none: true);

    [Fact]
    [Trait("Requirement", "/req/arithmetic/arithmetic")]
    public async Task Req_arithmetic_large_products_stay_exact()
    {
        // 1e300 * 1e300 overflows double precision; numeric holds it, so the comparison is answered.
        await db.AssertBoth("1e300 * 1e300 > 1e308 AND plot_ratio > 2",
            """{"op": "and", "args": [{"op": ">", "args": [{"op": "*", "args": [1e300, 1e300]}, 1e308]}, {"op": ">", "args": [{"property": "plot_ratio"}, 2]}]}""",
            "plot_ratio > 2");
        Assert.Contains("the left side of '+' must be a number; 'x' is text", Cql2Db.Rejected("'x' + 1 > 0"));
    }

    [Fact]
    [Trait("Requirement", "/req/arithmetic/arithmetic")]
    public async Task Req_arithmetic_no_operator_on_any_number_property_and_extreme_literal_fails_in_the_database()
    {
        // Every operator, both orders, a numeric(6,2), a double precision and an integer column (each
        // kind of number column) against 0, tiny, huge and negative literals, and a power of a power:
        // PostgreSQL must answer each (rows or none), never raise.
        string[] literals = ["0", "-0.5", "1e-308", "-1e308"];
        string[] properties = ["plot_ratio", "area_m2", "version"];
        var runs = 0;
        foreach (var p in properties)
            foreach (var op in LandMap.Api.Filtering.Cql2Operators.Arithmetic.Keys)
                foreach (var lit in literals)
                {
                    foreach (var filter in new[] { $"{p} {op} {lit} > 0", $"{lit} {op} {p} > 0", $"({p} {op} {lit}) ^ {lit} >= 0" })
                        await db.Select(filter, "cql2-text", CollectionCatalog.Parcels);
                    runs++;
                }
        Assert.Equal(properties.Length * 7 * literals.Length, runs);
    }
}
