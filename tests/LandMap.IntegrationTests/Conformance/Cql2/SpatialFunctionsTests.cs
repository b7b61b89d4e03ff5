using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Cql2;

/// <summary>
/// CQL2 Basic Spatial Functions, Basic Spatial Functions with additional Spatial Literals and Spatial
/// Functions in both encodings, 2D and 3D literals, on PostGIS. The hand-written SQL reads the
/// GeoJSON with PostGIS's own st_geomfromgeojson and drops heights with st_force2d: independent of
/// our parsers, and the documented behaviour (z accepted and dropped, comparison in 2D).
/// </summary>
public sealed class SpatialFunctionsTests(LandMapServer server)
{
    private readonly Cql2Db db = new(server);

    private static string Hand(string function, string geoJson) =>
        $"{function}(geom, st_setsrid(st_force2d(st_geomfromgeojson('{geoJson}')), 4490))";

    private const string BoxJ = """{"type": "Polygon", "coordinates": [[[120.80, 27.83], [120.84, 27.83], [120.84, 27.87], [120.80, 27.87], [120.80, 27.83]]]}""";
    private const string Box = "POLYGON((120.80 27.83, 120.84 27.83, 120.84 27.87, 120.80 27.87, 120.80 27.83))";

    [Theory]
    [Trait("Requirement", "/req/basic-spatial-functions-plus/spatial-data-types")]
    [Trait("Requirement", "/req/cql2-text/basic-spatial-functions-plus")]
    [Trait("Requirement", "/req/cql2-json/basic-spatial-functions-plus")]
    [InlineData("LINESTRING(120.80 27.83, 120.84 27.87)", """{"type": "LineString", "coordinates": [[120.80, 27.83], [120.84, 27.87]]}""")]
    [InlineData("LINESTRING Z (120.80 27.83 5, 120.84 27.87 12.5)", """{"type": "LineString", "coordinates": [[120.80, 27.83, 5], [120.84, 27.87, 12.5]]}""")]
    [InlineData(Box, BoxJ)]
    [InlineData("POLYGON Z ((120.80 27.83 1, 120.84 27.83 1, 120.84 27.87 2, 120.80 27.87 2, 120.80 27.83 1))", """{"type": "Polygon", "coordinates": [[[120.80, 27.83, 1], [120.84, 27.83, 1], [120.84, 27.87, 2], [120.80, 27.87, 2], [120.80, 27.83, 1]]]}""")]
    [InlineData("POLYGON ((120.80 27.83 1, 120.84 27.83 1, 120.84 27.87 2, 120.80 27.87 2, 120.80 27.83 1))", """{"type": "Polygon", "coordinates": [[[120.80, 27.83, 1], [120.84, 27.83, 1], [120.84, 27.87, 2], [120.80, 27.87, 2], [120.80, 27.83, 1]]]}""")]
    [InlineData("MULTILINESTRING Z ((120.80 27.83 0, 120.84 27.87 0), (120.80 27.87 0, 120.84 27.83 0))", """{"type": "MultiLineString", "coordinates": [[[120.80, 27.83, 0], [120.84, 27.87, 0]], [[120.80, 27.87, 0], [120.84, 27.83, 0]]]}""")]
    [InlineData("MULTIPOLYGON Z (((120.80 27.83 3, 120.82 27.83 3, 120.82 27.85 3, 120.80 27.83 3)), ((120.83 27.85 3, 120.84 27.85 3, 120.84 27.87 3, 120.83 27.85 3)))", """{"type": "MultiPolygon", "coordinates": [[[[120.80, 27.83, 3], [120.82, 27.83, 3], [120.82, 27.85, 3], [120.80, 27.83, 3]]], [[[120.83, 27.85, 3], [120.84, 27.85, 3], [120.84, 27.87, 3], [120.83, 27.85, 3]]]]}""")]
    [InlineData("GEOMETRYCOLLECTION Z (LINESTRING Z (120.80 27.83 1, 120.84 27.87 1), POLYGON Z ((120.80 27.83 1, 120.81 27.83 1, 120.81 27.84 1, 120.80 27.83 1)))", """{"type": "GeometryCollection", "geometries": [{"type": "LineString", "coordinates": [[120.80, 27.83, 1], [120.84, 27.87, 1]]}, {"type": "Polygon", "coordinates": [[[120.80, 27.83, 1], [120.81, 27.83, 1], [120.81, 27.84, 1], [120.80, 27.83, 1]]]}]}""")]
    public async Task Req_basic_spatial_functions_plus_spatial_data_types_2d_and_3d(string wkt, string geoJson) =>
        await db.AssertBoth($"S_INTERSECTS(geometry, {wkt})",
            $$"""{"op": "s_intersects", "args": [{"property": "geometry"}, {{geoJson}}]}""",
            Hand("st_intersects", geoJson));

    [Fact]
    [Trait("Requirement", "/req/basic-spatial-functions-plus/spatial-data-types")]
    [Trait("Requirement", "/req/basic-spatial-functions/spatial-predicate")]
    public async Task Req_basic_spatial_functions_plus_points_and_multipoints_2d_and_3d()
    {
        // Points inside parcels, found by PostGIS; written as the client writes them.
        await using var cmd = server.DataSource.CreateCommand(
            "select st_x(p), st_y(p) from (select st_pointonsurface(geom) as p from parcels where code in ('WZKF-JH-0001', 'WZKF-BH-0001') order by code) s");
        var points = new List<(double X, double Y)>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) points.Add((r.GetDouble(0), r.GetDouble(1)));
        string N(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var (a, b) = (points[0], points[1]);
        var pointJ = $$"""{"type": "Point", "coordinates": [{{N(a.X)}}, {{N(a.Y)}}, 7.5]}""";
        await db.AssertBoth($"S_INTERSECTS(geometry, POINT Z ({N(a.X)} {N(a.Y)} 7.5))",
            $$"""{"op": "s_intersects", "args": [{"property": "geometry"}, {{pointJ}}]}""", Hand("st_intersects", pointJ));
        var multiJ = $$"""{"type": "MultiPoint", "coordinates": [[{{N(a.X)}}, {{N(a.Y)}}, 1], [{{N(b.X)}}, {{N(b.Y)}}, 2]]}""";
        await db.AssertBoth($"S_INTERSECTS(geometry, MULTIPOINT Z (({N(a.X)} {N(a.Y)} 1), ({N(b.X)} {N(b.Y)} 2)))",
            $$"""{"op": "s_intersects", "args": [{"property": "geometry"}, {{multiJ}}]}""", Hand("st_intersects", multiJ));
        Assert.Equal(2, (await db.Select($"S_INTERSECTS(geometry, MULTIPOINT({N(a.X)} {N(a.Y)}, {N(b.X)} {N(b.Y)}))", "cql2-text", LandMap.Api.Domain.CollectionCatalog.Parcels)).Length);
    }

    [Theory]
    [Trait("Requirement", "/req/basic-spatial-functions/spatial-predicate")]
    [Trait("Requirement", "/req/basic-spatial-functions/spatial-functions")]
    [Trait("Requirement", "/req/cql2-text/basic-spatial-functions")]
    [Trait("Requirement", "/req/cql2-json/basic-spatial-functions")]
    [InlineData("S_INTERSECTS(geometry, BBOX(120.80, 27.83, 120.84, 27.87))", """{"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [120.80, 27.83, 120.84, 27.87]}]}""")]
    [InlineData("S_INTERSECTS(geometry, BBOX(120.80, 27.83, -100, 120.84, 27.87, 100))", """{"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [120.80, 27.83, -100, 120.84, 27.87, 100]}]}""")]
    [InlineData("S_INTERSECTS(BBOX(120.80, 27.83, 120.84, 27.87), geometry)", """{"op": "s_intersects", "args": [{"bbox": [120.80, 27.83, 120.84, 27.87]}, {"property": "geometry"}]}""")]
    public async Task Req_basic_spatial_functions_s_intersects_with_a_bbox_of_4_or_6_numbers(string text, string json) =>
        await db.AssertBoth(text, json, "st_intersects(geom, st_makeenvelope(120.80, 27.83, 120.84, 27.87, 4490))");

    [Theory]
    [Trait("Requirement", "/req/spatial-functions/spatial-functions")]
    [Trait("Requirement", "/req/cql2-text/spatial-functions")]
    [Trait("Requirement", "/req/cql2-json/spatial-functions")]
    [InlineData("S_INTERSECTS", "st_intersects")]
    [InlineData("S_WITHIN", "st_within")]
    [InlineData("S_OVERLAPS", "st_overlaps")]
    [InlineData("S_DISJOINT", "st_disjoint")]
    [InlineData("S_CROSSES", "st_crosses", "LINESTRING(120.80 27.83, 120.84 27.87)", """{"type": "LineString", "coordinates": [[120.80, 27.83], [120.84, 27.87]]}""")]
    public async Task Req_spatial_functions_each_predicate_as_simple_features_defines_it(string name, string postgis, string? wkt = null, string? geoJson = null) =>
        await db.AssertBoth($"{name}(geometry, {wkt ?? Box})",
            $$"""{"op": "{{name.ToLowerInvariant()}}", "args": [{"property": "geometry"}, {{geoJson ?? BoxJ}}]}""", Hand(postgis, geoJson ?? BoxJ));

    [Fact]
    [Trait("Requirement", "/req/spatial-functions/spatial-functions")]
    public async Task Req_spatial_functions_contains_equals_touches_against_a_parcels_own_shape()
    {
        await using var cmd = server.DataSource.CreateCommand("select st_asgeojson(geom, 15) from parcels where code = 'WZKF-JH-0001'");
        var shape = (string)(await cmd.ExecuteScalarAsync())!;
        await using var wktCmd = server.DataSource.CreateCommand("select st_astext(geom) from parcels where code = 'WZKF-JH-0001'");
        var wkt = (string)(await wktCmd.ExecuteScalarAsync())!;
        foreach (var (name, postgis) in new[] { ("S_EQUALS", "st_equals"), ("S_CONTAINS", "st_contains") })
            await db.AssertText($"{name}(geometry, {wkt})", Hand(postgis, shape));
        // The parcel's outline touches it (boundaries meet, interiors do not).
        await using var ringCmd = server.DataSource.CreateCommand(
            "select st_astext(r), st_asgeojson(r, 15) from (select st_exteriorring(st_geometryn(geom, 1)) as r from parcels where code = 'WZKF-JH-0001') s");
        await using (var ring = await ringCmd.ExecuteReaderAsync())
        {
            Assert.True(await ring.ReadAsync());
            var (ringWkt, ringJson) = (ring.GetString(0), ring.GetString(1));
            await db.AssertText($"S_TOUCHES(geometry, {ringWkt})", Hand("st_touches", ringJson));
        }
        // The same shape in cql2-json: PostGIS's GeoJSON, with its full precision.
        Assert.Equal(await db.Hand(Hand("st_equals", shape), LandMap.Api.Domain.CollectionCatalog.Parcels),
            await db.Select($$"""{"op": "s_equals", "args": [{"property": "geometry"}, {{shape}}]}""", "cql2-json", LandMap.Api.Domain.CollectionCatalog.Parcels));
    }
}
