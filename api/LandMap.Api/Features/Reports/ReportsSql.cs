namespace LandMap.Api.Features.Reports;

/// <summary>SQL of the reports. Each parcel counts once per indicator, however many events it had.</summary>
internal static class ReportsSql
{
    /// <summary>$1 event kind, $2 land-use class prefix or null, $3 first day, $4 day after the period.</summary>
    public const string Indicator = """
        select count(*)::int, coalesce(sum(p.area_m2), 0)
        from parcels as p
        where exists (select 1 from parcel_events as e
                      where e.parcel_id = p.id and e.kind = $1 and e.occurred_on >= $3 and e.occurred_on < $4)
          and ($2::text is null or left(p.land_use, 2) = $2)
        """;
}
