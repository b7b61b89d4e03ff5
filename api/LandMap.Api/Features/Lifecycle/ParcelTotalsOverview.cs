using System.Data;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Items;
using Npgsql;

namespace LandMap.Api.Features.Lifecycle;

/// <summary>
/// /api/parcels/totals from the parcels' overview grid (migrations 0045, 0047), exact: the same
/// parcels, count and area per shown state as the live computation (<see cref="ItemsSql.TotalsByState"/>),
/// in a few milliseconds at a million parcels instead of a million states computed per request.
/// A cell whose every parcel surely intersects the bbox (the cell grown by its parcels' largest
/// half-extents lies inside it) is summed from the grid; the parcels of the finest cells along the
/// bbox's edge (the view's rim) are computed live, with the live query's own conditions. Taken only
/// where the grid is the truth: a date the overview holds under the service's idle rules, no marked
/// writes waiting to be folded in (parcel_overview_dirty), no filter or only the map's year
/// selection, no asOf or datetime. Everything else, and an overview switched off, is the live path.
/// </summary>
internal static class ParcelTotalsOverview
{
    /// <summary>The response header naming where the totals came from: <see cref="FromOverview"/> or <see cref="Live"/>.</summary>
    public const string SourceHeader = "LandMap-Totals-Source";
    public const string FromOverview = "overview";
    public const string Live = "live";

    /// <summary>Whether the grid can answer <paramref name="q"/>: null when not; else whether only
    /// parcels approved by the date count (the year selection).</summary>
    public static bool? ApprovedOnly(ParcelSelectionParameters selection, ItemsQuery q, OverviewOptions options)
    {
        // A box across the antimeridian is two boxes to the live path; the zone is nowhere near it.
        if (!options.Enabled || q.AsOf is not null || q.DateTime is not null || q.Bbox is { CrossesAntimeridian: true }) return null;
        if (selection.Filter is null) return false;
        return ParcelOverview.IsYearSelection(selection.Filter, selection.FilterLang, q.StateDate) ? true : null;
    }

    /// <summary>True when the grid of <paramref name="date"/> is complete and current in the
    /// transaction's snapshot (the totals query reads the same snapshot: repeatable read).</summary>
    public static async Task<bool> ReadyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DateOnly date, IdleRules rules, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select exists (select 1 from parcel_overview_dates where on_date = $1 and rules = $2)
               and exists (select 1 from parcel_overview_margins where on_date = $1 and z = 10)
               and not exists (select 1 from parcel_overview_dirty)
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = date });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ParcelOverview.RulesKey(rules) });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>A snapshot both the readiness check and the totals read.</summary>
    public static Task<NpgsqlTransaction> SnapshotAsync(NpgsqlConnection conn, CancellationToken ct) =>
        conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct).AsTask();

    /// <summary>The totals by shown state as <see cref="ItemsSql.TotalsByState"/> returns them
    /// (state, parcels, m²), from whole cells plus the rim's parcels computed live.</summary>
    public static NpgsqlCommand TotalsByState(ItemsQuery q, bool approvedOnly)
    {
        var p = new SqlParameters(new NpgsqlCommand());
        var date = p.Add(q.StateDate);
        var area = q.Bbox is { } b ? ItemsSql.BboxGeometry(b, p) : "null::geometry";
        var approved = p.Add(approvedOnly);
        // The rim: the live query's conditions (bbox, filter), narrowed to the parcels counted in
        // the cell (its box grown by its margins holds them all, so the GiST index finds them).
        var rim = ItemsSql.Conditions(q, p, q.FilterSql);
        rim.Add("geom && parcel_overview_cell_box(18, c.cx, c.cy, c.half_w + 1e-9, c.half_h + 1e-9)");
        rim.Add("parcel_overview_cx(geom) = c.cx and parcel_overview_cy(geom) = c.cy");
        p.Command.CommandText = $"""
            with cover as materialized (select * from parcel_overview_cover({date}, {area})),
            summed as (
                select o.state, sum(o.parcels)::bigint as parcels, sum(o.area_m2) as area_m2
                from cover as c
                join parcel_overview as o on o.on_date = {date} and o.z = c.z and o.cx = c.cx and o.cy = c.cy
                where c.whole and (o.approved or not {approved})
                group by o.state
            ), rim as (
                select r.shown as state, count(*)::bigint as parcels, sum(r.area_m2) as area_m2
                from cover as c
                cross join lateral (select {ParcelStateSql.Shown} as shown, area_m2 from {ItemsSql.Source(q, p)} {ItemsSql.Where(rim)}) as r
                where not c.whole
                group by 1
            )
            select state, sum(parcels)::int, coalesce(sum(area_m2), 0)::float8
            from (select * from summed union all select * from rim) as t
            group by 1 order by 1
            """;
        return p.Command;
    }
}
