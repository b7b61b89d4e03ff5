using System.Globalization;
using LandMap.Api.Problems;

namespace LandMap.Api.Features.Ogc;

/// <summary>A lon/lat box in CRS84 (and so in the storage CRS, EPSG:4490).</summary>
public readonly record struct BoundingBox(double MinX, double MinY, double MaxX, double MaxY);

/// <summary>The items query, parsed and bounded at the edge: nothing reaches SQL unchecked.</summary>
public sealed record ItemsQuery(BoundingBox? Bbox, int Limit, long? After)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    public static ItemsQuery Parse(string? bbox, string? limit, string? cursor) =>
        new(ParseBbox(bbox), ParseLimit(limit), ParseCursor(cursor));

    /// <summary>limit: 1..MaxLimit; a larger value is served as MaxLimit (OGC API allows a server maximum).</summary>
    public static int ParseLimit(string? value)
    {
        if (string.IsNullOrEmpty(value)) return DefaultLimit;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1)
        {
            // Digits too many for an int are still a positive count: serve the maximum.
            if (value.Length > 0 && value.All(char.IsAsciiDigit) && value.TrimStart('0').Length > 0) return MaxLimit;
            throw new InvalidParameterException("limit", $"limit must be an integer from 1 to {MaxLimit}; got '{value}'");
        }
        return Math.Min(limit, MaxLimit);
    }

    /// <summary>bbox: minLon,minLat,maxLon,maxLat (or 6 numbers with heights) in CRS84.</summary>
    public static BoundingBox? ParseBbox(string? value)
    {
        if (value is null) return null;
        var parts = value.Split(',');
        if (parts.Length is not (4 or 6))
            throw new InvalidParameterException("bbox", $"bbox needs 4 numbers (minLon,minLat,maxLon,maxLat) or 6 with heights; got {parts.Length}");
        var n = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out n[i]) || !double.IsFinite(n[i]))
                throw new InvalidParameterException("bbox", $"bbox value {i + 1} ('{parts[i]}') is not a finite number");
        }
        // With heights the order is minLon,minLat,minZ,maxLon,maxLat,maxZ; heights are ignored.
        var (minX, minY, maxX, maxY) = parts.Length == 4 ? (n[0], n[1], n[2], n[3]) : (n[0], n[1], n[3], n[4]);
        if (minX is < -180 or > 180 || maxX is < -180 or > 180)
            throw new InvalidParameterException("bbox", "bbox longitudes must be within -180..180 (CRS84 order is lon,lat)");
        if (minY is < -90 or > 90 || maxY is < -90 or > 90)
            throw new InvalidParameterException("bbox", "bbox latitudes must be within -90..90 (CRS84 order is lon,lat)");
        if (minY > maxY)
            throw new InvalidParameterException("bbox", "bbox minimum latitude is greater than its maximum");
        if (minX > maxX)
            throw new InvalidParameterException("bbox", "bbox minimum longitude is greater than its maximum (boxes across the antimeridian are not supported)");
        return new BoundingBox(minX, minY, maxX, maxY);
    }

    /// <summary>The keyset cursor of a next link: the last id of the previous page.</summary>
    public static long? ParseCursor(string? value)
    {
        if (value is null) return null;
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
            throw new InvalidParameterException("cursor", "cursor is not one this server gave out; follow the 'next' link as it is");
        return after;
    }
}
