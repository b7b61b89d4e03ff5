using LandMap.Api.Data;
using LandMap.Api.Domain;

namespace LandMap.Api.Features.Planning;

/// <summary>SQL of the compliance report: every failure of every parcel on a date, in one set-based
/// statement over parcel_compliance_failures() (Repeatable/parcel_compliance.sql, the rules' one definition).</summary>
internal static class ComplianceSql
{
    /// <summary>The rules (code, names, colour), in order.</summary>
    public const string Rules = "select code, name_zh, name_en, color from compliance_rules order by sort";

    /// <summary>Rows (rule, parcels) of the rules that apply but could not be checked for want of the parcel's figure
    /// (the stored today's rows when current, ParcelTodaySql; computed per parcel otherwise).</summary>
    public static string NotChecked(SqlParameters p, IdleRules rules, DateOnly date, string? park)
    {
        var current = ParcelTodaySql.Current(p, rules, date);
        var inPark = park is null ? "" : $"and p.park_code = {p.Add(park)}";
        return $"""
            select n.rule, count(*)::int from (
                select t.not_checked from parcels as p join {ParcelTodaySql.Rows(p, date, "t", "p.id")} where {current} {inPark}
                union all
                select array(select parcel_compliance_not_checked(p, {p.Add(date)})) from parcels as p where not {current} {inPark}
            ) as c cross join unnest(c.not_checked) as n (rule)
            group by n.rule
            """;
    }

    /// <summary>Rows (parcel code, name, park, use, use edition, parcel m², rule, ref, plan value, parcel
    /// value, planned use, parcel's use, area m²) of the parcels' failures on <paramref name="date"/>, by
    /// parcel code then rule order; only park <paramref name="park"/> and rule <paramref name="rule"/> when given.
    /// Only the parcels the stored today's rows call noncompliant are checked when those are current
    /// (ParcelTodaySql: a compliant parcel has no failure); every parcel otherwise.</summary>
    public static string Failures(SqlParameters p, IdleRules rules, DateOnly date, string? park, string? rule)
    {
        var where = new List<string>();
        if (park is not null) where.Add($"p.park_code = {p.Add(park)}");
        if (rule is not null) where.Add($"f.rule = {p.Add(rule)}");
        var current = ParcelTodaySql.Current(p, rules, date);
        return $"""
            with checked as (
                select t.parcel_id as id from {ParcelTodaySql.Table} as t where {current} and t.on_date = {p.Add(date)} and t.compliance = 'noncompliant'
                union all
                select p.id from parcels as p where not {current})
            select p.code, p.name, p.park_code, coalesce(p.land_use_approved, p.land_use),
                   case when p.land_use_approved is not null then p.land_use_approved_edition else p.land_use_edition end,
                   p.area_m2, f.rule, f.ref, f.plan_value, f.parcel_value, f.plan_use, f.parcel_use, f.area_m2
            from checked as c
            join parcels as p on p.id = c.id
            cross join lateral parcel_compliance_failures(p, {p.Add(date)}) as f
            join compliance_rules as r on r.code = f.rule
            {(where.Count == 0 ? "" : "where " + string.Join(" and ", where))}
            order by p.code, r.sort, f.ref
            """;
    }

    /// <summary>True when the stored today's rows are current for <paramref name="date"/> (<see cref="ParcelTodaySql.Current"/>).</summary>
    public static string StoredCurrent(SqlParameters p, IdleRules rules, DateOnly date) => $"select {ParcelTodaySql.Current(p, rules, date)}";

    /// <summary>From the stored today's rows (read only when <see cref="StoredCurrent"/>): rows (rule, parcels failing it,
    /// their m²) and one row with a null rule for all noncompliant parcels (each once); only park <paramref name="park"/> when given.</summary>
    public static string StoredTotals(SqlParameters p, DateOnly date, string? park) => $"""
        with failing as (
            select t.noncompliant_rules, p.area_m2 from parcels as p join {ParcelTodaySql.Rows(p, date, "t", "p.id")}
            where t.compliance = 'noncompliant' {(park is null ? "" : $"and p.park_code = {p.Add(park)}")})
        select r.rule, count(*)::int, sum(f.area_m2::numeric)::float8
        from failing as f cross join unnest(string_to_array(f.noncompliant_rules, ',')) as r (rule) group by r.rule
        union all
        select null, count(*)::int, coalesce(sum(area_m2::numeric), 0)::float8 from failing
        """;
}
