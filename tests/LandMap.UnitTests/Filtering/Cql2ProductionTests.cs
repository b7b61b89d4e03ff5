using LandMap.Api.Filtering;
using static LandMap.Tests.Filtering.Ast;

namespace LandMap.Tests.Filtering;

/// <summary>
/// The productions issue 14 found refused or misread, parsed without a database: boolean literals as
/// conditions, arithmetic with the BNF's precedence, function calls, 3D literals, backslash escapes,
/// and messages that write the client's own text.
/// </summary>
public sealed class Cql2ProductionTests
{
    private static ArithmeticExpr A(ArithmeticOp op, Cql2Operand a, Cql2Operand b) => new(op, a, b);
    private static BooleanCondition B(bool value) => new(new BooleanLit(value));

    [Fact]
    public void Boolean_literals_are_conditions_in_both_encodings()
    {
        Assert.Equal(B(true), Text("TRUE"));
        Assert.Equal(Not(B(false)), Text("NOT FALSE"));
        Assert.Equal(And(Eq(P("status"), S("idle")), B(true)), Text("status = 'idle' AND TRUE"));
        Assert.Equal(B(true), Json("true"));
        Assert.Equal(B(false), Json("false"));
        Assert.Equal(Text("status = 'idle' AND TRUE"), Json("""{"op": "and", "args": [{"op": "=", "args": [{"property": "status"}, "idle"]}, true]}"""));
        Assert.Equal(Eq(new BooleanLit(true), new BooleanLit(false)), Text("TRUE = FALSE"));
    }

    [Fact]
    public void Arithmetic_follows_the_bnf_precedence_and_associativity()
    {
        Assert.Equal(Eq(A(ArithmeticOp.Add, N(1), A(ArithmeticOp.Multiply, N(2), N(3))), N(7)), Text("1 + 2 * 3 = 7"));
        Assert.Equal(Eq(A(ArithmeticOp.Multiply, A(ArithmeticOp.Power, N(2), N(3)), N(4)), N(32)), Text("2 ^ 3 * 4 = 32"));
        Assert.Equal(Eq(A(ArithmeticOp.Subtract, A(ArithmeticOp.Subtract, P("a"), P("b")), P("c")), N(0)), Text("a - b - c = 0"));
        Assert.Equal(Eq(A(ArithmeticOp.IntegerDivide, P("a"), N(2)), N(1)), Text("a DIV 2 = 1"));
        Assert.Equal(new ComparisonExpr(ComparisonOp.Greater, A(ArithmeticOp.Subtract, P("balance"), N(150)), N(0)), Text("balance-150.0 > 0"));
        Assert.Equal(new ComparisonExpr(ComparisonOp.Greater, A(ArithmeticOp.Add, P("a"), N(1)), N(2)), Text("(a + 1) > 2"));
        Assert.Equal(Eq(P("a"), N(1)), Text("(a = 1)"));
        // Keywords before '(' are not function calls, however deep the parentheses.
        Assert.Equal(Not(Not(And(Eq(P("a"), N(1)), Eq(P("b"), N(2))))), Text("NOT (NOT (a = 1 AND b = 2))"));
        Assert.Equal(Or(Eq(P("a"), N(1)), Not(Eq(P("b"), N(2)))), Text("((a = 1) OR (NOT (b = 2)))"));
        // The standard's example 85, written out in full and with precedence only: one tree, as in JSON.
        var full = Text("\"value\" = ((((-1 * \"foo\") * 2.0) + (\"bar\" / 6.1234)) - (\"x\" ^ 2.0))");
        Assert.Equal(full, Text("value = - foo * 2.0 + \"bar\" / 6.1234 - \"x\" ^ 2.0"));
        Assert.Equal(full, Json("""{"op": "=", "args": [{"property": "value"}, {"op": "-", "args": [{"op": "+", "args": [{"op": "*", "args": [{"op": "*", "args": [-1, {"property": "foo"}]}, 2.0]}, {"op": "/", "args": [{"property": "bar"}, 6.1234]}]}, {"op": "^", "args": [{"property": "x"}, 2.0]}]}]}"""));
    }

    [Fact]
    public void Function_calls_parse_to_calls_in_both_encodings()
    {
        var buffer = new FunctionCall("Buffer", NodeList.Of<Cql2Operand>(P("geometry"), N(10), S("m")));
        Assert.Equal(new SpatialExpr(SpatialOp.Within, P("road"), buffer), Text("S_WITHIN(road,Buffer(geometry,10,'m'))"));
        Assert.Equal(Text("S_WITHIN(road,Buffer(geometry,10,'m'))"),
            Json("""{"op": "s_within", "args": [{"property": "road"}, {"op": "Buffer", "args": [{"property": "geometry"}, 10, "m"]}]}"""));
        Assert.Equal(new BooleanCondition(new FunctionCall("isOpen", NodeList.Of<Cql2Operand>())), Text("isOpen()"));
        // The BNF's instantParameter includes a function, in both encodings.
        Assert.Equal(Json("""{"op": "t_after", "args": [{"property": "d"}, {"interval": [{"op": "start", "args": []}, ".."]}]}"""),
            Text("T_AFTER(d, INTERVAL(start(), '..'))"));
        Assert.Equal(Eq(new BooleanLit(false), new FunctionCall("Bar", NodeList.Of<Cql2Operand>(P("geometry"), N(100), S("a"), S("b"), new BooleanLit(false)))),
            Text("FALSE = Bar(\"geometry\", 100, 'a', 'b', FALSE)"));
    }

    [Theory]
    [InlineData("POINT Z (1 2 3)", "POINT (1 2)")]
    [InlineData("POINT (1 2 3)", "POINT (1 2)")]
    [InlineData("LINESTRING Z (1 2 3, 4 5 6)", "LINESTRING (1 2, 4 5)")]
    [InlineData("POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))", "POLYGON ((0 0, 1 0, 1 1, 0 0))")]
    [InlineData("MULTIPOINT Z ((1 2 3), (4 5 6))", "MULTIPOINT ((1 2), (4 5))")]
    [InlineData("MULTILINESTRING Z ((1 2 3, 4 5 6))", "MULTILINESTRING ((1 2, 4 5))")]
    [InlineData("MULTIPOLYGON Z (((0 0 1, 1 0 1, 1 1 1, 0 0 1)))", "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))")]
    [InlineData("GEOMETRYCOLLECTION Z (POINT Z (1 2 3), LINESTRING Z (1 2 3, 4 5 6))", "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 4 5))")]
    public void A_3d_wkt_literal_is_read_with_its_heights_dropped(string wkt3d, string wkt2d) =>
        Assert.Equal(Text($"S_INTERSECTS(geometry, {wkt2d})"), Text($"S_INTERSECTS(geometry, {wkt3d})"));

    [Fact]
    public void A_3d_geojson_position_and_a_6_number_bbox_are_read_in_2d()
    {
        Assert.Equal(Text("S_INTERSECTS(geometry, POINT(1 2))"),
            Json("""{"op": "s_intersects", "args": [{"property": "geometry"}, {"type": "Point", "coordinates": [1, 2, 3]}]}"""));
        Assert.Equal(Text("S_INTERSECTS(geometry, BBOX(1, 2, 3, 4))"), Text("S_INTERSECTS(geometry, BBOX(1, 2, -10, 3, 4, 10))"));
        Assert.Equal(Text("S_INTERSECTS(geometry, BBOX(1, 2, 3, 4))"),
            Json("""{"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [1, 2, -10, 3, 4, 10]}]}"""));
    }

    [Theory]
    [InlineData("'it\\'s'", "it's")]
    [InlineData("'it''s'", "it's")]
    [InlineData("'a\\\\b'", "a\\b")]
    [InlineData("'tab\\there'", "tab\there")]
    [InlineData("'\\a\\b\\n\\v\\f\\r'", "\a\b\n\v\f\r")]
    [InlineData("'100\\%'", "100\\%")]
    public void Character_literals_read_the_standards_escapes(string literal, string value) =>
        Assert.Equal(Eq(P("name"), S(value)), Text($"name = {literal}"));

    [Theory]
    [InlineData("(a)", "position 4", "expected a comparison operator")]
    [InlineData("status", "position 7", "expected a comparison operator")]
    [InlineData("a + = 1", "position 5", "after the arithmetic operator")]
    [InlineData("foo(1", "position 6", "expected ')' to close the function's arguments")]
    public void A_value_that_is_not_a_condition_is_a_syntax_error_at_its_end(string filter, params string[] fragments) =>
        FilterError(() => Text(filter), fragments);

    [Theory]
    [InlineData("CASEI(status) IN (CASEI('IDLE'))")]
    [InlineData("ACCENTI(name) LIKE ACCENTI('Bīn%') AND NOT FALSE")]
    [InlineData("T_DISJOINT(INTERVAL('..', '2005-01-10'), INTERVAL(starts_at, ends_at))")]
    [InlineData("(1 + plot_ratio) * 2 > lower(code)")]
    [InlineData("S_INTERSECTS(geometry, BBOX(1, 2, 3, 4)) OR \"a b\" IS NULL")]
    public void The_text_messages_write_reads_back_as_the_same_filter(string filter) =>
        Assert.Equal(Text(filter), Text(Cql2Text.Write(Text(filter))));
}
