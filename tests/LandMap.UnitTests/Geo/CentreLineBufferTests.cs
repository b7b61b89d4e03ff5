using LandMap.Api.Geo;
using LandMap.Api.Writes;
using NetTopologySuite.Geometries;

namespace LandMap.Tests.Geo;

/// <summary>A control line's centre line widened to its width in metres (EPSG:4549), flat ends.</summary>
public sealed class CentreLineBufferTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4490);
    private static readonly SourceCrsDef Gk = SourceCrs.Find(4549)!;

    /// <summary>A straight line <paramref name="length"/> m long going east from 120.8E 27.85N, in lon/lat.</summary>
    private static LineString East(double length)
    {
        var (x, y) = SourceCrs.FromStorage(Gk, 120.8, 27.85);
        var (lon, lat) = SourceCrs.ToStorage(Gk, x + length, y);
        return Factory.CreateLineString([new Coordinate(120.8, 27.85), new Coordinate(lon, lat)]);
    }

    [Theory]
    [InlineData(1000, 40)]
    [InlineData(250, 24)]
    [InlineData(3000, 60)]
    public void The_strip_is_length_times_width_with_flat_ends(double length, double width)
    {
        var strip = CentreLineBuffer.Buffer(East(length), width);
        Assert.Equal(4490, strip.SRID);
        Assert.Single(strip.Geometries);
        // Length x width (round ends would add π(w/2)², 3 % of 1000 m x 40 m); local-plane area within 0.2 %.
        Assert.InRange(FeatureValidator.AreaM2(strip), length * width * 0.998, length * width * 1.002);
    }

    [Fact]
    public void A_bend_keeps_the_width_on_its_outside()
    {
        var (x, y) = SourceCrs.FromStorage(Gk, 120.8, 27.85);
        Coordinate At(double dx, double dy) { var (lon, lat) = SourceCrs.ToStorage(Gk, x + dx, y + dy); return new(lon, lat); }
        var bent = Factory.CreateLineString([At(0, 0), At(500, 0), At(500, 500)]);
        var strip = CentreLineBuffer.Buffer(bent, 20);
        // Two 500 m legs 20 m wide meet in a round join: at least the legs' area, less than with square corners added twice.
        Assert.InRange(FeatureValidator.AreaM2(strip), 1000 * 20 * 0.99, 1000 * 20 * 1.02);
    }

    [Fact]
    public void A_width_that_is_not_positive_is_an_argument_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CentreLineBuffer.Buffer(East(100), 0));
}
