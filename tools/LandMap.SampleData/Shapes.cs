using NetTopologySuite.Geometries;

namespace LandMap.SampleData;

/// <summary>Irregular natural shapes (lakes, reservoirs) in the GK plane.</summary>
public static class Shapes
{
    /// <summary>
    /// An ellipse-like blob whose radius wobbles by up to <paramref name="wobble"/> (a share of
    /// the radius) with two smooth harmonics, so it stays star-shaped and therefore valid.
    /// </summary>
    public static Polygon Blob(Coordinate centre, double rx, double ry, double wobble, int seed, int points)
    {
        var rng = new Random(seed);
        double a1 = rng.NextDouble() * 2 * Math.PI, a2 = rng.NextDouble() * 2 * Math.PI;
        var tilt = (rng.NextDouble() - 0.5) * 0.6;
        var coords = new Coordinate[points + 1];
        for (var k = 0; k < points; k++)
        {
            var t = 2 * Math.PI * k / points;
            var r = 1 + wobble * (0.6 * Math.Sin(2 * t + a1) + 0.4 * Math.Sin(3 * t + a2));
            double x = rx * r * Math.Cos(t), y = ry * r * Math.Sin(t);
            coords[k] = new Coordinate(
                centre.X + x * Math.Cos(tilt) - y * Math.Sin(tilt),
                centre.Y + x * Math.Sin(tilt) + y * Math.Cos(tilt));
        }
        coords[points] = coords[0].Copy();
        return Projection.Plane.CreatePolygon(coords);
    }
}
