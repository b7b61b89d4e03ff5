using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace LandMap.Api.Geo;

/// <summary>The geodetic datum of a source CRS.</summary>
public enum SourceDatum { Cgcs2000, Wgs84, Xian1980, Beijing1954 }

/// <summary>
/// A CRS a surveyor's file may be in. Coordinates are always taken x/y (easting, northing or
/// lon, lat) as GeoJSON, Shapefile and GeoPackage store them, whatever the EPSG axis order.
/// FalseEasting includes the zone prefix (e.g. 40 500 000 for EPSG:4528); CentralMeridian and
/// ZoneWidth (3 or 6) are null for geographic CRSs and Web Mercator.
/// </summary>
public sealed record SourceCrsDef(
    int Srid, string Name, SourceDatum Datum, bool Geographic, double? CentralMeridian,
    double FalseEasting, int? ZoneWidth, string Wkt)
{
    /// <summary>Xian 1980 and Beijing 1954: converted with no datum shift (see <see cref="SourceCrs"/>).</summary>
    public bool LegacyDatum => Datum is SourceDatum.Xian1980 or SourceDatum.Beijing1954;

    /// <summary>True for a Gauss-Kruger CRS whose eastings carry the zone number (e.g. 40 579 792).</summary>
    public bool HasZonePrefix => FalseEasting > 1_000_000;

    public string EpsgName => $"EPSG:{Srid}";
}

/// <summary>
/// Embedded WKT1 registry of the CRSs surveyors deliver (written from the EPSG parameters) and
/// in-memory reprojection (ProjNet) into the storage CRS, EPSG:4490 lon/lat.
/// <para>
/// Datums: WGS84 (4326, 3857) is taken as CGCS2000 (EPSG's own 4326 to 4490 transformation is a
/// null one; they are centimetres apart here). Xian 1980 and Beijing 1954 carry NO TOWGS84: their
/// Gauss-Kruger coordinates are inverse-projected on their own ellipsoid and the latitude and
/// longitude are then taken as CGCS2000 as they are. That leaves tens of metres (Xian 1980) up to
/// about a hundred metres (Beijing 1954) of datum difference; a real conversion needs the local
/// 7-parameter (or grid) transformation published by the surveying authority. Uploads in these
/// CRSs therefore carry a <c>LegacyDatum</c> warning.
/// </para>
/// </summary>
public static class SourceCrs
{
    private const string Deg = "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]";
    private const string Cgcs2000Geog = "GEOGCS[\"China Geodetic Coordinate System 2000\",DATUM[\"China_2000\",SPHEROID[\"CGCS2000\",6378137,298.257222101]]," + Deg + "]";
    private const string Wgs84Geog = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]]," + Deg + "]";
    private const string Xian1980Geog = "GEOGCS[\"Xian 1980\",DATUM[\"Xian_1980\",SPHEROID[\"IAG 1975\",6378140,298.257]]," + Deg + "]";
    private const string Beijing1954Geog = "GEOGCS[\"Beijing 1954\",DATUM[\"Beijing_1954\",SPHEROID[\"Krassowsky 1940\",6378245,298.3]]," + Deg + "]";

    private static string Geog(string geogcs, int srid) => geogcs[..^1] + $",AUTHORITY[\"EPSG\",\"{srid}\"]]";

    private static string GaussKruger(string name, string geogcs, double cm, double fe, int srid) =>
        $"PROJCS[\"{name}\",{geogcs},PROJECTION[\"Transverse_Mercator\"]," +
        $"PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",{cm}],PARAMETER[\"scale_factor\",1]," +
        $"PARAMETER[\"false_easting\",{fe}],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1],AUTHORITY[\"EPSG\",\"{srid}\"]]";

    private static SourceCrsDef Gk(int srid, string name, SourceDatum datum, string geogcs, double cm, double fe, int width) =>
        new(srid, name, datum, false, cm, fe, width, GaussKruger(name, geogcs, cm, fe, srid));

    /// <summary>EPSG:3857 (spherical Mercator on the WGS84 semi-major axis). Kept for .prj matching;
    /// its inverse is computed in closed form (exact), not through ProjNet.</summary>
    private const string WebMercatorWkt =
        "PROJCS[\"WGS 84 / Pseudo-Mercator\"," + Wgs84Geog + ",PROJECTION[\"Popular_Visualisation_Pseudo_Mercator\"]," +
        "PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",0],PARAMETER[\"scale_factor\",1]," +
        "PARAMETER[\"false_easting\",0],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1],AUTHORITY[\"EPSG\",\"3857\"]]";

    public static readonly IReadOnlyList<SourceCrsDef> All =
    [
        new(4490, "CGCS2000", SourceDatum.Cgcs2000, true, null, 0, null, Geog(Cgcs2000Geog, 4490)),
        new(4326, "WGS 84", SourceDatum.Wgs84, true, null, 0, null, Geog(Wgs84Geog, 4326)),
        Gk(4549, "CGCS2000 / 3-degree Gauss-Kruger CM 120E", SourceDatum.Cgcs2000, Cgcs2000Geog, 120, 500_000, 3),
        Gk(4528, "CGCS2000 / 3-degree Gauss-Kruger zone 40", SourceDatum.Cgcs2000, Cgcs2000Geog, 120, 40_500_000, 3),
        Gk(4510, "CGCS2000 / Gauss-Kruger CM 123E", SourceDatum.Cgcs2000, Cgcs2000Geog, 123, 500_000, 6),
        Gk(4499, "CGCS2000 / Gauss-Kruger zone 21", SourceDatum.Cgcs2000, Cgcs2000Geog, 123, 21_500_000, 6),
        Gk(2385, "Xian 1980 / 3-degree Gauss-Kruger CM 120E", SourceDatum.Xian1980, Xian1980Geog, 120, 500_000, 3),
        Gk(2364, "Xian 1980 / 3-degree Gauss-Kruger zone 40", SourceDatum.Xian1980, Xian1980Geog, 120, 40_500_000, 3),
        Gk(2437, "Beijing 1954 / 3-degree Gauss-Kruger CM 120E", SourceDatum.Beijing1954, Beijing1954Geog, 120, 500_000, 3),
        Gk(2416, "Beijing 1954 / 3-degree Gauss-Kruger zone 40", SourceDatum.Beijing1954, Beijing1954Geog, 120, 40_500_000, 3),
        new(3857, "WGS 84 / Pseudo-Mercator", SourceDatum.Wgs84, false, null, 0, null, WebMercatorWkt),
    ];

    public static SourceCrsDef? Find(int srid) => All.FirstOrDefault(c => c.Srid == srid);

    /// <summary>
    /// The SRID in "EPSG:4549", "4549", "http://www.opengis.net/def/crs/EPSG/0/4549",
    /// "urn:ogc:def:crs:EPSG::4549"; CRS84 forms give 4326 (lon/lat). Null when not recognised
    /// (the SRID may still be outside the registry: check with <see cref="Find"/>).
    /// </summary>
    public static int? ParseSrid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim().TrimStart('[').TrimEnd(']');
        if (v.EndsWith("CRS84", StringComparison.OrdinalIgnoreCase)) return 4326;
        var i = v.Length;
        while (i > 0 && char.IsAsciiDigit(v[i - 1])) i--;
        if (i == v.Length || !int.TryParse(v[i..], out var srid)) return null;
        var head = v[..i];
        return head.Length == 0 || head.Contains("EPSG", StringComparison.OrdinalIgnoreCase) ? srid : null;
    }

    // ProjNet's transforms are not documented as thread-safe: each thread builds its own once (from the
    // WKT, well under a millisecond), so the validators of an upload never wait on one lock.
    [ThreadStatic] private static Dictionary<int, (MathTransform Inverse, MathTransform Forward)>? transforms;

    private static (MathTransform inverse, MathTransform forward) Projection(SourceCrsDef def)
    {
        transforms ??= new();
        if (!transforms.TryGetValue(def.Srid, out var pair))
        {
            var projected = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(def.Wkt);
            var inverse = new CoordinateTransformationFactory().CreateFromCoordinateSystems(projected, projected.GeographicCoordinateSystem).MathTransform;
            pair = (inverse, inverse.Inverse());
            transforms[def.Srid] = pair;
        }
        return pair;
    }

    private const double WebMercatorRadius = 6378137.0;

    /// <summary>x/y in <paramref name="def"/> to lon/lat in EPSG:4490 (NaN when the point has no image).</summary>
    public static (double Lon, double Lat) ToStorage(SourceCrsDef def, double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y)) return (double.NaN, double.NaN);
        if (def.Geographic) return (x, y);
        if (def.Srid == 3857)
            return (x / WebMercatorRadius * 180 / Math.PI, Math.Atan(Math.Sinh(y / WebMercatorRadius)) * 180 / Math.PI);
        try
        {
            return Projection(def).inverse.Transform(x, y);
        }
        catch (Exception e) when (e is ArgumentException or ArithmeticException or InvalidOperationException)
        {
            return (double.NaN, double.NaN);
        }
    }

    /// <summary>lon/lat in EPSG:4490 to x/y in <paramref name="def"/> (the inverse of <see cref="ToStorage(SourceCrsDef,double,double)"/>).</summary>
    public static (double X, double Y) FromStorage(SourceCrsDef def, double lon, double lat)
    {
        if (def.Geographic) return (lon, lat);
        if (def.Srid == 3857)
            return (lon * Math.PI / 180 * WebMercatorRadius, Math.Asinh(Math.Tan(lat * Math.PI / 180)) * WebMercatorRadius);
        return Projection(def).forward.Transform(lon, lat);
    }

    /// <summary>
    /// <paramref name="geometry"/> itself moved into EPSG:4490: each coordinate sequence is
    /// transformed as one batch (no per-point allocation), which is what lets an upload
    /// of 200,000 parcels spend its time on checks rather than on projection.
    /// </summary>
    public static Geometry ToStorageInPlace(SourceCrsDef def, Geometry geometry)
    {
        geometry.SRID = CrsRegistry.StorageSrid;
        if (def.Geographic) return geometry;
        geometry.Apply(new BatchToStorageFilter(def));
        geometry.GeometryChanged();
        return geometry;
    }

    private sealed class BatchToStorageFilter(SourceCrsDef def) : IEntireCoordinateSequenceFilter
    {
        private double[] xy = new double[256];
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            if (def.Srid == 3857)
            {
                for (var i = 0; i < seq.Count; i++)
                {
                    var (lon, lat) = ToStorage(def, seq.GetX(i), seq.GetY(i));
                    seq.SetX(i, lon);
                    seq.SetY(i, lat);
                }
                return;
            }
            var n = seq.Count;
            if (xy.Length < 2 * n) xy = new double[2 * n];
            for (var i = 0; i < n; i++)
            {
                xy[2 * i] = seq.GetX(i);
                xy[2 * i + 1] = seq.GetY(i);
            }
            var span = xy.AsSpan(0, 2 * n);
            try
            {
                Projection(def).inverse.Transform(span, span[1..], 2, 2);
            }
            catch (Exception e) when (e is ArgumentException or ArithmeticException or InvalidOperationException)
            {
                for (var i = 0; i < n; i++) (xy[2 * i], xy[2 * i + 1]) = ToStorage(def, seq.GetX(i), seq.GetY(i));
            }
            for (var i = 0; i < n; i++)
            {
                seq.SetX(i, xy[2 * i]);
                seq.SetY(i, xy[2 * i + 1]);
            }
        }
    }

    /// <summary>A copy of <paramref name="geometry"/> in EPSG:4490 (the input is left as it is).</summary>
    public static Geometry ToStorage(SourceCrsDef def, Geometry geometry)
    {
        var copy = geometry.Copy();
        copy.SRID = CrsRegistry.StorageSrid;
        if (def.Geographic) return copy;
        copy.Apply(new ToStorageFilter(def));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class ToStorageFilter(SourceCrsDef def) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (lon, lat) = ToStorage(def, seq.GetX(i), seq.GetY(i));
                seq.SetX(i, lon);
                seq.SetY(i, lat);
            }
        }
    }

    /// <summary>
    /// The registry CRS a .prj (ESRI or OGC WKT1) describes: by its EPSG authority when it has
    /// one, otherwise by ellipsoid, central meridian and false easting. Null when it matches none.
    /// </summary>
    public static SourceCrsDef? FromWkt(string wkt)
    {
        CoordinateSystem cs;
        if (!WktShape.IsWellFormed(wkt)) return null;
        try { cs = new CoordinateSystemFactory().CreateFromWkt(wkt.Trim()); }
        catch (Exception) { return null; }
        if (string.Equals(cs.Authority, "EPSG", StringComparison.OrdinalIgnoreCase) && Find((int)cs.AuthorityCode) is { } byCode)
            return byCode;
        var geog = cs switch
        {
            GeographicCoordinateSystem g => g,
            ProjectedCoordinateSystem p => p.GeographicCoordinateSystem,
            _ => null,
        };
        if (geog is null) return null;
        var e = geog.HorizontalDatum.Ellipsoid;
        SourceDatum? datum = (e.SemiMajorAxis, Math.Round(e.InverseFlattening, 6)) switch
        {
            (6378137, 298.257222) => SourceDatum.Cgcs2000,
            (6378137, 298.257224) => SourceDatum.Wgs84,
            (6378140, 298.257) => SourceDatum.Xian1980,
            (6378245, 298.3) => SourceDatum.Beijing1954,
            _ => null,
        };
        if (datum is null) return null;
        if (cs is GeographicCoordinateSystem)
            return All.First(c => c.Geographic && c.Datum == (datum == SourceDatum.Wgs84 ? SourceDatum.Wgs84 : SourceDatum.Cgcs2000));
        var proj = ((ProjectedCoordinateSystem)cs).Projection;
        if (!proj.ClassName.Contains("Transverse_Mercator", StringComparison.OrdinalIgnoreCase)
            && !proj.ClassName.Contains("Gauss", StringComparison.OrdinalIgnoreCase)) return null;
        double P(string name)
        {
            for (var i = 0; i < proj.NumParameters; i++)
                if (string.Equals(proj.GetParameter(i).Name, name, StringComparison.OrdinalIgnoreCase)) return proj.GetParameter(i).Value;
            return double.NaN;
        }
        var cm = P("central_meridian");
        var fe = P("false_easting");
        return All.FirstOrDefault(c => !c.Geographic && c.Datum == datum && c.CentralMeridian == cm && c.FalseEasting == fe);
    }
}
