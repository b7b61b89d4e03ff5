using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace LandMap.SampleData;

/// <summary>
/// EPSG:4549 (CGCS2000 / 3-degree Gauss-Kruger CM 120E) to EPSG:4490 (CGCS2000 lon/lat).
/// Parcels are designed in metres on the GK plane because that is how surveyors deliver them
/// and because sizes in mu are easy to control there; they are stored in 4490 as the schema
/// requires. The WKT is embedded so the tool works offline and does not depend on a PROJ
/// database being present.
/// </summary>
public static class Projection
{
    public const string Wkt4490 =
        "GEOGCS[\"China Geodetic Coordinate System 2000\",DATUM[\"China_2000\",SPHEROID[\"CGCS2000\",6378137,298.257222101,AUTHORITY[\"EPSG\",\"1024\"]],AUTHORITY[\"EPSG\",\"1043\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4490\"]]";

    public const string Wkt4549 =
        "PROJCS[\"CGCS2000 / 3-degree Gauss-Kruger CM 120E\",GEOGCS[\"China Geodetic Coordinate System 2000\",DATUM[\"China_2000\",SPHEROID[\"CGCS2000\",6378137,298.257222101,AUTHORITY[\"EPSG\",\"1024\"]],AUTHORITY[\"EPSG\",\"1043\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4490\"]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",120],PARAMETER[\"scale_factor\",1],PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AUTHORITY[\"EPSG\",\"4549\"]]";

    /// <summary>7 decimals of a degree is about 1 cm: finer than any survey, coarse enough to keep files small.</summary>
    public const int Decimals = 7;

    private static readonly MathTransform ToGeographic = Create();

    /// <summary>Geometry factory for lon/lat output; SRID 4490 is informational (GeoJSON carries no CRS).</summary>
    public static readonly GeometryFactory Geographic = new(new PrecisionModel(), 4490);

    /// <summary>Geometry factory for the GK design plane.</summary>
    public static readonly GeometryFactory Plane = new(new PrecisionModel(), 4549);

    private static MathTransform Create()
    {
        var factory = new CoordinateSystemFactory();
        var gk = factory.CreateFromWkt(Wkt4549);
        var geo = factory.CreateFromWkt(Wkt4490);
        return new CoordinateTransformationFactory().CreateFromCoordinateSystems(gk, geo).MathTransform;
    }

    /// <summary>GK (easting, northing) to rounded (lon, lat).</summary>
    public static Coordinate ToLonLat(Coordinate gk)
    {
        var (lon, lat) = ToGeographic.Transform(gk.X, gk.Y);
        return new Coordinate(Math.Round(lon, Decimals), Math.Round(lat, Decimals));
    }

    /// <summary>
    /// Point scale factor of the GK projection at an easting. Plane areas are k^2 larger than
    /// ellipsoidal ones (about 0.016 % at 80 km from the central meridian); dividing by k^2
    /// lets us size parcels so that PostGIS ST_Area(geography) hits the report's figures.
    /// </summary>
    public static double ScaleFactor(double easting)
    {
        const double gaussRadius = 6_373_000.0; // sqrt(rho * nu) near 27.85 N
        var x = easting - 500_000.0;
        return 1.0 + x * x / (2 * gaussRadius * gaussRadius);
    }

    /// <summary>Plane area converted to the ellipsoidal area PostGIS reports.</summary>
    public static double EllipsoidalArea(Geometry planeGeometry)
    {
        var k = ScaleFactor(planeGeometry.Centroid.X);
        return planeGeometry.Area / (k * k);
    }
}

public static class ProjectionInverse
{
    private static readonly MathTransform ToPlaneTransform = Create();

    private static MathTransform Create()
    {
        var factory = new CoordinateSystemFactory();
        return new CoordinateTransformationFactory()
            .CreateFromCoordinateSystems(factory.CreateFromWkt(Projection.Wkt4490), factory.CreateFromWkt(Projection.Wkt4549))
            .MathTransform;
    }

    /// <summary>Back to the GK plane, used to measure rounded geometries the way PostGIS will.</summary>
    public static Geometry ToPlane(Geometry lonLat)
    {
        var copy = lonLat.Copy();
        copy.Apply(new ToPlaneFilter());
        return copy;
    }

    private sealed class ToPlaneFilter : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = ToPlaneTransform.Transform(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
