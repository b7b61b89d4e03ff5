using LandMap.Api.Filtering;
using static LandMap.Tests.Filtering.Ast;

namespace LandMap.Tests.Filtering;

/// <summary>cql2-text into the CQL2 tree: each construct on its own.</summary>
public sealed class Cql2TextParserTests
{
    [Theory]
    [InlineData("=", ComparisonOp.Equal)]
    [InlineData("<>", ComparisonOp.NotEqual)]
    [InlineData("<", ComparisonOp.Less)]
    [InlineData("<=", ComparisonOp.LessOrEqual)]
    [InlineData(">", ComparisonOp.Greater)]
    [InlineData(">=", ComparisonOp.GreaterOrEqual)]
    public void Comparison_operators(string symbol, ComparisonOp op) =>
        Assert.Equal(new ComparisonExpr(op, P("plot_ratio"), N(2.5)), Text($"plot_ratio {symbol} 2.5"));

    [Fact]
    public void Comparison_needs_no_blanks() =>
        Assert.Equal(new ComparisonExpr(ComparisonOp.LessOrEqual, P("a"), N(-1)), Text("a<=-1"));

    [Fact]
    public void Not_binds_tighter_than_and_which_binds_tighter_than_or() =>
        Assert.Equal(
            Or(Eq(P("a"), N(1)), And(Eq(P("b"), N(2)), Not(Eq(P("c"), N(3))))),
            Text("a = 1 OR b = 2 AND NOT c = 3"));

    [Fact]
    public void Parentheses_group() =>
        Assert.Equal(
            And(Or(Eq(P("a"), N(1)), Eq(P("b"), N(2))), Eq(P("c"), N(3))),
            Text("(a = 1 OR b = 2) AND c = 3"));

    [Fact]
    public void Chains_of_and_are_one_node_and_redundant_parentheses_vanish() =>
        Assert.Equal(And(Eq(P("a"), N(1)), Eq(P("b"), N(2)), Eq(P("c"), N(3))), Text("((a = 1)) AND (b = 2) AND c = 3"));

    [Fact]
    public void Not_nests() => Assert.Equal(Not(Not(Eq(P("a"), N(1)))), Text("NOT NOT a = 1"));

    [Theory]
    [InlineData("status = 'idle' AND park_code IS NOT NULL OR NOT code LIKE 'W%'")]
    [InlineData("status = 'idle' and park_code is not null or not code like 'W%'")]
    [InlineData("status = 'idle' AnD park_code Is NoT nUlL oR nOt code LiKe 'W%'")]
    public void Keywords_are_case_insensitive(string filter) =>
        Assert.Equal(
            Or(And(Eq(P("status"), S("idle")), Not(new IsNullExpr(P("park_code")))), Not(new LikeExpr(P("code"), S("W%")))),
            Text(filter));

    [Fact]
    public void Property_names_keep_their_case() => Assert.Equal(Eq(P("STATUS"), S("idle")), Text("STATUS = 'idle'"));

    [Theory]
    [InlineData("\"name\" = 'x'", "name")]
    [InlineData("\"名称\" = 'x'", "名称")]
    [InlineData("\"with space\" = 'x'", "with space")]
    [InlineData("\"AND\" = 'x'", "AND")]
    [InlineData("\"a\"\"b\" = 'x'", "a\"b")]
    [InlineData("not_x = 'x'", "not_x")]
    [InlineData("ns:prop.sub = 'x'", "ns:prop.sub")]
    public void Property_names_are_words_or_double_quoted(string filter, string name) =>
        Assert.Equal(Eq(P(name), S("x")), Text(filter));

    [Theory]
    [InlineData("'it''s'", "it's")]
    [InlineData("''", "")]
    [InlineData("'温州经济技术开发区'", "温州经济技术开发区")]
    [InlineData("'a \"quoted\" word'", "a \"quoted\" word")]
    [InlineData("'back\\slash'", "back\\slash")]
    public void Strings_are_single_quoted_with_doubled_quotes(string literal, string value) =>
        Assert.Equal(Eq(P("a"), S(value)), Text("a = " + literal));

    [Theory]
    [InlineData("42", 42)]
    [InlineData("-1.5", -1.5)]
    [InlineData("+3", 3)]
    [InlineData("1e3", 1000)]
    [InlineData("2.5E-2", 0.025)]
    public void Numbers(string literal, double value) => Assert.Equal(Eq(P("a"), N(value)), Text("a = " + literal));

    [Fact]
    public void Booleans() => Assert.Equal(Or(Eq(P("a"), new BooleanLit(true)), Eq(P("b"), new BooleanLit(false))), Text("a = TRUE or b = false"));

    [Fact]
    public void Property_compared_with_property() =>
        Assert.Equal(new ComparisonExpr(ComparisonOp.Less, P("agreed_start_on"), P("actual_start_on")), Text("agreed_start_on < actual_start_on"));

    [Fact]
    public void Like_and_not_like() =>
        Assert.Equal(And(new LikeExpr(P("code"), S("WZKF-BH-%")), Not(new LikeExpr(P("code"), S("%\\_1")))),
            Text("code LIKE 'WZKF-BH-%' AND code NOT LIKE '%\\_1'"));

    [Fact]
    public void Between_and_not_between_keep_their_and() =>
        Assert.Equal(And(new BetweenExpr(P("a"), N(1), N(2)), Not(new BetweenExpr(P("b"), N(3), N(4))), Eq(P("c"), N(5))),
            Text("a BETWEEN 1 AND 2 AND b NOT BETWEEN 3 AND 4 AND c = 5"));

    [Fact]
    public void In_and_not_in() =>
        Assert.Equal(Or(new InExpr(P("status"), NodeList.Of<Cql2Operand>(S("idle"), S("in_use"))), Not(new InExpr(P("a"), NodeList.Of<Cql2Operand>(N(1))))),
            Text("status IN ('idle', 'in_use') OR a NOT IN (1)"));

    [Fact]
    public void Is_null_and_is_not_null() =>
        Assert.Equal(And(new IsNullExpr(P("project_code")), Not(new IsNullExpr(P("name")))), Text("project_code IS NULL AND name IS NOT NULL"));

    [Fact]
    public void Dates_and_timestamps() =>
        Assert.Equal(
            And(new ComparisonExpr(ComparisonOp.GreaterOrEqual, P("supplied_on"), D("2014-01-01")),
                new ComparisonExpr(ComparisonOp.Less, P("updated_at"), Ts("2020-01-01T08:00:00+08:00"))),
            Text("supplied_on >= DATE('2014-01-01') AND updated_at < timestamp('2020-01-01T00:00:00Z')"));

    [Theory]
    [InlineData("INTERVAL('2014-01-01', '2014-12-31')", "2014-01-01", "2014-12-31")]
    [InlineData("INTERVAL('..', '2014-12-31')", null, "2014-12-31")]
    [InlineData("INTERVAL(DATE('2014-01-01'), '..')", "2014-01-01", null)]
    public void Intervals_with_open_ends(string interval, string? start, string? end) =>
        Assert.Equal(
            new TemporalExpr(TemporalOp.During, P("supplied_on"),
                new IntervalLit(start is null ? OpenEnd.Instance : D(start), end is null ? OpenEnd.Instance : D(end))),
            Text($"T_DURING(supplied_on, {interval})"));

    [Fact]
    public void Interval_of_timestamps_and_properties() =>
        Assert.Equal(
            new TemporalExpr(TemporalOp.Intersects, new IntervalLit(P("agreed_start_on"), P("actual_start_on")),
                new IntervalLit(Ts("2014-01-01T00:00:00Z"), OpenEnd.Instance)),
            Text("t_intersects(INTERVAL(agreed_start_on, actual_start_on), INTERVAL('2014-01-01T00:00:00Z', '..'))"));

    public static TheoryData<string> TemporalNames => new(Cql2Operators.Temporal.Keys);

    [Theory]
    [MemberData(nameof(TemporalNames))]
    public void Every_temporal_predicate(string name) =>
        Assert.Equal(new TemporalExpr(Cql2Operators.Temporal[name], P("supplied_on"), D("2014-06-30")),
            Text($"{name.ToLowerInvariant()}(supplied_on, DATE('2014-06-30'))"));

    public static TheoryData<string> SpatialNames => new(Cql2Operators.Spatial.Keys);

    [Theory]
    [MemberData(nameof(SpatialNames))]
    public void Every_spatial_predicate(string name) =>
        Assert.Equal(new SpatialExpr(Cql2Operators.Spatial[name], P("geometry"), Wkt("POINT(120.8 27.85)")),
            Text($"{name}(geometry, POINT(120.8 27.85))"));

    [Theory]
    [InlineData("POINT(120.8 27.85)")]
    [InlineData("LINESTRING(120.8 27.85, 120.81 27.86, 120.82 27.85)")]
    [InlineData("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 2))")]
    [InlineData("MULTIPOINT((1 2), (3 4))")]
    [InlineData("MULTILINESTRING((0 0, 1 1), (2 2, 3 3))")]
    [InlineData("MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))")]
    [InlineData("GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1))")]
    public void Wkt_literals(string wkt) =>
        Assert.Equal(new SpatialExpr(SpatialOp.Intersects, P("geometry"), Wkt(wkt)), Text($"S_INTERSECTS(geometry, {wkt.ToLowerInvariant()})"));

    [Fact]
    public void Multipoint_members_may_omit_parentheses() =>
        Assert.Equal(Text("S_INTERSECTS(geometry, MULTIPOINT((1 2), (3 4)))"), Text("S_INTERSECTS(geometry, MULTIPOINT(1 2, 3 4))"));

    [Theory]
    [InlineData("BBOX(120.8, 27.83, 120.84, 27.87)")]
    [InlineData("BBOX(120.8, 27.83, 0, 120.84, 27.87, 100)")]
    public void Bbox_literal_drops_heights(string bbox) =>
        Assert.Equal(new SpatialExpr(SpatialOp.Within, P("geometry"), new BboxLit(120.8, 27.83, 120.84, 27.87)), Text($"S_WITHIN(geometry, {bbox})"));

    [Theory]
    [InlineData("500, meters", 500)]
    [InlineData("500, 'm'", 500)]
    [InlineData("1.5, kilometers", 1500)]
    [InlineData("2, km", 2000)]
    public void Dwithin_converts_units_to_metres(string distance, double metres) =>
        Assert.Equal(new DWithinExpr(P("geometry"), Wkt("POINT(120.8 27.85)"), metres), Text($"S_DWITHIN(geometry, POINT(120.8 27.85), {distance})"));

    [Fact]
    public void Casei_and_accenti() =>
        Assert.Equal(And(new LikeExpr(new CaseInsensitive(P("name")), new CaseInsensitive(S("Abc%"))), Eq(new AccentInsensitive(P("name")), S("é"))),
            Text("CASEI(name) LIKE casei('Abc%') AND ACCENTI(name) = 'é'"));

    [Fact]
    public void Blanks_tabs_and_line_breaks_separate_tokens() =>
        Assert.Equal(And(Eq(P("a"), N(1)), Eq(P("b"), N(2))), Text("\ta = 1\r\n  AND\n b=2 "));
}
