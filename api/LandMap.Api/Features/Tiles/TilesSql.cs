using System.Collections.Concurrent;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using Npgsql;

namespace LandMap.Api.Features.Tiles;

/// <summary>
/// All SQL of the tiles routes. A tile is ONE statement: PostgreSQL finds the rows with the GiST
/// index, turns them into tile geometry (ST_AsMVTGeom) and encodes the layer (ST_AsMVT); the
/// service only passes the bytes on. The text is built once per collection and zoom class and
/// cached (as martin's query_tables.rs keeps one query per source); every value is a parameter:
/// $1 z, $2 x, $3 y, $4 feature budget, then $5 simplification tolerance (degrees) and
/// $6 the smallest size kept (a pixel's ground area in m² for polygons, its side in m for lines)
/// where the template uses them; the parcels' computed state and a CQL2 filter take the values
/// after those (see <see cref="ComputedMark"/> and <see cref="TileSelection"/>).
/// </summary>
internal static class TilesSql
{
    public const int Extent = 4096;
    public const int Buffer = 64;

    /// <summary>Overview tiles keep at most this many features (the biggest); detail tiles more, as
    /// a guard against a tile too heavy for a browser.</summary>
    public const int OverviewBudget = 20_000;
    public const int DetailBudget = 50_000;

    /// <summary>
    /// The search box in the storage CRS: the tile envelope widened by the buffer (so features
    /// just outside still draw their edges), clipped to the Web Mercator world (a widened z0..z2
    /// envelope passes ±180° and PROJ would wrap it to the wrong side of the globe), transformed
    /// ONCE to EPSG:4490 so <c>geom &amp;&amp; box</c> is answered by the GiST index on the stored
    /// geometry. Only the rows found are transformed to 3857.
    /// </summary>
    private static readonly string SearchBox = FormattableString.Invariant(
        $"st_transform(st_clipbybox2d(st_tileenvelope($1, $2, $3, margin => {(double)Buffer / Extent}), st_tileenvelope(0, 0, 0)), 4490)");

    /// <summary>
    /// Overview geometry is simplified in the storage CRS with a tolerance of one screen pixel
    /// ($5, 1/256 of the tile) before it is transformed and clipped. ST_AsMVTGeom's snapping to
    /// the 4096 grid (1/16 pixel) only merges vertices that fall in the same grid cell; the
    /// near-collinear vertices of a dense outline survive it and cost transform, clip and bytes.
    /// ST_SnapToGrid at a pixel would remove them too but can fold polygons into invalid shapes
    /// that ST_AsMVTGeom must then repair; ST_SimplifyPreserveTopology keeps them valid and moves
    /// no edge by more than the pixel that cannot be seen.
    /// </summary>
    private const string SimplifiedGeometry = "st_simplifypreservetopology(f.geom, $5)";

    private static readonly ConcurrentDictionary<(string Layer, ZoomClass Zoom), TileStatement> Statements = new();

    /// <summary>A cached statement; a thinned one takes $5 and $6 too.</summary>
    private sealed record TileStatement(string Sql, bool Thinned);

    /// <summary>Where a statement computes a property that is not stored (the parcels' state, their
    /// compliance): replaced per tile by the call with that tile's parameters, whose numbers follow the fixed ones.</summary>
    private static string ComputedMark(PropertyDef a) => $"/*computed:{a.Name}*/";

    /// <summary>Where a statement joins what its computed attributes share (the parcels' compliance rules, computed once per row).</summary>
    private const string LateralMark = "/*lateral*/";

    /// <summary>Where a statement reads its rows from: the table, or for a filtered tile the table with the
    /// columns the filter may name (the parcels' computed state).</summary>
    private const string SourceMark = "/*source*/";

    /// <summary>Where a filtered tile's condition goes, after the index search.</summary>
    private const string FilterMark = "/*filter*/";

    /// <summary>The tile's statement and values; <paramref name="rules"/>: the idle rules, needed for parcels
    /// (their state on <paramref name="selection"/>'s date, default the zone's today, as /api/parcels/states
    /// gives it); <paramref name="selection"/>: the CQL2 filter and state date, null for the whole layer.</summary>
    public static NpgsqlCommand Tile(TileLayer layer, TileCoordinate t, IdleRules? rules = null, TileSelection? selection = null)
    {
        var statement = Statements.GetOrAdd((layer.Id, t.ZoomClass), key => Build(layer, key.Zoom));
        var cmd = new NpgsqlCommand(statement.Sql);
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = t.Z });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = t.X });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = t.Y });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = t.ZoomClass == ZoomClass.Overview ? OverviewBudget : DetailBudget });
        if (statement.Thinned)
        {
            var pixel = t.PixelGroundMetres;
            cmd.Parameters.Add(new NpgsqlParameter<double> { TypedValue = t.PixelDegrees });
            cmd.Parameters.Add(new NpgsqlParameter<double> { TypedValue = layer.Geometry == TileGeometry.Polygon ? pixel * pixel : pixel });
        }
        var sql = statement.Sql;
        var date = selection?.Query.StateDate ?? ZoneClock.Today;
        var p = new SqlParameters(cmd);
        var lateral = "";
        // The parcels' stored today's rows answer when they are current for the date (checked in the
        // statement itself, so check and answer see the same data); else each kept row is computed.
        var computed = layer.Attributes.Where(a => !a.Stored).ToList();
        var current = computed.Count > 0 && ParcelStateSql.Has(layer.Collection) ? ParcelTodaySql.Current(p, RulesFor(layer, rules), date) : null;
        if (current is not null) lateral = $" left join {ParcelTodaySql.Rows(p, date, "stored_today", "f.id")}";
        var rulesJoined = false;
        foreach (var a in computed)
        {
            var fromRules = ParcelComplianceSql.FromRules(a.Name);
            if (fromRules is not null && !rulesJoined)
            {
                lateral += " " + ParcelComplianceSql.RulesById(p, date, "f.id", current);
                rulesJoined = true;
            }
            var live = fromRules ?? ParcelStateSql.ById(p, RulesFor(layer, rules), date, "f.id");
            sql = sql.Replace(ComputedMark(a), current is null ? live : $"case when {current} then stored_today.{a.Name} else {live} end", StringComparison.Ordinal);
        }
        sql = sql.Replace(LateralMark, lateral, StringComparison.Ordinal);
        // The filter's SQL is a fragment with its own parameters, numbered after the fixed ones, so
        // the statement's text stays one per layer and zoom class plus the filter's shape.
        var source = layer.Collection.Table;
        var condition = "";
        if (selection?.Query.FilterSql?.Invoke(p) is { } filter)
        {
            if (ParcelStateSql.Has(layer.Collection))
                source = ParcelStateSql.Source(p, RulesFor(layer, rules), date, source, typedRows: true);
            condition = " and (" + filter + ")";
        }
        cmd.CommandText = sql.Replace(SourceMark, source, StringComparison.Ordinal).Replace(FilterMark, condition, StringComparison.Ordinal);
        return cmd;
    }

    private static IdleRules RulesFor(TileLayer layer, IdleRules? rules) =>
        rules ?? throw new InvalidOperationException($"'{layer.Id}' tiles carry the computed state: pass the idle rules");

    /// <summary>
    /// Rows in the box, ranked by size (biggest first, so a full budget drops the smallest and
    /// polygons are drawn large-to-small), cut to the budget, then encoded. At overview zooms
    /// features smaller than a pixel are skipped (the stored ellipsoidal <c>area_m2</c> against
    /// the pixel's ground area at the tile's latitude; <c>length_m</c> against its side) and
    /// outlines are simplified. Points cannot be ranked by size: the budget keeps the first by id.
    /// The feature id is the row id; <c>id</c> also travels as an attribute for clients that style
    /// by properties (Leaflet.VectorGrid's getFeatureId). A computed attribute (the parcels' state)
    /// is computed above the budget's cut, for the rows the tile keeps only, each looked up by id:
    /// computed in the ranked query it would carry every candidate's whole row through the sort.
    /// </summary>
    private static TileStatement Build(TileLayer layer, ZoomClass zoom)
    {
        // Points have neither an outline to simplify nor a size to skip by.
        var thinned = zoom == ZoomClass.Overview && layer.SizeColumn is not null;

        var stored = layer.Attributes.Where(a => a.Stored).ToList();
        var columns = string.Join(", ", stored.Select(a => Value(a) is var v && v != a.Name ? $"{v} as {a.Name}" : v));
        var attributes = string.Join(", ", layer.Attributes.Select(a => a.Stored ? "f." + a.Name : $"{ComputedMark(a)} as {a.Name}"));
        var smallFilter = thinned ? $" and {layer.SizeColumn} >= $6" : "";
        var rank = layer.SizeColumn is { } size ? $"{size} desc, id" : "id";
        var geometry = thinned ? SimplifiedGeometry : "f.geom";

        var sql = $"""
            select coalesce(st_asmvt(tile, '{layer.Id}', {Extent}, 'geom', 'mvt_id'), ''::bytea)
            from (
                select f.id as mvt_id, f.id, {attributes},
                       st_asmvtgeom(st_transform({geometry}, 3857), st_tileenvelope($1, $2, $3), {Extent}, {Buffer}, true) as geom
                from (
                    select id, {columns}, geom
                    from {SourceMark}
                    where geom && {SearchBox}{smallFilter}{FilterMark}
                    order by {rank}
                    limit $4
                ) as f{LateralMark}
            ) as tile
            """;
        return new TileStatement(sql, thinned);
    }

    /// <summary>MVT values are typed: numbers as float8 (numeric would be written as text),
    /// computed areas rounded to 0.01 (a few m²), dates as ISO text.</summary>
    private static string Value(PropertyDef p) => p switch
    {
        { Type: PropertyType.Number, Writable: false } => $"round({p.Name}::numeric, 2)::float8",
        { Type: PropertyType.Number } => $"{p.Name}::float8",
        { Type: PropertyType.Date or PropertyType.DateTime } => $"{p.Name}::text",
        _ => p.Name,
    };
}
