using System.Collections.Concurrent;
using LandMap.Api.Data;
using LandMap.Api.Features.Collections;
using Npgsql;

namespace LandMap.Api.Features.Ogc;

/// <summary>
/// All SQL of the items routes. PostgreSQL writes each feature's GeoJSON text itself
/// (ST_AsGeoJSON plus json_build_object over the catalog's whitelisted columns), so the service
/// only streams rows. Values are always parameters; identifiers come from the catalog only.
/// </summary>
internal static class ItemsSql
{
    /// <summary>7 decimals of a degree is about 1 cm on the ground.</summary>
    private const int CoordinateDecimals = 7;

    private static readonly ConcurrentDictionary<string, string> FeatureExpressions = new();

    /// <summary>The expression producing one feature's GeoJSON text (built once per collection).</summary>
    public static string FeatureJson(CollectionDef c) => FeatureExpressions.GetOrAdd(c.Id, _ =>
    {
        var props = string.Join(", ", c.Properties.Select(p => $"'{p.Name}', {PropertyValue(p)}"));
        // Text concatenation avoids parsing the geometry JSON back into a json value.
        return $$"""'{"type":"Feature","id":' || id || ',"geometry":' || st_asgeojson(geom, {{CoordinateDecimals}}) || ',"properties":' || json_build_object({{props}})::text || '}'""";
    });

    /// <summary>Computed areas and lengths are rounded: the ellipsoid gives more digits than the ground has.</summary>
    private static string PropertyValue(PropertyDef p) =>
        p is { Writable: false, Type: PropertyType.Number } ? $"round({p.Name}::numeric, 4)" : p.Name;

    /// <summary>One page by keyset: rows after the cursor in id order, one extra row to know
    /// whether a next page exists. The bbox intersects the GiST-indexed column in its own CRS.</summary>
    public static NpgsqlCommand Page(CollectionDef c, ItemsQuery q)
    {
        var p = new SqlParameters(new NpgsqlCommand());
        var where = new List<string>();
        if (q.Bbox is { } b)
        {
            where.Add($"st_intersects(geom, st_makeenvelope({p.Add(b.MinX)}, {p.Add(b.MinY)}, {p.Add(b.MaxX)}, {p.Add(b.MaxY)}, 4490))");
        }
        if (q.After is { } after)
            where.Add($"id > {p.Add(after)}");
        var whereSql = where.Count == 0 ? "" : "where " + string.Join(" and ", where);
        p.Command.CommandText = $"select id, {FeatureJson(c)} from {c.Table} {whereSql} order by id limit {p.Add(q.Limit + 1)}";
        return p.Command;
    }

    public static NpgsqlCommand One(CollectionDef c, long id)
    {
        var cmd = new NpgsqlCommand($"select id, {FeatureJson(c)} from {c.Table} where id = $1");
        cmd.Parameters.Add(new() { Value = id });
        return cmd;
    }

    /// <summary>Extent of a collection in CRS84/EPSG:4490 (null when empty).</summary>
    public static string Extent(CollectionDef c) =>
        $"select st_xmin(e), st_ymin(e), st_xmax(e), st_ymax(e) from (select st_extent(geom) as e from {c.Table}) as s where e is not null";
}
