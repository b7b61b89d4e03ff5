using LandMap.Api.Domain;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Cql2;

/// <summary>
/// CQL2 Basic CQL2 (OGC 21-065r2, requirements class basic-cql2) in both encodings: each production
/// parsed from text and from JSON to the same tree and run on PostGIS against hand-written SQL.
/// </summary>
public sealed class BasicCql2Tests(LandMapServer server)
{
    private readonly Cql2Db db = new(server);

    [Theory]
    [Trait("Requirement", "/req/basic-cql2/binary-comparison-predicate")]
    [Trait("Requirement", "/req/cql2-text/basic-cql2")]
    [Trait("Requirement", "/req/cql2-json/basic-cql2")]
    [InlineData("status = 'idle'", """{"op": "=", "args": [{"property": "status"}, "idle"]}""", "status = 'idle'")]
    [InlineData("status <> 'in_use'", """{"op": "<>", "args": [{"property": "status"}, "in_use"]}""", "status <> 'in_use'")]
    [InlineData("plot_ratio < 1.5", """{"op": "<", "args": [{"property": "plot_ratio"}, 1.5]}""", "plot_ratio < 1.5")]
    [InlineData("plot_ratio <= 1.5", """{"op": "<=", "args": [{"property": "plot_ratio"}, 1.5]}""", "plot_ratio <= 1.5")]
    [InlineData("area_mu > 100", """{"op": ">", "args": [{"property": "area_mu"}, 100]}""", "area_mu > 100")]
    [InlineData("area_mu >= 100", """{"op": ">=", "args": [{"property": "area_mu"}, 100]}""", "area_mu >= 100")]
    [InlineData("100 < area_mu", """{"op": "<", "args": [100, {"property": "area_mu"}]}""", "area_mu > 100")]
    [InlineData("supplied_on < DATE('2014-01-01')", """{"op": "<", "args": [{"property": "supplied_on"}, {"date": "2014-01-01"}]}""", "supplied_on < '2014-01-01'")]
    [InlineData("updated_at >= TIMESTAMP('2000-01-01T00:00:00Z')", """{"op": ">=", "args": [{"property": "updated_at"}, {"timestamp": "2000-01-01T00:00:00Z"}]}""", "updated_at >= '2000-01-01T00:00:00Z'")]
    [InlineData("TRUE = TRUE", """{"op": "=", "args": [true, true]}""", "true")]
    [InlineData("\"status\" = 'idle'", """{"op": "=", "args": [{"property": "status"}, "idle"]}""", "status = 'idle'")]
    public async Task Req_basic_cql2_binary_comparison_predicate_holds_as_sql_says(string text, string json, string hand) =>
        await db.AssertBoth(text, json, hand);

    [Fact]
    [Trait("Requirement", "/req/basic-cql2/binary-comparison-predicate")]
    public void Req_basic_cql2_binary_comparison_predicate_D_both_sides_are_of_one_type() =>
        Assert.Contains("compares property 'supplied_on' (a date) with '2014-01-01' (text)", Cql2Db.Rejected("supplied_on = '2014-01-01'"));

    [Theory]
    [Trait("Requirement", "/req/basic-cql2/null-predicate")]
    [InlineData("project_code IS NULL", """{"op": "isNull", "args": [{"property": "project_code"}]}""", "project_code is null")]
    [InlineData("project_code IS NOT NULL", """{"op": "not", "args": [{"op": "isNull", "args": [{"property": "project_code"}]}]}""", "project_code is not null")]
    [InlineData("halted_on IS NULL", """{"op": "isNull", "args": [{"property": "halted_on"}]}""", "halted_on is null")]
    public async Task Req_basic_cql2_null_predicate_tests_for_unset_values(string text, string json, string hand) =>
        await db.AssertBoth(text, json, hand);

    [Fact]
    [Trait("Requirement", "/req/basic-cql2/property")]
    public async Task Req_basic_cql2_property_B_an_unset_property_is_null_so_no_comparison_holds()
    {
        // plot_ratio = plot_ratio holds for every parcel that has one and is NULL (not true) for the rest.
        await db.AssertBoth("plot_ratio = plot_ratio", """{"op": "=", "args": [{"property": "plot_ratio"}, {"property": "plot_ratio"}]}""",
            "plot_ratio is not null");
        Assert.NotEmpty(await db.Hand("plot_ratio is null", CollectionCatalog.Parcels));
    }

    [Fact]
    [Trait("Requirement", "/req/basic-cql2/property")]
    public void Req_basic_cql2_property_A_a_name_that_is_not_a_queryable_is_refused_by_name() =>
        Assert.Contains("unknown property 'floors'", Cql2Db.Rejected("floors > 5"));

    [Theory]
    [Trait("Requirement", "/req/basic-cql2/cql2-filter")]
    [Trait("Requirement", "/req/cql2-text/basic-cql2")]
    [Trait("Requirement", "/req/cql2-json/basic-cql2")]
    [InlineData("TRUE", "true", "true")]
    [InlineData("NOT FALSE", """{"op": "not", "args": [false]}""", "true")]
    [InlineData("status = 'idle' AND TRUE", """{"op": "and", "args": [{"op": "=", "args": [{"property": "status"}, "idle"]}, true]}""", "status = 'idle'")]
    [InlineData("status = 'idle' OR FALSE", """{"op": "or", "args": [{"op": "=", "args": [{"property": "status"}, "idle"]}, false]}""", "status = 'idle'")]
    [InlineData("(TRUE) AND NOT (FALSE)", """{"op": "and", "args": [true, {"op": "not", "args": [false]}]}""", "true")]
    [InlineData("status = 'idle' AND (park_code = 'P-BH' OR park_code = 'P-JH')",
        """{"op": "and", "args": [{"op": "=", "args": [{"property": "status"}, "idle"]}, {"op": "or", "args": [{"op": "=", "args": [{"property": "park_code"}, "P-BH"]}, {"op": "=", "args": [{"property": "park_code"}, "P-JH"]}]}]}""",
        "status = 'idle' and park_code in ('P-BH', 'P-JH')")]
    [InlineData("NOT status = 'in_use' AND plot_ratio IS NOT NULL",
        """{"op": "and", "args": [{"op": "not", "args": [{"op": "=", "args": [{"property": "status"}, "in_use"]}]}, {"op": "not", "args": [{"op": "isNull", "args": [{"property": "plot_ratio"}]}]}]}""",
        "status <> 'in_use' and plot_ratio is not null")]
    public async Task Req_basic_cql2_cql2_filter_boolean_expressions_and_literals(string text, string json, string hand) =>
        await db.AssertBoth(text, json, hand);

    [Theory]
    [Trait("Requirement", "/req/basic-cql2/cql2-filter")]
    [InlineData("FALSE", "false")]
    [InlineData("NOT TRUE", """{"op": "not", "args": [true]}""")]
    [InlineData("status = 'idle' AND FALSE", """{"op": "and", "args": [{"op": "=", "args": [{"property": "status"}, "idle"]}, false]}""")]
    public async Task Req_basic_cql2_cql2_filter_a_false_condition_selects_nothing(string text, string json) =>
        await db.AssertBoth(text, json, "false", none: true);

    [Theory]
    [Trait("Requirement", "/req/cql2-text/escaping")]
    [InlineData("code <> 'it\\'s' AND code <> 'it''s' AND code = 'WZKF-BH-0001'", "code = 'WZKF-BH-0001'")]
    [InlineData("code LIKE 'WZKF\\-BH-000_'", "code like 'WZKF-BH-000_'")]
    public async Task Req_cql2_text_escaping_backslash_and_doubled_quotes(string text, string hand) =>
        await db.AssertText(text, hand);
}
