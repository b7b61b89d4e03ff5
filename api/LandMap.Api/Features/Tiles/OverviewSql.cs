using System.Globalization;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using Npgsql;

namespace LandMap.Api.Features.Tiles;

/// <summary>
/// SQL of the parcels' overview (migration 0045, Repeatable/parcel_overview.sql): a grid of state
/// shares per date, built from parcel_state_at() and read by the tiles. Each parcel counts, whole,
/// in the cell the centre of its bounding box falls in, so the cells' sums are the parcels' own.
/// Grid zooms 10..14 (cells are tiles of zoom z + 4, 16 x 16 a tile); a tile of zoom z below 10 reads grid 10.
/// </summary>
internal static class OverviewSql
{
    public const int FirstGrid = 10;
    public const int LastGrid = 14;

    /// <summary>A grid cell is a tile of this many zooms deeper than the tile it is drawn in.</summary>
    public const int CellZoomOffset = 4;

    /// <summary>The grid a tile of zoom <paramref name="z"/> reads.</summary>
    public static int GridOf(int z) => Math.Clamp(z, FirstGrid, LastGrid);

    /// <summary>The idle rules as text: a date's overview is only reused under the same rules.</summary>
    /// The database reads it back as parcel_state_at()'s arguments (parcel_overview_rule()).
    public static string RulesKey(IdleRules r) => ParcelTodaySql.RulesKey(r);

    /// <summary>Builds a date's overview from every parcel ($1 date, $2 rules).</summary>
    public const string Build = "select parcel_overview_build($1, $2)";

    /// <summary>Rebuilds a date's finest cells ($3, $4: their x and y) and the cells above them ($1 date, $2 rules).</summary>
    public const string Refresh = "select parcel_overview_refresh($1, $2, $3, $4)";

    /// <summary>Parcels of the tile by the grid it reads ($1 date, $2 grid, $3 x, $4 y, $5 shift), all of
    /// them whatever the selection ($6, unused): legibility is the land's density, so a zoom looks
    /// the same in every year (and a sparse early year is not drawn parcel by parcel, slowly).</summary>
    public const string TileParcels = """
        select coalesce(sum(parcels), 0)::bigint from parcel_overview
        where on_date = $1 and z = $2 and cx between ($3 << $5) and (($3 + 1) << $5) - 1
          and cy between ($4 << $5) and (($4 + 1) << $5) - 1 and $6 is not null
        """;

    /// <summary>
    /// The overview tile: one square a cell, in the parcels layer, with <c>state</c> = the state
    /// holding the most area in it (what the map colours by), <c>parcels</c> and <c>area_mu</c>
    /// (all of the cell's), <c>mu_&lt;state&gt;</c> per state and <c>overview</c> = 1.
    /// $1 date, $2 grid, $3 x, $4 y, $5 shift, $6 approved only, $7 z.
    /// </summary>
    public static readonly string Tile = string.Create(CultureInfo.InvariantCulture, $"""
        with cells as (
            select cx, cy, state, sum(parcels) as parcels, sum(area_m2) as area_m2
            from parcel_overview
            where on_date = $1 and z = $2 and cx between ($3 << $5) and (($3 + 1) << $5) - 1
              and cy between ($4 << $5) and (($4 + 1) << $5) - 1 and (approved or not $6)
            group by cx, cy, state
        ), per_cell as (
            select cx, cy, sum(parcels)::integer as parcels, sum(area_m2) as area_m2,
                   (array_agg(state order by area_m2 desc, state))[1] as state,
                   jsonb_object_agg('mu_' || state, round((area_m2 / (10000.0 / 15.0))::numeric, 4)) as shares
            from cells group by cx, cy
        )
        select coalesce(st_asmvt(tile, 'parcels', {TilesSql.Extent}, 'geom'), ''::bytea)
        from (
            select 1 as overview, state, parcels, round((area_m2 / (10000.0 / 15.0))::numeric, 4)::float8 as area_mu, shares,
                   st_asmvtgeom(st_tileenvelope($2 + {CellZoomOffset}, cx, cy), st_tileenvelope($7, $3, $4), {TilesSql.Extent}, 0, true) as geom
            from per_cell
        ) as tile
        """);

    /// <summary>The largest number of parcels any tile of each zoom 0..14 holds today (grid 10 for
    /// the zooms below it): which zooms are overview (<see cref="OverviewOptions.TileParcels"/>). $1 date.</summary>
    public const string MaxTileParcels = """
        select t.z, coalesce(max(t.parcels), 0)::bigint
        from generate_series(0, 14) as t0(z)
        cross join lateral (
            select t0.z, sum(o.parcels) as parcels
            from parcel_overview as o
            where o.on_date = $1 and o.z = greatest(least(t0.z, 14), 10)
            group by o.cx >> (greatest(least(t0.z, 14), 10) + 4 - t0.z), o.cy >> (greatest(least(t0.z, 14), 10) + 4 - t0.z)
        ) as t
        group by t.z order by t.z
        """;
}
