using System.Globalization;
using LandMap.Api.Domain;

namespace LandMap.Api.Data;

/// <summary>
/// The stored today's state and compliance (migration 0048, Repeatable/parcel_today.sql): one row per
/// parcel, as parcel_state_at() and parcel_compliance_rules() give them on the date and idle rules of
/// parcel_today_built, kept by the write path and rebuilt by <see cref="ParcelTodayRefresher"/>.
/// A reader asks <see cref="Current"/> in its own statement, so the answer and the check see one
/// snapshot: stored rows when they are for its date and rules and none is marked stale, the live
/// computation otherwise (a new day before its rebuild, other idle rules, a date in the past).
/// </summary>
public static class ParcelTodaySql
{
    /// <summary>The stored rows' table.</summary>
    public const string Table = "parcel_today";

    /// <summary>The idle rules as text ("1,1/3,1/4,1,2": not started years, built share, investment
    /// share, halted years, recovery years); the database reads it back as parcel_state_at()'s
    /// arguments (parcel_overview_rule()). Stored rows are only read under the same rules.</summary>
    public static string RulesKey(IdleRules r) => ParcelOverview.RulesKey(r);

    /// <summary>True (an SQL boolean, computed once per statement: an uncorrelated subquery) when the
    /// stored rows are <paramref name="date"/>'s under <paramref name="rules"/> and none is stale.</summary>
    public static string Current(SqlParameters p, IdleRules rules, DateOnly date) =>
        $"(select exists (select 1 from parcel_today_built where on_date = {p.Add(date)} and rules = {p.Add(RulesKey(rules))} and not ahead)" +
        " and not exists (select 1 from parcel_today_dirty))";

    /// <summary>The stored rows of <paramref name="date"/> as <paramref name="alias"/>, joined to the parcel
    /// <paramref name="parcelId"/> (for "join ... on"): the table holds today's rows and the next day's.</summary>
    public static string Rows(SqlParameters p, DateOnly date, string alias, string parcelId) =>
        $"{Table} as {alias} on {alias}.parcel_id = {parcelId} and {alias}.on_date = {p.Add(date)}";

    /// <summary>
    /// A query over parcels <c>p</c> with their state columns as <c>s</c> (state, idle_on, idle_rule,
    /// determined_on, recoverable_on), in two branches of which one runs: the stored rows
    /// (<c>s</c> joined from parcel_today) when <see cref="Current"/>,
    /// else the live computation (parcel_state_at() per parcel). <paramref name="body"/> gets the
    /// join of <c>s</c> and the branch's condition to add to its own (and-ed).
    /// </summary>
    public static string StoredOrLive(SqlParameters p, IdleRules rules, DateOnly date, Func<string, string, string> body)
    {
        var current = Current(p, rules, date);
        var live = $"cross join lateral {ParcelStateSql.StateAt(p, rules, "p", p.Add(date))} as s";
        return $"({body($"join {Rows(p, date, "s", "p.id")}", current)})\nunion all\n({body(live, $"not {current}")})";
    }

    /// <summary>Builds every parcel's row as today's ($1 date, $2 rules key; under the refresher's lock).</summary>
    public const string Build = "select parcel_today_build($1, $2)";

    /// <summary>Builds every parcel's row for the next day ahead ($1 date, $2 rules key; no lock).</summary>
    public const string BuildAhead = "select parcel_today_build_ahead($1, $2)";

    /// <summary>Rewrites the next day's rows of the parcels written since they were computed.</summary>
    public const string FoldAhead = "select parcel_today_fold_ahead()";

    /// <summary>The rollover: the next day's rows ($1, held ahead) become today's (under the refresher's lock).</summary>
    public const string TakeOver = "select parcel_today_take_over($1)";

    /// <summary>Rewrites today's rows of the marked parcels and clears the marks (under the refresher's lock).</summary>
    public const string FoldMarked = """
        with taken as (delete from parcel_today_dirty returning parcel_id)
        select parcel_today_write(array(select distinct parcel_id from taken), b.on_date, b.rules)
        from parcel_today_built as b where not b.ahead
        """;
}
