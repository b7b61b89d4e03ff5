using LandMap.Api.Filtering;
using LandMap.Api.Geo;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;
using static LandMap.Tests.Filtering.Ast;

namespace LandMap.Tests.Filtering;

/// <summary>Filters that cannot be used: each is a "filter" InvalidParameterException saying what is wrong and where.</summary>
public sealed class Cql2ErrorTests
{
    [Theory]
    [InlineData("(a = 1", "position 7", "expected ')'", "found the end of the filter")]
    [InlineData("a = 1)", "position 6", "expected AND, OR or the end of the filter", "found ')'")]
    [InlineData("a = 1 b = 2", "position 7", "expected AND, OR or the end of the filter", "found 'b = 2'")]
    [InlineData("a ~ 1", "position 3", "expected a comparison operator", "found '~ 1'")]
    [InlineData("a == 1", "position 4", "expected a value after the comparison operator")]
    [InlineData("a = 'abc", "position 9", "not terminated")]
    [InlineData("a = 1 AND", "position 10", "expected a condition after AND")]
    [InlineData("a = 1 OR OR b = 2", "position 10", "expected a condition after OR")]
    [InlineData("NOT", "position 4", "expected a condition after NOT")]
    [InlineData(") a = 1", "position 1", "expected a condition")]
    [InlineData("a BETWEEN 1 OR 2", "position 13", "expected AND between the bounds of BETWEEN")]
    [InlineData("a IN 1, 2", "position 6", "expected '(' after IN")]
    [InlineData("a IN (1, )", "position 10", "expected a value after ','")]
    [InlineData("a IS NOTNULL", "position 6", "expected NULL or NOT NULL after IS")]
    [InlineData("a NOT = 1", "position 7", "expected LIKE, BETWEEN or IN after NOT")]
    [InlineData("S_INTERSECTS(geometry POINT(1 2))", "position 23", "expected ',' between the two arguments")]
    [InlineData("S_INTERSECTS(geometry, POINT(1))", "position 31", "expected the second number of a position")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1, 0 1)))", "position 24", "ring must have at least 4 positions and end where it starts")]
    [InlineData("S_INTERSECTS(geometry, BBOX(1, 2, 3))", "position 24", "bbox needs 4 numbers")]
    [InlineData("S_DWITHIN(geometry, POINT(1 2), 5, furlongs)", "position 1", "units 'furlongs' are not known")]
    [InlineData("supplied_on = DATE('2014-02-30')", "position 15", "'2014-02-30' is not a date")]
    [InlineData("updated_at = TIMESTAMP('2014-01-01T00:00:00')", "position 14", "is not a timestamp", "with a zone")]
    [InlineData("T_DURING(supplied_on, INTERVAL('2014', '..'))", "position 32", "interval end '2014' is not a date")]
    [InlineData("a = 1e999", "position 5", "number '1e999' is out of range")]
    public void Text_errors_give_position_and_what_was_expected(string filter, params string[] fragments) =>
        FilterError(() => Text(filter), fragments);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_filter(string filter) => FilterError(() => Text(filter), "empty");

    [Fact]
    public void Nesting_depth_20_is_allowed_21_is_not()
    {
        static string Nots(int n) => string.Concat(Enumerable.Repeat("NOT ", n)) + "a = 1";
        Text(Nots(19));
        FilterError(() => Text(Nots(20)), "nested 21 levels deep", "limit is 20");
        Json(NotJson(19));
        FilterError(() => Json(NotJson(20)), "nested 21 levels deep", "limit is 20");
    }

    [Fact]
    public void Nesting_by_parentheses_counts_the_same_as_nesting_by_not()
    {
        // (a = 1 AND (a = 1 AND (...))): each AND is one level, the innermost comparison one more.
        static string Groups(int ands) =>
            string.Concat(Enumerable.Repeat("(a = 1 AND ", ands)) + "a = 1" + new string(')', ands);
        Text(Groups(19));
        FilterError(() => Text(Groups(20)), "nested 21 levels deep", "limit is 20");
    }

    private static string NotJson(int n) =>
        string.Concat(Enumerable.Repeat("""{"op": "not", "args": [""", n)) + """{"op": "=", "args": [{"property": "a"}, 1]}""" + string.Concat(Enumerable.Repeat("]}", n));

    [Fact]
    public void Deep_parentheses_stop_at_the_parser_not_the_stack()
    {
        var deep = new string('(', 4000) + "a = 1" + new string(')', 4000);
        FilterError(() => Text(deep), "nested too deeply", "limit is 20");
        var deepJson = string.Concat(Enumerable.Repeat("""{"op":"not","args":[""", 400)) + "1" + string.Concat(Enumerable.Repeat("]}", 400));
        FilterError(() => Json(deepJson), "nested too deeply");
    }

    [Fact]
    public void Node_count_200_is_allowed_201_is_not()
    {
        // 66 comparisons of 3 nodes, one OR: 199 nodes; each NOT adds one.
        var ors = string.Join(" OR ", Enumerable.Range(1, 66).Select(i => $"a = {i}"));
        Text($"NOT ({ors})");
        FilterError(() => Text($"NOT NOT ({ors})"), "201 nodes", "limit is 200");
    }

    [Fact]
    public void In_list_of_100_is_allowed_101_is_not()
    {
        static string In(int n) => "a IN (" + string.Join(", ", Enumerable.Range(1, n)) + ")";
        Text(In(100));
        FilterError(() => Text(In(101)), "IN list has 101 items", "limit is 100");
        FilterError(() => Json("""{"op": "in", "args": [{"property": "a"}, [""" + string.Join(", ", Enumerable.Range(1, 101)) + "]]}"), "IN list has 101 items");
    }

    [Fact]
    public void Filter_text_of_10000_characters_is_allowed_10001_is_not()
    {
        var filter = "a = '" + new string('x', 9_994) + "'";
        Assert.Equal(10_000, filter.Length);
        Text(filter);
        FilterError(() => Text(filter + " "), "10001 characters long", "limit is 10000");
        FilterError(() => Json(new string(' ', 10_001)), "10001 characters long");
    }

    [Fact]
    public void Limits_are_settable_vertices_included()
    {
        var limits = new Cql2Limits { MaxVertices = 4, MaxDepth = 2, MaxNodes = 5, MaxInItems = 2, MaxTextLength = 100 };
        Cql2TextParser.Parse("S_INTERSECTS(geometry, POINT(1 2))", limits);
        FilterError(() => Cql2TextParser.Parse("S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1, 0 0)))", limits with { MaxVertices = 3 }), "more than 3 vertices");
        FilterError(() => Cql2JsonParser.Parse("""{"op": "s_intersects", "args": [{"property": "geometry"}, {"type": "LineString", "coordinates": [[0,0],[1,1],[2,2],[3,3],[4,4]]}]}""", limits with { MaxTextLength = 1000 }), "more than 4 vertices");
        FilterError(() => Cql2TextParser.Parse("NOT NOT a = 1", limits), "limit is 2");
        FilterError(() => Cql2TextParser.Parse("a = 1 AND b = 2", limits), "limit is 5");
        FilterError(() => Cql2TextParser.Parse("a IN (1, 2, 3)", limits with { MaxNodes = 50 }), "limit is 2");
        FilterError(() => Cql2TextParser.Parse("a = '" + new string('x', 100) + "'", limits), "limit is 100");
    }

    [Theory]
    [InlineData("""{"op": "=", "args": [{"property": "a"}, NaN]}""", "not valid JSON")]
    [InlineData("""{"op": "=", "args": [{"property": "a"}, Infinity]}""", "not valid JSON")]
    [InlineData("""{"op": "=", "args": [{"property": "a"}, 1,]}""", "not valid JSON")]
    [InlineData("""{"op": "=", "args": [{"property": "a"}, 1e400]}""", "number 1e400 is out of range", "$.args[1]")]
    [InlineData("""{"op": "=", "op": "<", "args": [{"property": "a"}, 1]}""", "member \"op\" appears twice")]
    [InlineData("""{"op": "=", "args": [{"property": "a", "property": "b"}, 1]}""", "member \"property\" appears twice", "$.args[0]")]
    [InlineData("""{"op": "=", "args": [{"property": "a"}, 1], "extra": true}""", "unexpected member \"extra\"")]
    [InlineData("""{"op": "=", "args": [{"property": "a"}]}""", "\"=\" needs 2 args, got 1")]
    [InlineData("""{"op": "and", "args": [{"op": "=", "args": [{"property": "a"}, 1]}]}""", "needs at least 2 args")]
    [InlineData("""{"op": "=", "args": [{"property": "a"}, null]}""", "null is not a value")]
    [InlineData("""{"op": "=", "args": [{"property": "a"}, [1]]}""", "an array is a value only as the list of \"in\"")]
    [InlineData("""{"op": "and", "args": [1, 2]}""", "expected a condition", "$.args[0]")]
    [InlineData("""{"op": "=", "args": [{"op": "=", "args": [1, 1]}, 1]}""", "expected a value, got the condition \"=\"")]
    [InlineData("""{"op": "=", "args": [{"property": "a"}, {"date": "2014-1-1"}]}""", "'2014-1-1' is not a date")]
    [InlineData("""{"op": "s_intersects", "args": [{"property": "geometry"}, {"type": "Point", "coordinates": [1, 2, 3, 4]}]}""", "a position needs 2 numbers [x, y] or 3 [x, y, z]")]
    [InlineData("""{"op": "s_intersects", "args": [{"property": "geometry"}, {"type": "Circle", "coordinates": [1, 2]}]}""", "\"Circle\" is not a GeoJSON geometry type")]
    [InlineData("""{"op": "s_dwithin", "args": [{"property": "geometry"}, {"type": "Point", "coordinates": [1, 2]}, -5, "meters"]}""", "distance must be a number of 0 or more")]
    [InlineData("[1, 2]", "expected a condition")]
    [InlineData("", "not valid JSON")]
    public void Json_errors_say_what_and_where(string filter, params string[] fragments) =>
        FilterError(() => Json(filter), fragments);

    [Fact]
    public void Unknown_filter_language_names_its_parameter()
    {
        var e = Assert.Throws<InvalidParameterException>(() => Cql2Filter.Parse("a = 1", "ecql"));
        Assert.Equal("filter-lang", e.Parameter);
        Assert.Contains("'cql2-text' or 'cql2-json'", e.Message);
    }

    [Fact]
    public void Unknown_filter_crs_names_its_parameter()
    {
        var e = Assert.Throws<InvalidParameterException>(() => CrsRegistry.Parse("http://www.opengis.net/def/crs/EPSG/0/2000", "filter-crs"));
        Assert.Equal("filter-crs", e.Parameter);
        Assert.Contains("EPSG/0/4549", e.Message);
    }
}
