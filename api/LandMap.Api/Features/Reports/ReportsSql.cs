using LandMap.Api.Data;
using LandMap.Api.Domain;

namespace LandMap.Api.Features.Reports;

/// <summary>SQL of the reports. Each parcel counts once per indicator and year, however many events it had.</summary>
internal static class ReportsSql
{
    /// <summary>
    /// $1 event kind, $2 land-use class (land_use_classes) or null, $3 first year, $4 last year,
    /// $5 park or null: per year, per park and in total (park null, grouping 1), the parcels with
    /// an event of the kind in that year, and their area.
    /// </summary>
    public const string IndicatorByYear = """
        with hits as (
            select distinct e.parcel_id, extract(year from e.occurred_on)::int as year
            from parcel_events as e
            where e.kind = $1 and e.occurred_on >= make_date($3, 1, 1) and e.occurred_on < make_date($4 + 1, 1, 1)
        ), counted as (
            select h.year, p.id, p.park_code, p.area_m2
            from hits as h
            join parcels as p on p.id = h.parcel_id
            join land_use_codes as c on c.standard = p.land_use_edition and c.code = p.land_use
            where ($2::text is null or c.class_code = $2) and ($5::text is null or p.park_code = $5)
        )
        select y.year, x.park_code, grouping(x.park_code) as total, count(x.id)::int, coalesce(sum(x.area_m2), 0)
        from generate_series($3, $4) as y(year)
        left join counted as x on x.year = y.year
        group by y.year, rollup (x.park_code)
        order by y.year, x.park_code
        """;

    /// <summary>
    /// The evaluation areas of each park on {date} and of the zone (park null), in m2; plot ratio
    /// and investment with their own bases (only parcels that record them).
    /// </summary>
    public static string ParkEvaluation(SqlParameters p, IdleRules rules, DateOnly date)
    {
        var d = p.Add(date);
        return $"""
            with s as (
                select p.park_code, p.area_m2, c.class_code = '{LandUseClasses.Industrial}' as industrial, st.state,
                       coalesce(ls.supplied, false) as supplied,
                       coalesce(p.approved_on <= {d}, false) as approved,
                       coalesce(p.actual_start_on <= {d}, false) as started,
                       coalesce(p.actual_completion_on <= {d}, false) as completed,
                       p.plot_ratio, p.investment_actual_wan
                from parcels as p
                join land_use_codes as c on c.standard = p.land_use_edition and c.code = p.land_use
                cross join lateral {ParcelStateSql.StateAt(p, rules, "p", d)} as st
                left join lifecycle_states as ls on ls.state = st.state
            )
            select park_code,
                   coalesce(sum(area_m2) filter (where supplied or approved), 0),
                   coalesce(sum(area_m2) filter (where supplied), 0),
                   coalesce(sum(area_m2) filter (where supplied and completed), 0),
                   coalesce(sum(area_m2) filter (where supplied and not started), 0),
                   -- Idle land as the rule finds it, determined (认定) or not yet.
                   coalesce(sum(area_m2) filter (where state in ('idle', 'suspected_idle')), 0),
                   coalesce(sum(area_m2) filter (where state = 'approved_unsupplied'), 0),
                   coalesce(sum(plot_ratio * area_m2) filter (where industrial and supplied and completed and plot_ratio is not null), 0),
                   coalesce(sum(area_m2) filter (where industrial and supplied and completed and plot_ratio is not null), 0),
                   coalesce(sum(investment_actual_wan) filter (where industrial and supplied and completed and investment_actual_wan is not null), 0)::float8,
                   coalesce(sum(area_m2) filter (where industrial and supplied and completed and investment_actual_wan is not null), 0)
            from s
            group by rollup (park_code)
            """;
    }

    /// <summary>Parcels by land-use class and state on {date}, optionally of one park.</summary>
    public static string LandUseByClass(SqlParameters p, IdleRules rules, DateOnly date, string? park)
    {
        var d = p.Add(date);
        var k = p.Add(park, NpgsqlTypes.NpgsqlDbType.Text);
        return $"""
            select lc.class_code, lc.name_zh, lc.name_en, st.state, ls.name_zh, count(*)::int, sum(p.area_m2)
            from parcels as p
            join land_use_codes as c on c.standard = p.land_use_edition and c.code = p.land_use
            join land_use_classes as lc on lc.class_code = c.class_code
            cross join lateral {ParcelStateSql.StateAt(p, rules, "p", d)} as st
            left join lifecycle_states as ls on ls.state = st.state
            where {k}::text is null or p.park_code = {k}
            group by lc.class_code, lc.name_zh, lc.name_en, st.state, ls.name_zh, ls.sort
            order by lc.class_code, ls.sort nulls last
            """;
    }
}
