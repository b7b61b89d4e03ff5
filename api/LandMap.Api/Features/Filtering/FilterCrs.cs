using LandMap.Api.Problems;

namespace LandMap.Api.Features.Filtering;

/// <summary>
/// The CRS of a filter's geometry literals (the <c>filter-crs</c> parameter of OGC API - Features
/// Part 3): its EPSG code and whether its axis order is the reverse of x/y (lat/lon for EPSG:4326
/// and 4490, northing/easting for the Gauss-Kruger EPSG:4549 and 4528). CRS84 is the default.
/// </summary>
public sealed record FilterCrs(string Uri, int Srid, bool SwapAxes)
{
    /// <summary>The default: lon/lat. Used against EPSG:4490 storage as it is (they differ by centimetres).</summary>
    public static FilterCrs Crs84 { get; } = new("http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326, false);

    /// <summary>The CRSs a filter may be written in.</summary>
    public static IReadOnlyList<FilterCrs> Supported { get; } =
    [
        Crs84,
        Epsg(4326, swap: true), Epsg(4490, swap: true), Epsg(3857, swap: false),
        Epsg(4549, swap: true), Epsg(4528, swap: true),
    ];

    /// <summary>The CRS named by a <c>filter-crs</c> value (an OGC CRS URI, or EPSG:n); CRS84 when absent.
    /// An unsupported CRS is an error naming the <c>filter-crs</c> parameter.</summary>
    public static FilterCrs FromUri(string? uri)
    {
        if (string.IsNullOrWhiteSpace(uri)) return Crs84;
        var u = uri.Trim();
        var found = Supported.FirstOrDefault(c =>
            c.Uri.Equals(u, StringComparison.OrdinalIgnoreCase) ||
            (c != Crs84 && $"EPSG:{c.Srid}".Equals(u, StringComparison.OrdinalIgnoreCase)) ||
            (c == Crs84 && (u.Equals("OGC:CRS84", StringComparison.OrdinalIgnoreCase) || u.Equals("[OGC:CRS84]", StringComparison.OrdinalIgnoreCase))));
        return found ?? throw new InvalidParameterException("filter-crs",
            $"filter-crs '{uri}' is not supported; use one of {string.Join(", ", Supported.Select(c => c.Uri))}");
    }

    private static FilterCrs Epsg(int code, bool swap) => new($"http://www.opengis.net/def/crs/EPSG/0/{code}", code, swap);
}
