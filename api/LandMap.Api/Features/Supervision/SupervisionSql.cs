using LandMap.Api.Data;
using LandMap.Api.Domain;

namespace LandMap.Api.Features.Supervision;

/// <summary>SQL of supervision: the parcels idle on a date or becoming idle within a window.</summary>
internal static class SupervisionSql
{
    /// <summary>
    /// Parcels whose idle spell starts on or before {date} + {within} days (already idle when it
    /// starts on or before {date}), optionally of one park; earliest first.
    /// </summary>
    public static string IdleWarnings(SqlParameters p, IdleRules rules, DateOnly date, int within, string? park)
    {
        var d = p.Add(date);
        var w = p.Add(within);
        var k = p.Add(park, NpgsqlTypes.NpgsqlDbType.Text);
        return $"""
            select p.code, p.park_code, p.name, p.land_user, p.land_use, p.area_m2, s.state, s.idle_rule, s.idle_on,
                   p.agreed_start_on, p.actual_start_on, p.halted_on
            from parcels as p cross join lateral {ParcelStateSql.StateAt(p, rules, "p", d)} as s
            where s.idle_on <= {d} + {w} and ({k}::text is null or p.park_code = {k})
            order by s.idle_on, p.code
            """;
    }

    /// <summary>
    /// Every supplied parcel not recovered on {date} (optionally of one park) with what the lists of
    /// <see cref="SupervisionLists"/> read: the contract's dates (the agreed start as the latest
    /// agreement set it), the state and idle spell by the rule, and the spell's procedure so far
    /// (determination and its cause, investigation, fee levied and paid, an Article 12 disposal).
    /// </summary>
    public static string Watch(SqlParameters p, IdleRules rules, DateOnly date, string? park)
    {
        var d = p.Add(date);
        var k = p.Add(park, NpgsqlTypes.NpgsqlDbType.Text);
        // The states of today are read from the stored rows when current (ParcelTodaySql): the
        // watched parcels are found without computing every parcel's state.
        return ParcelTodaySql.StoredOrLive(p, rules, date, (states, branch) => $"""
            select p.code, p.park_code, p.name, p.land_user, p.land_use, p.area_m2, p.supply_price_wan,
                   coalesce(ev.new_start, p.agreed_start_on), p.actual_start_on, coalesce(ev.new_completion, p.agreed_completion_on),
                   p.actual_completion_on, s.state, s.idle_rule, s.idle_on, s.determined_on, s.recoverable_on,
                   det.cause, coalesce(ic.government, false), ev.investigated_on, ev.levied_wan, ev.levied_on, ev.paid_wan, ev.disposed_on
            from parcels as p
            {states}
            {ProcedureSql.SpellCause}
            cross join lateral (
                select max(e.occurred_on) filter (where e.kind = 'idle_investigation' and e.occurred_on >= s.idle_on) as investigated_on,
                       sum(e.amount_wan) filter (where e.kind = 'idle_fee_levied' and e.occurred_on >= s.determined_on) as levied_wan,
                       max(e.occurred_on) filter (where e.kind = 'idle_fee_levied' and e.occurred_on >= s.determined_on) as levied_on,
                       sum(e.amount_wan) filter (where e.kind = 'idle_fee_paid' and e.occurred_on >= s.determined_on) as paid_wan,
                       max(e.occurred_on) filter (where e.kind in ('extension_agreed', 'use_adjusted', 'temporary_use', 'land_swapped',
                                                                   'recovered_with_compensation') and e.occurred_on >= s.determined_on) as disposed_on,
                       (array_agg(e.new_agreed_start_on order by e.occurred_on desc, e.id desc)
                           filter (where e.new_agreed_start_on is not null))[1] as new_start,
                       (array_agg(e.new_agreed_completion_on order by e.occurred_on desc, e.id desc)
                           filter (where e.new_agreed_completion_on is not null))[1] as new_completion
                from parcel_events as e where e.parcel_id = p.id and e.occurred_on <= {d}
            ) as ev
            where s.state in ('supplied_unused', 'suspected_idle', 'idle', 'in_use', 'under_used', 'low_efficiency')
              and ({k}::text is null or p.park_code = {k}) and {branch}
            """) + "\norder by 1";
    }
}
