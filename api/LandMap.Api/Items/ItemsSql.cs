using System.Collections.Concurrent;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Geo;
using Npgsql;

namespace LandMap.Api.Items;

/// <summary>
/// All SQL of the items routes. PostgreSQL writes each feature's GeoJSON text itself
/// (ST_AsGeoJSON plus json_build_object over the catalog's whitelisted columns), so the service
/// only streams rows. Values are always parameters; identifiers come from the catalog only.
/// </summary>
internal static class ItemsSql
{
    private static readonly ConcurrentDictionary<string, string> FeatureExpressions = new();

    /// <summary>The expression producing one feature's GeoJSON text, built once per shape of request.</summary>
    public static string FeatureJson(CollectionDef c, CrsInfo crs, IReadOnlyList<PropertyDef> properties) =>
        FeatureExpressions.GetOrAdd($"{c.Id}|{crs.Uri}|{string.Join(',', properties.Select(p => p.Name))}", _ =>
        {
            var props = properties.Count == 0 ? "'{}'"
                : $"json_build_object({string.Join(", ", properties.Select(p => $"'{p.Name}', {PropertyValue(p)}"))})::text";
            // Text concatenation avoids parsing the geometry JSON back into a json value.
            return $$"""'{"type":"Feature","id":' || id || ',"geometry":' || st_asgeojson({{OutputGeometry(crs)}}, {{crs.Decimals}}, 0) || ',"properties":' || {{props}} || '}'""";
        });

    /// <summary>The stored geometry in the requested CRS and its axis order; untouched for CRS84.</summary>
    private static string OutputGeometry(CrsInfo crs)
    {
        var g = crs.Srid == CrsRegistry.StorageSrid ? "geom" : $"st_transform(geom, {crs.Srid})";
        return crs.SwapAxes ? $"st_flipcoordinates({g})" : g;
    }

    /// <summary>Computed areas and lengths are rounded: the ellipsoid gives more digits than the ground has.</summary>
    private static string PropertyValue(PropertyDef p) =>
        p is { Writable: false, Type: PropertyType.Number } ? $"round({p.Name}::numeric, 4)" : p.Name;

    /// <summary>
    /// The conditions of a query without paging: the bbox (transformed once into the storage CRS,
    /// so the GiST index on geom is used and the column is never transformed) and the filter.
    /// </summary>
    public static List<string> Conditions(ItemsQuery q, SqlParameters p, Func<SqlParameters, string?>? filter)
    {
        var where = new List<string>();
        if (q.Bbox is { } b)
        {
            // A box across the antimeridian is its two halves, each an indexable condition (a BitmapOr):
            // one multipolygon would have the whole world as its index box.
            where.Add(b.CrossesAntimeridian
                ? $"({BboxIntersects(b with { MaxX = 180 }, p)} or {BboxIntersects(b with { MinX = -180 }, p)})"
                : BboxIntersects(b, p));
        }
        // A collection with no temporal property has no feature with a temporal geometry: datetime matches all.
        if (q.DateTime is { } t && TemporalProperties.Of(q.Collection) is { } temporal) where.Add(t.Sql(temporal, p, TemporalProperties.EndOf(q.Collection)));
        if (filter?.Invoke(p) is { } f) where.Add("(" + f + ")");
        return where;
    }

    /// <summary>geom intersects the box: a constant envelope in the storage CRS, so the GiST index narrows.</summary>
    private static string BboxIntersects(BoundingBox b, SqlParameters p) => $"st_intersects(geom, {BboxGeometry(b, p)})";

    /// <summary>The box as a constant polygon in the storage CRS, the one <see cref="Conditions"/>
    /// intersects (a box across the antimeridian is two: the caller splits it).</summary>
    public static string BboxGeometry(BoundingBox b, SqlParameters p)
    {
        var envelope = $"st_makeenvelope({p.Add(b.MinX)}, {p.Add(b.MinY)}, {p.Add(b.MaxX)}, {p.Add(b.MaxY)}, {b.Crs.Srid})";
        if (b.Crs.Srid == CrsRegistry.StorageSrid) return envelope;
        // Lon/lat to lon/lat (EPSG:4326 to 4490) keeps edges straight: densifying would only add
        // vertices (a world box, 108,000). A projected box's edges are densified so they stay straight
        // in the storage CRS. The storage CRS is geographic, defined over the whole world, so every
        // box a bbox-crs domain admits (checked at parse time) transforms to finite coordinates.
        var source = b.Crs.Geographic ? envelope : $"st_segmentize({envelope}, 1000)";
        return $"st_transform({source}, {CrsRegistry.StorageSrid})";
    }

    /// <summary>What the query reads: the table, or for parcels with asOf, the table as it stood then;
    /// for parcels with their computed <c>state</c> column (on <see cref="ItemsQuery.StateDate"/>).</summary>
    public static string Source(ItemsQuery q, SqlParameters p)
    {
        var table = q.AsOf is { } asOf ? HistorySql.ParcelsAsOf(p, asOf) : q.Collection.Table;
        return ParcelStateSql.Has(q.Collection)
            ? ParcelStateSql.Source(p, RulesFor(q.Collection, q.Rules), q.StateDate, table, typedRows: q.AsOf is null)
            : table;
    }

    /// <summary>A query over parcels without the idle rules is a bug of the caller, not a request to answer without state.</summary>
    private static IdleRules RulesFor(CollectionDef c, IdleRules? rules) =>
        rules ?? throw new InvalidOperationException($"'{c.Id}' items carry the computed state: pass the idle rules");

    /// <summary>One page by keyset: rows after the cursor in sort order, one extra row to know
    /// whether a next page exists.</summary>
    public static NpgsqlCommand Page(ItemsQuery q, Func<SqlParameters, string?>? filter)
    {
        var p = new SqlParameters(new NpgsqlCommand());
        var where = Conditions(q, p, filter);
        if (q.After is { } after) where.Add(KeysetSql.After(q.SortBy, after, p));
        p.Command.CommandText = $"""
            select id, {FeatureJson(q.Collection, q.Crs, q.Properties)}, {KeysetSql.KeyJson(q.SortBy)}
            from {Source(q, p)} {Where(where)}
            order by {KeysetSql.OrderBy(q.SortBy)} limit {p.Add(q.Limit + 1)}
            """;
        return p.Command;
    }

    /// <summary>The planner's row estimate for the query (EXPLAIN plans it without running it).</summary>
    public static NpgsqlCommand Estimate(ItemsQuery q, Func<SqlParameters, string?>? filter)
    {
        var p = new SqlParameters(new NpgsqlCommand());
        p.Command.CommandText = $"explain (format json) select 1 from {Source(q, p)} {Where(Conditions(q, p, filter))}";
        return p.Command;
    }

    public static NpgsqlCommand Count(ItemsQuery q, Func<SqlParameters, string?>? filter)
    {
        var p = new SqlParameters(new NpgsqlCommand());
        p.Command.CommandText = $"select count(*) from {Source(q, p)} {Where(Conditions(q, p, filter))}";
        return p.Command;
    }

    /// <summary>Count and area (m²) of the selected parcels by the state they are shown in on
    /// <see cref="ItemsQuery.StateDate"/>: the computed state, the recorded status where there is none.
    /// One grouped query, so the page's legend and filter totals are the server's sums.</summary>
    public static NpgsqlCommand TotalsByState(ItemsQuery q, Func<SqlParameters, string?>? filter)
    {
        var p = new SqlParameters(new NpgsqlCommand());
        p.Command.CommandText = $"""
            select {ParcelStateSql.Shown} as shown, count(*)::int, coalesce(sum(area_m2), 0)::float8
            from {Source(q, p)} {Where(Conditions(q, p, filter))}
            group by 1 order by 1
            """;
        return p.Command;
    }

    /// <summary>One item by id; <paramref name="rules"/>: the idle rules, needed for parcels (state on the zone's today).</summary>
    public static NpgsqlCommand One(CollectionDef c, long id, CrsInfo crs, IdleRules? rules = null)
    {
        var p = new SqlParameters(new NpgsqlCommand());
        var source = ParcelStateSql.Has(c)
            ? ParcelStateSql.Source(p, RulesFor(c, rules), ZoneClock.Today, c.Table, typedRows: true)
            : c.Table;
        // Also the row's version, for the item's own ETag (Part 4 If-Match).
        p.Command.CommandText = $"select id, {FeatureJson(c, crs, c.Properties)}, version from {source} where id = {p.Add(id)}";
        return p.Command;
    }

    /// <summary>"where" and the conditions joined with "and"; nothing without conditions.</summary>
    public static string Where(List<string> conditions) =>
        conditions.Count == 0 ? "" : "where " + string.Join(" and ", conditions);
}
