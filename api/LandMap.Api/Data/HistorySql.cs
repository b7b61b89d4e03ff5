using LandMap.Api.Domain;

namespace LandMap.Api.Data;

/// <summary>
/// SQL of parcel history: every version a parcel has had (the current row and the earlier ones
/// the history trigger kept), and the parcels table as it stood at a moment.
/// </summary>
internal static class HistorySql
{
    /// <summary>All versions of the parcel with code $1, newest first.</summary>
    public const string Versions = """
        select version, updated_at as valid_from, null::timestamptz as valid_to, 'current' as operation,
               updated_by, source, (to_jsonb(p) - 'geom')::text, st_asgeojson(geom, 7, 0)
        from parcels as p where code = $1
        union all
        select version, valid_from, valid_to, operation, changed_by, source, attributes::text, st_asgeojson(geom, 7, 0)
        from parcel_history where attributes ->> 'code' = $1
        order by version desc
        """;

    /// <summary>
    /// The parcels as they stood at the moment of the parameter: current rows written by then,
    /// and the kept versions that were valid then. Aliased "parcels", so every query over the
    /// table runs over it unchanged.
    /// </summary>
    public static string ParcelsAsOf(SqlParameters p, DateTimeOffset asOf)
    {
        var t = p.Add(asOf);
        var columns = CollectionCatalog.Parcels.StoredProperties.Select(c => c.Name).Prepend("id").Append("geom").ToList();
        var kept = columns.Select(c => c switch
        {
            "id" => "h.parcel_id as id",
            "geom" => "h.geom",
            "version" => "h.version",
            "updated_at" => "h.valid_from as updated_at",
            _ => "r." + c,
        });
        return $"""
            (select {string.Join(", ", columns)} from parcels where updated_at <= {t}
             union all
             select {string.Join(", ", kept)}
             from parcel_history as h, jsonb_populate_record(null::parcels, h.attributes) as r
             where h.valid_from <= {t} and h.valid_to > {t}) as parcels
            """;
    }
}
