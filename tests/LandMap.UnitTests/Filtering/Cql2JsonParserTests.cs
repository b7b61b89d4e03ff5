using LandMap.Api.Filtering;
using static LandMap.Tests.Filtering.Ast;

namespace LandMap.Tests.Filtering;

/// <summary>cql2-json into the CQL2 tree: the same tree as the equivalent cql2-text.</summary>
public sealed class Cql2JsonParserTests
{
    [Theory]
    [InlineData("status = 'idle'",
        """{"op": "=", "args": [{"property": "status"}, "idle"]}""")]
    [InlineData("a <> 1 AND b < 2 AND c <= 3 AND d > 4 AND e >= 5",
        """{"op": "and", "args": [{"op": "<>", "args": [{"property": "a"}, 1]}, {"op": "<", "args": [{"property": "b"}, 2]}, {"op": "<=", "args": [{"property": "c"}, 3]}, {"op": ">", "args": [{"property": "d"}, 4]}, {"op": ">=", "args": [{"property": "e"}, 5]}]}""")]
    [InlineData("a = 1 OR b = 2 AND NOT c = 3",
        """{"op": "or", "args": [{"op": "=", "args": [{"property": "a"}, 1]}, {"op": "and", "args": [{"op": "=", "args": [{"property": "b"}, 2]}, {"op": "not", "args": [{"op": "=", "args": [{"property": "c"}, 3]}]}]}]}""")]
    [InlineData("code LIKE 'WZKF-BH-%' AND code NOT LIKE '%9'",
        """{"op": "and", "args": [{"op": "like", "args": [{"property": "code"}, "WZKF-BH-%"]}, {"op": "not", "args": [{"op": "like", "args": [{"property": "code"}, "%9"]}]}]}""")]
    [InlineData("plot_ratio BETWEEN 1 AND 2.5",
        """{"op": "between", "args": [{"property": "plot_ratio"}, 1, 2.5]}""")]
    [InlineData("status IN ('idle', 'in_use')",
        """{"op": "in", "args": [{"property": "status"}, ["idle", "in_use"]]}""")]
    [InlineData("project_code IS NULL AND name IS NOT NULL",
        """{"op": "and", "args": [{"op": "isNull", "args": [{"property": "project_code"}]}, {"op": "not", "args": [{"op": "isNull", "args": [{"property": "name"}]}]}]}""")]
    [InlineData("a = TRUE",
        """{"op": "=", "args": [{"property": "a"}, true]}""")]
    [InlineData("supplied_on >= DATE('2014-01-01') AND updated_at < TIMESTAMP('2020-01-01T00:00:00Z')",
        """{"op": "and", "args": [{"op": ">=", "args": [{"property": "supplied_on"}, {"date": "2014-01-01"}]}, {"op": "<", "args": [{"property": "updated_at"}, {"timestamp": "2020-01-01T00:00:00Z"}]}]}""")]
    [InlineData("T_DURING(supplied_on, INTERVAL('2014-01-01', '..'))",
        """{"op": "t_during", "args": [{"property": "supplied_on"}, {"interval": ["2014-01-01", ".."]}]}""")]
    [InlineData("T_METBY(INTERVAL(agreed_start_on, actual_start_on), INTERVAL(DATE('2014-01-01'), TIMESTAMP('2014-12-31T00:00:00Z')))",
        """{"op": "t_metBy", "args": [{"interval": [{"property": "agreed_start_on"}, {"property": "actual_start_on"}]}, {"interval": [{"date": "2014-01-01"}, "2014-12-31T00:00:00Z"]}]}""")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((120.8 27.83, 120.84 27.83, 120.84 27.87, 120.8 27.87, 120.8 27.83)))",
        """{"op": "s_intersects", "args": [{"property": "geometry"}, {"type": "Polygon", "coordinates": [[[120.8, 27.83], [120.84, 27.83], [120.84, 27.87], [120.8, 27.87], [120.8, 27.83]]]}]}""")]
    [InlineData("S_CONTAINS(geometry, POINT(120.8 27.85))",
        """{"op": "s_contains", "args": [{"property": "geometry"}, {"type": "Point", "coordinates": [120.8, 27.85]}]}""")]
    [InlineData("S_CROSSES(geometry, LINESTRING(0 0, 1 1))",
        """{"op": "s_crosses", "args": [{"property": "geometry"}, {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}]}""")]
    [InlineData("S_TOUCHES(geometry, MULTIPOINT((1 2), (3 4)))",
        """{"op": "s_touches", "args": [{"property": "geometry"}, {"type": "MultiPoint", "coordinates": [[1, 2], [3, 4]]}]}""")]
    [InlineData("S_OVERLAPS(geometry, MULTILINESTRING((0 0, 1 1), (2 2, 3 3)))",
        """{"op": "s_overlaps", "args": [{"property": "geometry"}, {"type": "MultiLineString", "coordinates": [[[0, 0], [1, 1]], [[2, 2], [3, 3]]]}]}""")]
    [InlineData("S_EQUALS(geometry, MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0))))",
        """{"op": "s_equals", "args": [{"property": "geometry"}, {"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]]]}]}""")]
    [InlineData("S_DISJOINT(geometry, GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1)))",
        """{"op": "s_disjoint", "args": [{"property": "geometry"}, {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 2]}, {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}]}]}""")]
    [InlineData("S_WITHIN(geometry, BBOX(120.8, 27.83, 120.84, 27.87))",
        """{"op": "s_within", "args": [{"property": "geometry"}, {"bbox": [120.8, 27.83, 120.84, 27.87]}]}""")]
    [InlineData("S_DWITHIN(geometry, POINT(120.8 27.85), 0.5, km)",
        """{"op": "s_dwithin", "args": [{"property": "geometry"}, {"type": "Point", "coordinates": [120.8, 27.85]}, 500, "meters"]}""")]
    [InlineData("CASEI(name) LIKE CASEI('abc%')",
        """{"op": "like", "args": [{"op": "casei", "args": [{"property": "name"}]}, {"op": "casei", "args": ["abc%"]}]}""")]
    public void Text_and_json_give_the_same_tree(string text, string json) => Assert.Equal(Text(text), Json(json));

    [Fact]
    public void Op_names_match_in_any_case() =>
        Assert.Equal(Json("""{"op": "and", "args": [{"op": "isNull", "args": [{"property": "a"}]}, {"op": "t_metBy", "args": [{"property": "d"}, {"date": "2014-01-01"}]}]}"""),
            Json("""{"op": "AND", "args": [{"op": "isnull", "args": [{"property": "a"}]}, {"op": "T_METBY", "args": [{"property": "d"}, {"date": "2014-01-01"}]}]}"""));

    [Fact]
    public void GeoJson_foreign_members_are_ignored() =>
        Assert.Equal(Text("S_INTERSECTS(geometry, POINT(1 2))"),
            Json("""{"op": "s_intersects", "args": [{"property": "geometry"}, {"type": "Point", "coordinates": [1, 2], "bbox": [1, 2, 1, 2], "title": "x"}]}"""));
}
