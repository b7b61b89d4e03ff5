using LandMap.Api.Domain;

namespace LandMap.Api.Data;

/// <summary>
/// The parcels' computed <c>state</c> as a column of what the OGC items and tiles read: the same
/// parcel_state_at() call as /api/parcels/states, under the same <see cref="IdleRules"/>, on a date
/// given as a parameter (the zone's today, as <see cref="ZoneClock.Today"/> takes it).
/// </summary>
public static class ParcelStateSql
{
    /// <summary>The catalog's name of the computed property.</summary>
    public const string Property = "state";

    /// <summary>The state a parcel is shown in (map colour, legend and filter totals): the computed
    /// <c>state</c>, the recorded <c>status</c> where there is none (not yet in the lifecycle). Over a
    /// <see cref="Source"/>; the one place this fallback is written.</summary>
    public const string Shown = $"coalesce({Property}, status)";

    /// <summary>The call of parcel_state_at() for the parcels row <paramref name="row"/> on the date
    /// placeholder <paramref name="date"/>, under <paramref name="rules"/>.</summary>
    public static string StateAt(SqlParameters p, IdleRules rules, string row, string date) =>
        $"parcel_state_at({row}, {date}, {p.Add(rules.NotStartedYears)}, {p.Add(rules.BuiltArea.Numerator)}, " +
        $"{p.Add(rules.BuiltArea.Denominator)}, {p.Add(rules.Investment.Numerator)}, {p.Add(rules.Investment.Denominator)}, {p.Add(rules.HaltedYears)}, {p.Add(rules.RecoveryYears)})";

    /// <summary>
    /// <paramref name="source"/> (the parcels table, or a subquery aliased <c>parcels</c> with its
    /// columns) with a <c>state</c> column added (and <c>compliance</c>, <c>noncompliant_rules</c>,
    /// <see cref="ParcelComplianceSql"/>), again aliased <c>parcels</c>, so filters, sortby
    /// and the feature JSON name it like any column. It is a scalar subquery in a simple subquery:
    /// PostgreSQL pulls the subquery up, so a query that never names <c>state</c> never computes it,
    /// and a bbox still narrows by the GiST index before any state is computed.
    /// <paramref name="typedRows"/>: true when the rows are of the parcels type (the table itself);
    /// otherwise each row is made one from its columns (asOf reads; slower, but rare).
    /// </summary>
    public static string Source(SqlParameters p, IdleRules rules, DateOnly date, string source, bool typedRows)
    {
        var row = typedRows ? "parcels" : "jsonb_populate_record(null::parcels, to_jsonb(parcels))";
        var columns = new[] { ParcelComplianceSql.Compliance, ParcelComplianceSql.NoncompliantRules }
            .Select(name => (Name: name, Live: ParcelComplianceSql.Column(p, date, row, name)!))
            .Prepend((Name: Property, Live: Column(p, rules, date, row))).ToList();
        if (!typedRows)
            return $"(select parcels.*, {string.Join(", ", columns.Select(c => $"{c.Live} as {c.Name}"))} from {source}) as parcels";
        // The table itself: the stored today's rows when they are current (ParcelTodaySql), joined by
        // the primary key (the join is dropped by the planner when no column of it is named).
        var current = ParcelTodaySql.Current(p, rules, date);
        var stored = string.Join(", ", columns.Select(c => $"case when {current} then stored_today.{c.Name} else {c.Live} end as {c.Name}"));
        return $"(select parcels.*, {stored} from {source} left join {ParcelTodaySql.Rows(p, date, "stored_today", "parcels.id")}) as parcels";
    }

    /// <summary>The state of the parcels row <paramref name="row"/> on <paramref name="date"/>, as one value.</summary>
    public static string Column(SqlParameters p, IdleRules rules, DateOnly date, string row) =>
        $"(select s.state from {StateAt(p, rules, row, p.Add(date))} as s)";

    /// <summary>The state on <paramref name="date"/> of the parcel whose id is <paramref name="id"/> (an
    /// expression of the outer query): for a query that has already cut its rows to a few (a tile's
    /// budget), so only those are looked up and computed.</summary>
    public static string ById(SqlParameters p, IdleRules rules, DateOnly date, string id) =>
        $"(select s.state from parcels as r cross join lateral {StateAt(p, rules, "r", p.Add(date))} as s where r.id = {id})";

    /// <summary>True for the collection whose items carry the computed state.</summary>
    public static bool Has(CollectionDef c) => c.Properties.Any(d => d.Name == Property && !d.Stored);
}
