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

    /// <summary>The same for the parcel whose id is <paramref name="id"/> (a tile's kept rows).</summary>
    public static string? ById(SqlParameters p, DateOnly date, string name, string id) =>
        Column(p, date, "r", name) is { } e ? $"(select {e} from parcels as r where r.id = {id})" : null;
}
