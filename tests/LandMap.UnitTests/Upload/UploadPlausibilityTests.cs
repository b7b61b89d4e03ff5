using LandMap.Api.Features.Uploads;
using LandMap.Api.Writes;
using NetTopologySuite.Geometries;

namespace LandMap.Tests.Upload;

/// <summary>Each coordinate/CRS diagnosis with a failing and a passing case.</summary>
public sealed class UploadPlausibilityTests
{
    // The reference point: 120.81E 27.84N = E 579 792, N 3 080 974 in EPSG:4549; a 1 km box from it.
    private static Envelope Box(double x, double y, double dx = 1000, double dy = 1000) => new(x, x + dx, y, y + dy);
    private static readonly Envelope Gk = Box(579_792, 3_080_974);
    private static readonly Envelope GkPrefix = Box(40_579_792, 3_080_974);
    private static readonly Envelope GkSwapped = Box(3_080_974, 579_792);
    private static readonly Envelope LonLat = Box(120.81, 27.84, 0.01, 0.01);
    private static readonly Envelope LatLon = Box(27.84, 120.81, 0.01, 0.01);

    private static PlausibilityDiagnosis Single(Envelope e, int? srid) => Assert.Single(CoordinatePlausibility.Check(e, srid));

    [Theory]
    [InlineData(4490)]
    [InlineData(4326)]
    [InlineData(null)]
    public void Lon_lat_in_the_zone_is_plausible(int? srid) => Assert.Empty(CoordinatePlausibility.Check(LonLat, srid));

    [Theory]
    [InlineData(4549)]
    public void Gauss_kruger_in_the_zone_is_plausible(int srid) => Assert.Empty(CoordinatePlausibility.Check(Gk, srid));

    [Fact]
    public void Prefixed_eastings_in_4528_are_plausible() => Assert.Empty(CoordinatePlausibility.Check(GkPrefix, 4528));

    [Fact]
    public void Metres_without_crs_suggest_4549()
    {
        var d = Single(Gk, null);
        Assert.Equal(UploadProblemKind.MetresWithoutCrs, d.Kind);
        Assert.Equal(4549, d.SuggestedSrid);
        Assert.False(d.SwapAxes);
        Assert.Contains("crs=EPSG:4549", d.MessageEn);
        Assert.Contains("crs=EPSG:4549", d.MessageZh);
    }

    [Fact]
    public void Prefixed_metres_without_crs_suggest_4528() => Assert.Equal(4528, Single(GkPrefix, null).SuggestedSrid);

    [Fact]
    public void Swapped_metres_without_crs_say_swap()
    {
        var d = Single(GkSwapped, null);
        Assert.Equal((UploadProblemKind.MetresWithoutCrs, 4549, true), (d.Kind, d.SuggestedSrid, d.SwapAxes));
    }

    [Theory]
    [InlineData(4490)]
    [InlineData(4326)]
    [InlineData(null)]
    public void Lat_lon_swapped(int? srid)
    {
        var d = Single(LatLon, srid);
        Assert.Equal(UploadProblemKind.LatLonSwapped, d.Kind);
        Assert.True(d.SwapAxes);
    }

    [Fact]
    public void Northing_easting_swapped_in_4549()
    {
        var d = Single(GkSwapped, 4549);
        Assert.Equal((UploadProblemKind.NorthingEastingSwapped, 4549, true), (d.Kind, d.SuggestedSrid, d.SwapAxes));
    }

    [Fact]
    public void Northing_easting_swapped_in_4528() =>
        Assert.Equal(UploadProblemKind.NorthingEastingSwapped, Single(Box(3_080_974, 40_579_792), 4528).Kind);

    [Fact]
    public void Prefixed_eastings_declared_4549_suggest_4528()
    {
        var d = Single(GkPrefix, 4549);
        Assert.Equal((UploadProblemKind.WrongZonePrefix, 4528), (d.Kind, d.SuggestedSrid));
        Assert.Contains("EPSG:4528", d.MessageEn);
    }

    [Fact]
    public void Plain_eastings_declared_4528_suggest_4549() =>
        Assert.Equal((UploadProblemKind.WrongZonePrefix, (int?)4549), (Single(Gk, 4528).Kind, Single(Gk, 4528).SuggestedSrid));

    [Fact]
    public void Xian_1980_prefix_mistake_stays_in_xian_1980() =>
        Assert.Equal((UploadProblemKind.WrongZonePrefix, (int?)2364), (Single(GkPrefix, 2385).Kind, Single(GkPrefix, 2385).SuggestedSrid));

    [Fact]
    public void Three_degree_values_declared_six_degree()
    {
        var d = Single(Gk, 4510);
        Assert.Equal((UploadProblemKind.Wrong6DegreeZone, 4549), (d.Kind, d.SuggestedSrid));
    }

    [Fact]
    public void Six_degree_values_in_6_degree_crs_are_plausible()
    {
        var (x, y) = LandMap.Api.Geo.SourceCrs.FromStorage(LandMap.Api.Geo.SourceCrs.Find(4510)!, 120.81, 27.84);
        Assert.Empty(CoordinatePlausibility.Check(Box(x, y), 4510));
        Assert.Equal(UploadProblemKind.Wrong6DegreeZone, Single(Box(x, y), 4549).Kind);
    }

    [Fact]
    public void Far_away_coordinates_are_outside_the_zone()
    {
        var d = Single(Box(116.4, 39.9, 0.01, 0.01), 4490); // Beijing
        Assert.Equal(UploadProblemKind.OutsideZone, d.Kind);
        Assert.Null(d.SuggestedSrid);
        Assert.Equal(UploadProblemKind.OutsideZone, Single(Box(500_000, 4_400_000), 4549).Kind);
    }

    [Fact]
    public void Degrees_declared_projected() =>
        Assert.Equal((UploadProblemKind.DegreesWithProjectedCrs, (int?)4490), (Single(LonLat, 4549).Kind, Single(LonLat, 4549).SuggestedSrid));

    [Fact]
    public void Metres_declared_geographic() =>
        Assert.Equal((UploadProblemKind.MetresWithGeographicCrs, (int?)4549), (Single(Gk, 4490).Kind, Single(Gk, 4490).SuggestedSrid));

    [Fact]
    public void Legacy_datum_is_a_warning_when_plausible()
    {
        var d = Single(Gk, 2385);
        Assert.Equal(UploadProblemKind.LegacyDatum, d.Kind);
        Assert.True(d.IsWarning);
        Assert.Empty(CoordinatePlausibility.Check(Gk, 4549));
    }

    [Fact]
    public void Epsg_4527_is_unsupported_with_the_pitfall_named()
    {
        var d = Single(GkPrefix, 4527);
        Assert.Equal(UploadProblemKind.UnsupportedCrs, d.Kind);
        Assert.Contains("117E", d.MessageEn);
        Assert.Equal(4528, d.SuggestedSrid);
    }

    [Fact]
    public void Web_mercator_in_the_zone_is_plausible()
    {
        var (x, y) = LandMap.Api.Geo.SourceCrs.FromStorage(LandMap.Api.Geo.SourceCrs.Find(3857)!, 120.81, 27.84);
        Assert.Empty(CoordinatePlausibility.Check(Box(x, y), 3857));
        Assert.Equal(3857, Single(Box(x, y), null).SuggestedSrid);
    }
}
