namespace LandMap.Api.Features.Zone;

/// <summary>SQL of the zone's own questions; the parcel pages themselves come from ItemsSql.</summary>
internal static class ZoneSql
{
    /// <summary>
    /// Parcels within a distance (metres, on the ellipsoid) of the line with a code. The
    /// geometry test in degrees comes first so the GiST index on parcels.geom finds the
    /// candidates (parcels.geom is qualified: inside the subquery a bare geom is the line's); its radius is the distance over the shortest degree of longitude the line
    /// reaches, so it never misses; the geography test then decides exactly.
    /// </summary>
    public static string WithinDistanceOf(string table, string codeParameter, string metresParameter) => $"""
        exists (select 1 from {table} as line where line.code = {codeParameter}
                and st_dwithin(parcels.geom, line.geom, {metresParameter}::float8 / (110000.0 * cos(radians(least(89.0, greatest(abs(st_ymin(line.geom)), abs(st_ymax(line.geom))))))))
                and st_dwithin(parcels.geom::geography, line.geom::geography, {metresParameter}::float8))
        """;

    public const string ParkExists = "select 1 from parks where code = $1";
    public const string RoadExists = "select 1 from roads where code = $1";
    public const string RiverExists = "select 1 from rivers where code = $1";

    /// <summary>Totals of a selection by state; the parcel condition is appended by the caller.</summary>
    public static string AreaByStatus(string condition) => $"""
        select status, count(*)::int, coalesce(sum(area_m2), 0)
        from parcels where {condition}
        group by status order by status
        """;
}
