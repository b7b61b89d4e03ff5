using System.Text;
using LandMap.Api.Features.Uploads;
using LandMap.Api.Features.Uploads.Formats;
using LandMap.Api.Problems;
using LandMap.Api.Writes;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace LandMap.Tests.Upload;

/// <summary>The streaming GeoJSON reader, one file per case: what it builds, what it refuses and why.</summary>
public sealed class GeoJsonFileSourceTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"landmap-geojson-{Guid.NewGuid():N}.geojson");

    public void Dispose() => File.Delete(path);

    private List<RawFeature> Read(string json, out GeoJsonFileSource source)
    {
        File.WriteAllText(path, json); // UTF-8 without a byte order mark
        source = GeoJsonFileSource.Open(path, CancellationToken.None);
        return source.ReadFeatures(CancellationToken.None).ToList();
    }

    private RawFeature One(string geometry) =>
        Assert.Single(Read($$"""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"A"},"geometry":{{geometry}}}]}""", out _));

    [Fact]
    public void A_polygon_with_a_hole_keeps_both_rings()
    {
        var p = Assert.IsType<Polygon>(One("""{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,4],[4,4],[2,2]]]}""").Geometry);
        Assert.Equal(1, p.NumInteriorRings);
        Assert.Equal(100 - 2, p.Area, 9);
    }

    [Fact]
    public void A_multipolygon_keeps_its_polygons_in_order()
    {
        var mp = Assert.IsType<MultiPolygon>(One("""{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[7,5],[7,7],[5,5]]]]}""").Geometry);
        Assert.Equal(2, mp.NumGeometries);
        Assert.Equal(5, mp.GetGeometryN(1).Coordinate.X);
    }

    [Fact]
    public void The_type_may_come_after_the_coordinates()
    {
        Assert.IsType<LineString>(One("""{"coordinates":[[0,0],[1,1]],"type":"LineString"}""").Geometry);
    }

    [Fact]
    public void A_third_ordinate_is_read_past()
    {
        var point = Assert.IsType<Point>(One("""{"type":"Point","coordinates":[120.5,28.1,12.5]}""").Geometry);
        Assert.Equal((120.5, 28.1), (point.X, point.Y));
    }

    [Fact]
    public void An_unclosed_ring_is_a_read_error_named_RingNotClosed()
    {
        var f = One("""{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10]]]}""");
        Assert.Null(f.Geometry);
        Assert.Equal(UploadProblemKind.RingNotClosed, FeatureValidator.Unreadable(0, "A", f.ReadError!).Kind);
    }

    [Fact]
    public void A_ring_of_three_points_reads_and_validity_names_it_TooFewPoints()
    {
        var f = One("""{"type":"Polygon","coordinates":[[[0,0],[10,0],[0,0]]]}""");
        Assert.Equal(TopologyValidationErrors.TooFewPoints, new IsValidOp(f.Geometry).ValidationError.ErrorType);
    }

    [Fact]
    public void A_syntax_error_inside_a_feature_is_400_naming_the_feature()
    {
        File.WriteAllText(path, """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null},{"type":"Feature" "geometry":null}]}""");
        var source = GeoJsonFileSource.Open(path, CancellationToken.None);
        var e = Assert.Throws<InvalidParameterException>(() => source.ReadFeatures(CancellationToken.None).ToList());
        Assert.Contains("feature 1", e.Message);
    }

    [Fact]
    public void Coordinates_nested_wrongly_for_the_type_are_a_read_error()
    {
        var f = One("""{"type":"Polygon","coordinates":[[0,0],[10,0],[10,10],[0,0]]}""");
        Assert.Null(f.Geometry);
        Assert.Contains("nested", f.ReadError!.Message);
    }

    [Fact]
    public void A_string_among_coordinates_is_a_read_error()
    {
        Assert.NotNull(One("""{"type":"Point","coordinates":["120.5","28.1"]}""").ReadError);
    }

    [Fact]
    public void A_geometry_collection_is_read_by_the_general_converter()
    {
        var g = Assert.IsType<GeometryCollection>(One("""{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}]}""").Geometry);
        Assert.Equal(1, g.NumGeometries);
    }

    [Fact]
    public void A_null_geometry_is_no_geometry_and_no_error()
    {
        var f = One("null");
        Assert.Null(f.Geometry);
        Assert.Null(f.ReadError);
        Assert.Equal("A", f.Code);
    }

    [Fact]
    public void A_crs_member_after_the_features_is_honoured()
    {
        Read("""{"type":"FeatureCollection","features":[],"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4549"}}}""", out var source);
        Assert.Equal(4549, source.DeclaredSrid);
    }

    [Fact]
    public void A_feature_larger_than_the_read_buffer_is_read_whole()
    {
        // About 2.6 MB in one feature: the reader's 1 MB buffer has to grow.
        var ring = string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"[{Math.Cos(i * 2 * Math.PI / 100_000):F9},{Math.Sin(i * 2 * Math.PI / 100_000):F9}]"));
        var first = $"[{Math.Cos(0):F9},{Math.Sin(0):F9}]";
        var features = Read($$$"""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"big"},"geometry":{"type":"Polygon","coordinates":[[{{{ring}}},{{{first}}}]]}},{"type":"Feature","properties":{"code":"next"},"geometry":null}]}""", out _);
        Assert.Equal(100_001, features[0].Geometry!.NumPoints);
        Assert.Equal("next", features[1].Code);
    }

    [Fact]
    public void A_UTF8_byte_order_mark_is_skipped()
    {
        File.WriteAllText(path, """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"园区"},"geometry":null}]}""", Encoding.UTF8);
        var source = GeoJsonFileSource.Open(path, CancellationToken.None);
        Assert.Equal("园区", Assert.Single(source.ReadFeatures(CancellationToken.None)).Code);
    }

    [Fact]
    public void Progress_reaches_the_end_of_the_file()
    {
        Read("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}""", out var source);
        Assert.InRange(source.Progress, 0.9, 1.0);
    }

    [Fact]
    public void A_file_that_ends_inside_a_feature_is_400()
    {
        var e = Assert.Throws<InvalidParameterException>(() =>
            Read("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"A"},"geom""", out _));
        Assert.Equal("body", e.Parameter);
    }

    [Fact]
    public void A_feature_that_is_not_an_object_is_a_read_error_of_its_own()
    {
        var features = Read("""{"type":"FeatureCollection","features":[42,{"type":"Feature","properties":{"code":"B"},"geometry":null}]}""", out _);
        Assert.NotNull(features[0].ReadError);
        Assert.Equal("B", features[1].Code);
    }

    [Fact]
    public void A_single_feature_is_not_a_FeatureCollection()
    {
        File.WriteAllText(path, """{"type":"Feature","properties":{},"geometry":null}""");
        var e = Assert.Throws<InvalidParameterException>(() => GeoJsonFileSource.Open(path, CancellationToken.None));
        Assert.Contains("FeatureCollection", e.Message);
    }

    [Fact]
    public void Broken_JSON_is_400_with_its_line()
    {
        File.WriteAllText(path, "{\"type\":\"FeatureCollection\",\n\"features\" [");
        var e = Assert.Throws<InvalidParameterException>(() => GeoJsonFileSource.Open(path, CancellationToken.None));
        Assert.Contains("line 2", e.Message);
    }
}
