namespace LandMap.Api.Data;

/// <summary>
/// The parcels' computed <c>compliance</c> and <c>noncompliant_rules</c>: the plan in force on a date
/// (the zone's today, the items' <c>date</c> or the zone date of <c>asOf</c>) checked by
/// parcel_compliance_rules() (Repeatable/parcel_compliance.sql, the one definition of the rules).
/// Like the state they are scalar expressions of the parcels row, so a query that never names them
/// never computes them.
/// </summary>
public static class ParcelComplianceSql
{
    /// <summary>'compliant', 'noncompliant' or 'no_plan'.</summary>
    public const string Compliance = "compliance";

    /// <summary>The failed rules' codes (compliance_rules), comma-separated in the rules' order; '' when none.</summary>
    public const string NoncompliantRules = "noncompliant_rules";

    /// <summary>The expression of the computed property <paramref name="name"/> for the parcels row
    /// <paramref name="row"/> on <paramref name="date"/>; null when <paramref name="name"/> is not one of these.</summary>
    public static string? Column(SqlParameters p, DateOnly date, string row, string name) => name switch
    {
        Compliance => $"parcel_compliance_of(parcel_compliance_rules({row}, {p.Add(date)}))",
        NoncompliantRules => $"coalesce(parcel_compliance_rules({row}, {p.Add(date)}), '')",
        _ => null,
    };

    /// <summary>The alias of <see cref="RulesById"/>'s one column, <c>rules</c>.</summary>
    public const string RulesAlias = "compliance_rules_of";

    /// <summary>A lateral join giving the rules (parcel_compliance_rules) of the parcel whose id is
    /// <paramref name="id"/> once per row, as <see cref="RulesAlias"/>.rules: for a query that has
    /// cut its rows to a few (a tile's budget) and reads both properties, computed once, not twice.
    /// <paramref name="skipWhen"/>: an SQL boolean under which the rules are not computed (null
    /// instead): the stored today's rows answer then.</summary>
    public static string RulesById(SqlParameters p, DateOnly date, string id, string? skipWhen = null) =>
        $"cross join lateral (select {(skipWhen is null ? "" : $"case when {skipWhen} then null else ")}" +
        $"(select parcel_compliance_rules(r, {p.Add(date)}) from parcels as r where r.id = {id}){(skipWhen is null ? "" : " end")} as rules) as {RulesAlias}";

    /// <summary>The computed property <paramref name="name"/> from <see cref="RulesById"/>'s rules; null when not one of these.</summary>
    public static string? FromRules(string name) => name switch
    {
        Compliance => $"parcel_compliance_of({RulesAlias}.rules)",
        NoncompliantRules => $"coalesce({RulesAlias}.rules, '')",
        _ => null,
    };
}
