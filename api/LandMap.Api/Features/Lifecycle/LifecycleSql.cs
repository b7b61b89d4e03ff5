using LandMap.Api.Data;
using LandMap.Api.Domain;

namespace LandMap.Api.Features.Lifecycle;

/// <summary>SQL of the lifecycle: states and events as data, and one parcel's state at a date.</summary>
internal static class LifecycleSql
{
    public const string StateNames = "select state, name_zh, name_en from lifecycle_states order by sort";

    public const string EventKinds = "select kind, name_zh, name_en from lifecycle_event_kinds order by kind";

    /// <summary>The parcel with code {code} on {date}: recorded status, computed state, idle date and rule.</summary>
    public static string ParcelState(SqlParameters p, IdleRules rules, string code, DateOnly date)
    {
        var c = p.Add(code);
        var d = p.Add(date);
        return $"""
            select p.id, p.code, p.park_code, p.status, s.state, s.idle_on, s.idle_rule, p.agreed_start_on,
                   p.actual_start_on, p.halted_on, p.built_area_ratio, p.area_m2,
                   p.start_evidence, p.developed_area_m2, coalesce(p.development_area_m2, p.area_m2::numeric)
            from parcels as p cross join lateral {ParcelStateSql.StateAt(p, rules, "p", d)} as s
            where p.code = {c}
            """;
    }

    /// <summary>Every parcel's state on {date} (optionally of one park), by code: what the map colours by.</summary>
    public static string States(SqlParameters p, IdleRules rules, DateOnly date, string? park)
    {
        var d = p.Add(date);
        var k = p.Add(park, NpgsqlTypes.NpgsqlDbType.Text);
        return $"""
            select p.code, s.state, s.idle_on, s.idle_rule, p.area_m2
            from parcels as p cross join lateral {ParcelStateSql.StateAt(p, rules, "p", d)} as s
            where {k}::text is null or p.park_code = {k}
            order by p.code
            """;
    }

    /// <summary>$1 parcel id: its events, oldest first.</summary>
    public const string Events = "select kind, occurred_on, note from parcel_events where parcel_id = $1 order by occurred_on, kind";
}
