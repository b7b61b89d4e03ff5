using System.Globalization;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Filtering;
using LandMap.Api.Geo;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;

namespace LandMap.Api.Items;

/// <summary>A box as the client gave it, in <see cref="Crs"/>'s own axis order.</summary>
public readonly record struct BoundingBox(double MinX, double MinY, double MaxX, double MaxY, CrsInfo Crs)
{
    /// <summary>True for a geographic box whose west bound lies east of its east bound: it crosses the antimeridian.</summary>
    public bool CrossesAntimeridian => Crs.Geographic && MinX > MaxX;
}

/// <summary>One sortby key: a catalog property and its direction.</summary>
public sealed record SortKey(PropertyDef Property, bool Descending);

/// <summary>The raw items parameters, as the route receives them.</summary>
public sealed record ItemsParameters(
    string? Bbox = null, string? BboxCrs = null, string? Crs = null, string? Limit = null, string? Cursor = null,
    string? SortBy = null, string? Properties = null, string? Filter = null, string? FilterLang = null,
    string? FilterCrs = null, string? AsOf = null, string? Date = null, string? DateTime = null);

/// <summary>The items query, parsed and bounded at the edge: nothing reaches SQL unchecked.</summary>
public sealed record ItemsQuery(
    CollectionDef Collection, BoundingBox? Bbox, CrsInfo Crs, int Limit, IReadOnlyList<SortKey> SortBy,
    IReadOnlyList<PropertyDef> Properties, Cursor? After, ItemsParameters Raw)
{
    /// <summary>For parcels: the moment to read the collection at (its kept versions), or null for now.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>OGC API <c>datetime</c> on the collection's temporal property (<see cref="TemporalProperties"/>); null when not given.</summary>
    public DateTimeFilter? DateTime { get; init; }

    /// <summary>For parcels: the idle rules their computed <c>state</c> follows (the service's LandMap:Idle).</summary>
    public IdleRules? Rules { get; init; }

    /// <summary>The date the computed <c>state</c> is taken on: <c>date</c> when given, else the zone date of
    /// asOf, else the zone's today (fixed at parse time, so every page of one request agrees).</summary>
    public DateOnly StateDate { get; init; } = ZoneClock.Today;

    /// <summary>The bounds the query was parsed under (the filter is parsed again under them).</summary>
    public RequestLimits Limits { get; init; } = RequestLimits.Default;

    public const int DefaultLimit = 100;
    /// <summary>The default page size bound (<see cref="RequestLimits.MaxPageSize"/>).</summary>
    public const int MaxLimit = 10_000;
    private const int MaxSortKeys = 5;

    /// <summary>Parses and bounds every parameter; <paramref name="limits"/>: the service's (defaults when null);
    /// <paramref name="rules"/>: the idle rules, needed for parcels (their computed <c>state</c>).</summary>
    public static ItemsQuery Parse(CollectionDef c, ItemsParameters p, RequestLimits? limits = null, IdleRules? rules = null)
    {
        limits ??= RequestLimits.Default;
        var sortBy = ParseSortBy(c, p.SortBy);
        var query = new ItemsQuery(c, ParseBbox(p.Bbox, CrsRegistry.Parse(p.BboxCrs, "bbox-crs")),
            CrsRegistry.Parse(p.Crs, "crs"), ParseLimit(p.Limit, limits.MaxPageSize), sortBy, ParseProperties(c, p.Properties),
            Cursor.Parse(p.Cursor, sortBy), p)
        { AsOf = ParseAsOf(c, p.AsOf), Limits = limits, Rules = rules, DateTime = DateTimeFilter.Parse(p.DateTime) };
        if (query.AsOf is { } asOf) query = query with { StateDate = ZoneClock.Date(asOf) };
        if (ParseStateDate(c, p.Date) is { } date) query = query with { StateDate = date };
        // Write the filter's SQL once now, so a bad filter is a 400 before any response starts.
        query.FilterSql?.Invoke(new SqlParameters(new Npgsql.NpgsqlCommand()));
        return query;
    }

    /// <summary>The CQL2 filter as a SQL condition whose values go to the given parameters; null without a filter.</summary>
    public Func<SqlParameters, string?>? FilterSql => Raw.Filter is null ? null : p =>
        Cql2Filter.ToSql(Raw.Filter, Raw.FilterLang, Collection, p, CrsRegistry.Parse(Raw.FilterCrs, "filter-crs"), Limits.Cql2);

    /// <summary>asOf: an RFC 3339 date-time (or a date, read as its start in UTC), bounded as every date
    /// parameter is (<see cref="DateParameters"/>); parcels only.</summary>
    public static DateTimeOffset? ParseAsOf(CollectionDef c, string? value)
    {
        if (value is null) return null;
        if (c != CollectionCatalog.Parcels)
            throw new InvalidParameterException("asOf", $"asOf is kept for parcels only, not for '{c.Id}'");
        return DateParameters.Instant("asOf", value);
    }

    /// <summary>date: the day the parcels' computed <c>state</c> is taken on (a filter on <c>state</c> selects
    /// by it, e.g. the map's year); unlike asOf it reads today's rows, so it needs no kept history; parcels only.</summary>
    public static DateOnly? ParseStateDate(CollectionDef c, string? value)
    {
        if (value is null) return null;
        if (!ParcelStateSql.Has(c))
            throw new InvalidParameterException("date", $"date (the day of the computed state) is for parcels only, not for '{c.Id}'");
        return DateParameters.Date("date", value);
    }

    /// <summary>limit: 1..<paramref name="max"/>; a larger value is served as the maximum (OGC API allows a server maximum).</summary>
    public static int ParseLimit(string? value, int max = MaxLimit)
    {
        if (string.IsNullOrEmpty(value)) return DefaultLimit;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1)
        {
            // Digits too many for an int are still a positive count: serve the maximum.
            if (value.All(char.IsAsciiDigit) && value.TrimStart('0').Length > 0) return max;
            throw new InvalidParameterException("limit", $"limit must be an integer from 1 to {max}; got '{value}'");
        }
        return Math.Min(limit, max);
    }

    /// <summary>bbox: 4 numbers (or 6 with heights) in the axis order of bbox-crs (CRS84: lon,lat). Any
    /// size is answered (a world box too): the work is bounded by <c>limit</c> and paging, not by the box
    /// (OGC API - Features Part 1, /req/core/fc-bbox-response). In a geographic CRS a west bound greater
    /// than the east bound is a box across the antimeridian (/req/core/fc-bbox-definition).</summary>
    public static BoundingBox? ParseBbox(string? value, CrsInfo crs)
    {
        if (value is null) return null;
        var parts = value.Split(',');
        if (parts.Length is not (4 or 6))
            throw new InvalidParameterException("bbox", $"bbox needs 4 numbers (minLon,minLat,maxLon,maxLat in CRS84) or 6 with heights; got {parts.Length}");
        var n = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out n[i]) || !double.IsFinite(n[i]))
                throw new InvalidParameterException("bbox", $"bbox value {i + 1} ('{parts[i]}') is not a finite number");
        }
        // With heights the order is min1,min2,minZ,max1,max2,maxZ; heights are ignored (the data is 2D:
        // every feature lies in any height range, as Part 1 reads a 3D box over 2D data).
        var (a1, a2, b1, b2) = parts.Length == 4 ? (n[0], n[1], n[2], n[3]) : (n[0], n[1], n[3], n[4]);
        if (parts.Length == 6 && n[2] > n[5])
            throw new InvalidParameterException("bbox", "bbox minimum height (value 3) is greater than its maximum (value 6)");
        var (minX, minY, maxX, maxY) = crs.SwapAxes ? (a2, a1, b2, b1) : (a1, a2, b1, b2);
        if (crs.Geographic)
        {
            var order = crs.SwapAxes ? "lat,lon" : "lon,lat";
            if (minX < -180 || minX > 180 || maxX < -180 || maxX > 180)
                throw new InvalidParameterException("bbox", $"bbox longitudes must be within -180..180 ({crs.Name}: order is {order})");
            if (minY < -90 || maxY > 90)
                throw new InvalidParameterException("bbox", $"bbox latitudes must be within -90..90 ({crs.Name}: order is {order})");
            if (minY > maxY)
                throw new InvalidParameterException("bbox", $"bbox south latitude is greater than its north latitude ({crs.Name}: order is {order})");
        }
        else
        {
            if (!crs.Domain.Contains(minX, minY) || !crs.Domain.Contains(maxX, maxY))
                throw new InvalidParameterException("bbox", $"bbox lies outside where {crs.Name} has places ({crs.Domain.Describe(crs.SwapAxes)}); " +
                                                            "check bbox-crs and the axis order");
            // Only longitudes wrap: a projected box's minimum above its maximum is a mistake.
            if (minX > maxX || minY > maxY)
                throw new InvalidParameterException("bbox", "bbox minimum is greater than its maximum");
        }
        return new BoundingBox(minX, minY, maxX, maxY, crs);
    }

    /// <summary>sortby: comma-separated queryable names, each optionally prefixed + (ascending) or - (descending).</summary>
    public static IReadOnlyList<SortKey> ParseSortBy(CollectionDef c, string? value)
    {
        if (string.IsNullOrEmpty(value)) return [];
        var keys = new List<SortKey>();
        foreach (var raw in value.Split(','))
        {
            var item = raw.Trim();
            var descending = item.StartsWith('-');
            var name = item.TrimStart('+', '-', ' ');
            var property = c.Properties.FirstOrDefault(p => p.Name == name)
                ?? throw new InvalidParameterException("sortby", $"sortby '{name}' is not a property of '{c.Id}'; see /ogc/collections/{c.Id}/queryables");
            if (keys.Any(k => k.Property == property))
                throw new InvalidParameterException("sortby", $"sortby names '{name}' twice");
            keys.Add(new SortKey(property, descending));
        }
        if (keys.Count > MaxSortKeys)
            throw new InvalidParameterException("sortby", $"sortby takes at most {MaxSortKeys} keys");
        return keys;
    }

    /// <summary>properties: the subset of properties to return (an empty value returns none).</summary>
    public static IReadOnlyList<PropertyDef> ParseProperties(CollectionDef c, string? value)
    {
        if (value is null) return c.Properties;
        if (value.Length == 0) return [];
        return value.Split(',').Select(n => n.Trim()).Distinct().Select(name =>
            c.Properties.FirstOrDefault(p => p.Name == name)
            ?? throw new InvalidParameterException("properties", $"'{name}' is not a property of '{c.Id}'")).ToList();
    }
}
