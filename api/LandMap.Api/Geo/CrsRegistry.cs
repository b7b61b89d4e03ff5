using LandMap.Api.Problems;

namespace LandMap.Api.Geo;

/// <summary>
/// A CRS a client may ask for. <see cref="SwapAxes"/> is true where the CRS's own axis order is
/// not x/y: EPSG:4326 and 4490 are latitude first, the Chinese Gauss-Kruger CRSs (EPSG
/// coordinate system 4530) northing first. PostGIS keeps x/y (lon/lat, east/north) always, so
/// such CRSs are flipped at the edge, in and out.
/// </summary>
public sealed record CrsInfo(string Uri, int Srid, bool SwapAxes, bool Geographic, string Name)
{
    /// <summary>Decimals written for this CRS: 7 for degrees (~1 cm), 3 for metres (1 mm).</summary>
    public int Decimals => Geographic ? 7 : 3;

    /// <summary>Where this CRS's coordinates can be transformed (see <see cref="CrsDomain"/>).</summary>
    public CrsDomain Domain => CrsDomain.Of(Srid, Geographic);

    /// <summary>True when geometries are served in the storage CRS as they are.</summary>
    public bool IsStorage => Srid == CrsRegistry.StorageSrid && !SwapAxes;
}

/// <summary>The CRSs of OGC API - Features Part 2 this service serves and accepts.</summary>
public static class CrsRegistry
{
    public const int StorageSrid = 4490;
    private const string Epsg = "http://www.opengis.net/def/crs/EPSG/0/";

    /// <summary>CRS84 (lon/lat) is the default: stored CGCS2000 coordinates go out as they are,
    /// CGCS2000 and WGS84 being centimetres apart here.</summary>
    public static readonly CrsInfo Crs84 = new("http://www.opengis.net/def/crs/OGC/1.3/CRS84", StorageSrid, false, true, "CRS84 (lon/lat)");
    public static readonly CrsInfo Cgcs2000 = new(Epsg + "4490", 4490, true, true, "CGCS2000 (lat/lon)");

    public static readonly IReadOnlyList<CrsInfo> All =
    [
        Crs84,
        Cgcs2000,
        new(Epsg + "4326", 4326, true, true, "WGS 84 (lat/lon)"),
        new(Epsg + "3857", 3857, false, false, "WGS 84 / Pseudo-Mercator"),
        new(Epsg + "4549", 4549, true, false, "CGCS2000 / 3-degree Gauss-Kruger CM 120E (northing, easting)"),
        new(Epsg + "4528", 4528, true, false, "CGCS2000 / 3-degree Gauss-Kruger zone 40 (northing, easting)"),
    ];

    public static IEnumerable<string> Uris => All.Select(c => c.Uri);

    /// <summary>Finds a CRS by URI (also "[EPSG:4326]" and "EPSG:4326" forms); null means the default.</summary>
    public static CrsInfo Parse(string? value, string parameter)
    {
        if (string.IsNullOrEmpty(value)) return Crs84;
        var uri = Normalise(value);
        return All.FirstOrDefault(c => string.Equals(c.Uri, uri, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidParameterException(parameter,
                $"{parameter} '{value}' is not supported; use one of: {string.Join(", ", Uris)}");
    }

    private static string Normalise(string value)
    {
        var v = value.Trim().TrimStart('[').TrimEnd(']');
        if (v.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase)) return Epsg + v[5..];
        if (v.Equals("OGC:CRS84", StringComparison.OrdinalIgnoreCase)) return Crs84.Uri;
        return v.Replace("https://", "http://", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>
/// The rectangle, in a CRS's own x/y (lon/lat, easting/northing; axes already put in x/y order),
/// where its coordinates mean a place and PostGIS and ProjNet can transform them. A coordinate
/// outside it (latitude 95, an easting of 1e12) is the client's mistake: a 400 naming the
/// parameter, checked before any transformation, which would otherwise fail in PROJ as a 500.
/// </summary>
public readonly record struct CrsDomain(double MinX, double MinY, double MaxX, double MaxY)
{
    /// <summary>How far east or west of its central meridian a Gauss-Kruger coordinate may lie: about
    /// 7 degrees at the equator, well past any zone's width and still where Transverse Mercator is exact.</summary>
    private const double GaussKrugerHalfWidth = 800_000;

    /// <summary>Northings up to either pole (10,002 km); Transverse Mercator's inverse holds that far.</summary>
    private const double MaxNorthing = 10_000_000;

    /// <summary>EPSG:3857's own bounds (the square of latitudes up to 85.05 degrees).</summary>
    private const double WebMercatorX = 20_037_508.342789244, WebMercatorY = 20_048_966.1040146;

    /// <summary>The domain of the CRS with EPSG code <paramref name="srid"/>.</summary>
    public static CrsDomain Of(int srid, bool geographic) => srid switch
    {
        _ when geographic => new(-180, -90, 180, 90),
        3857 => new(-WebMercatorX, -WebMercatorY, WebMercatorX, WebMercatorY),
        // Gauss-Kruger: false easting 500 000 (CM 120E) or 40 500 000 (zone 40, the prefix in the easting).
        4549 => GaussKruger(500_000),
        4528 => GaussKruger(40_500_000),
        _ => throw new ArgumentOutOfRangeException(nameof(srid), srid, "no domain is known for this CRS"),
    };

    private static CrsDomain GaussKruger(double falseEasting) =>
        new(falseEasting - GaussKrugerHalfWidth, -MaxNorthing, falseEasting + GaussKrugerHalfWidth, MaxNorthing);

    /// <summary>True when (x, y), in x/y order, lies in the domain (a NaN never does).</summary>
    public bool Contains(double x, double y) => x >= MinX && x <= MaxX && y >= MinY && y <= MaxY;

    /// <summary>The domain as a problem's detail states it, in the CRS's own axis order.</summary>
    public string Describe(bool swapAxes) => swapAxes
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"first axis {MinY}..{MaxY}, second axis {MinX}..{MaxX}")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"x {MinX}..{MaxX}, y {MinY}..{MaxY}");
}
