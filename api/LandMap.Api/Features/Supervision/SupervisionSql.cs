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
}
