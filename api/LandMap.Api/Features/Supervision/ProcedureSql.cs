using LandMap.Api.Data;
using LandMap.Api.Domain;

namespace LandMap.Api.Features.Supervision;

/// <summary>SQL of the idle-land procedure: a parcel's facts on a step's date, the step, the list.</summary>
internal static class ProcedureSql
{
    /// <summary>
    /// The parcel {code} locked for the step (two steps on one parcel wait for each other), with
    /// its state on {date} and the current spell's determination, cause, investigation and fee:
    /// id, state, idle_on, determined_on, cause, government, recoverable_on, investigated_on,
    /// levied, paid, supply_price_wan, last step's date.
    /// </summary>
    public static string Facts(SqlParameters p, IdleRules rules, string code, DateOnly date)
    {
        var c = p.Add(code);
        var d = p.Add(date);
        return $"""
            select p.id, s.state, s.idle_on, s.determined_on, det.cause, coalesce(ic.government, false), s.recoverable_on,
                   (select max(e.occurred_on) from parcel_events as e
                    where e.parcel_id = p.id and e.kind = 'idle_investigation' and e.occurred_on between s.idle_on and {d}),
                   (select sum(e.amount_wan) from parcel_events as e
                    where e.parcel_id = p.id and e.kind = 'idle_fee_levied' and e.occurred_on between s.determined_on and {d}),
                   (select sum(e.amount_wan) from parcel_events as e
                    where e.parcel_id = p.id and e.kind = 'idle_fee_paid' and e.occurred_on between s.determined_on and {d}),
                   p.supply_price_wan,
                   (select max(e.occurred_on) from parcel_events as e where e.parcel_id = p.id and e.document_no is not null)
            from parcels as p
            cross join lateral {ParcelStateSql.StateAt(p, rules, "p", d)} as s
            {SpellCause}
            where p.code = {c}
            for update of p
            """;
    }

    /// <summary>The cause (<c>det.cause</c>) and its kind (<c>ic.government</c>) of the determination
    /// of the current spell (<c>s.determined_on</c> of parcel <c>p</c>), as joins.</summary>
    public const string SpellCause = """
        left join lateral (select e.cause from parcel_events as e
                           where e.parcel_id = p.id and e.kind = 'idle_determined' and e.occurred_on = s.determined_on
                           order by e.id desc limit 1) as det on true
        left join idle_causes as ic on ic.code = det.cause
        """;

    /// <summary>The step as a row; the parcel row is touched too, so the step is a new version of the
    /// parcel (its history keeps the one before, its ETag and the collection's change).</summary>
    public const string Insert = """
        with step as (
            insert into parcel_events (parcel_id, kind, occurred_on, document_no, cause, new_agreed_start_on,
                                       new_agreed_completion_on, amount_wan, note, recorded_by)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            returning id, recorded_at
        ), touched as (
            update parcels set updated_by = $10, source = 'procedure' where id = $1 returning version
        )
        select step.id, step.recorded_at, touched.version from step, touched
        """;

    /// <summary>Every event of the parcel {code} in order, with the procedure's details.</summary>
    public const string List = """
        select e.id, e.kind, k.name_zh, k.name_en, e.occurred_on, e.document_no, e.cause, e.new_agreed_start_on,
               e.new_agreed_completion_on, e.amount_wan, e.note, e.recorded_at, e.recorded_by
        from parcels as p
        join parcel_events as e on e.parcel_id = p.id
        join lifecycle_event_kinds as k on k.kind = e.kind
        where p.code = $1
        order by e.occurred_on, k.sort, e.id
        """;

    /// <summary>True when a parcel has the code $1.</summary>
    public const string Exists = "select exists (select from parcels where code = $1)";
}
