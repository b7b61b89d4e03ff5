using LandMap.Api.Geo;
using NetTopologySuite.IO;

namespace LandMap.Tests.Upload;

/// <summary>The embedded CRS registry and ProjNet reprojection into EPSG:4490.</summary>
public sealed class UploadCrsTests
{
    private const double Lon = 120.81, Lat = 27.84, E = 579_792, N = 3_080_974;
    private const double OneMetreInDegrees = 1.0 / 111_000;

    [Theory]
    [InlineData(4549, 0)]
    [InlineData(4528, 40_000_000)]
    public void Reference_point_forward_within_one_metre(int srid, double prefix)
    {
        var (x, y) = SourceCrs.FromStorage(SourceCrs.Find(srid)!, Lon, Lat);
        Assert.InRange(x, prefix + E - 1, prefix + E + 1);
        Assert.InRange(y, N - 1, N + 1);
    }

    [Theory]
    [InlineData(4549, 0)]
    [InlineData(4528, 40_000_000)]
    public void Reference_point_inverse_within_one_metre(int srid, double prefix)
    {
        var (lon, lat) = SourceCrs.ToStorage(SourceCrs.Find(srid)!, prefix + E, N);
        Assert.InRange(lon, Lon - OneMetreInDegrees, Lon + OneMetreInDegrees);
        Assert.InRange(lat, Lat - OneMetreInDegrees, Lat + OneMetreInDegrees);
    }

    [Theory]
    [InlineData(4549)] [InlineData(4528)] [InlineData(4510)] [InlineData(4499)] [InlineData(2385)]
    [InlineData(2364)] [InlineData(2437)] [InlineData(2416)] [InlineData(3857)]
    public void Every_projected_crs_round_trips_to_a_millimetre(int srid)
    {
        var def = SourceCrs.Find(srid)!;
        var (x, y) = SourceCrs.FromStorage(def, Lon, Lat);
        var (lon, lat) = SourceCrs.ToStorage(def, x, y);
        Assert.Equal(Lon, lon, 1e-8);
        Assert.Equal(Lat, lat, 1e-8);
    }

    [Theory]
    [InlineData(4326)]
    [InlineData(4490)]
    public void Geographic_crs_are_identity(int srid)
    {
        var (lon, lat) = SourceCrs.ToStorage(SourceCrs.Find(srid)!, Lon, Lat);
        Assert.Equal(Lon, lon, 1e-9);
        Assert.Equal(Lat, lat, 1e-9);
    }

    [Fact]
    public void Prefix_crs_differs_from_the_plain_one_by_the_prefix_only()
    {
        var (x1, y1) = SourceCrs.FromStorage(SourceCrs.Find(4549)!, Lon, Lat);
        var (x2, y2) = SourceCrs.FromStorage(SourceCrs.Find(2385)!, Lon, Lat);
        var (x3, _) = SourceCrs.FromStorage(SourceCrs.Find(4528)!, Lon, Lat);
        Assert.Equal(40_000_000, x3 - x1, 1e-3);
        // Xian 1980 with no datum shift: the ellipsoid alone moves the plane coordinates metres, not kilometres.
        Assert.InRange(Math.Abs(x2 - x1) + Math.Abs(y2 - y1), 0.01, 200);
        Assert.True(SourceCrs.Find(2385)!.LegacyDatum);
        Assert.False(SourceCrs.Find(4549)!.LegacyDatum);
    }

    [Fact]
    public void Geometry_is_reprojected_as_a_copy()
    {
        var g = new WKTReader().Read($"POLYGON (({E} {N}, {E + 100} {N}, {E + 100} {N + 100}, {E} {N}))");
        var r = SourceCrs.ToStorage(SourceCrs.Find(4549)!, g);
        Assert.Equal(4490, r.SRID);
        Assert.Equal(E, g.Coordinates[0].X);
        Assert.Equal(Lon, r.Coordinates[0].X, 1e-4);
        Assert.Equal(Lat, r.Coordinates[0].Y, 1e-4);
    }

    [Theory]
    [InlineData("EPSG:4549", 4549)]
    [InlineData("4528", 4528)]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/2385", 2385)]
    [InlineData("urn:ogc:def:crs:EPSG::4490", 4490)]
    [InlineData("urn:ogc:def:crs:OGC:1.3:CRS84", 4326)]
    [InlineData("EPSG:abc", null)]
    [InlineData("", null)]
    public void Srid_is_parsed_from_the_usual_forms(string value, int? srid) => Assert.Equal(srid, SourceCrs.ParseSrid(value));

    [Fact]
    public void Esri_prj_is_matched_by_its_parameters()
    {
        const string prj = "PROJCS[\"CGCS2000_3_Degree_GK_Zone_40\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",40500000.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",120.0],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";
        Assert.Equal(4528, SourceCrs.FromWkt(prj)?.Srid);
        Assert.Equal(4549, SourceCrs.FromWkt(SourceCrs.Find(4549)!.Wkt)?.Srid);
        Assert.Null(SourceCrs.FromWkt("not wkt"));
    }
}
