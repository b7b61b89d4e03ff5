using LandMap.Api.Domain;

namespace LandMap.Api.Data;

/// <summary>
/// SQL of the sample-data loader. A whole GeoJSON FeatureCollection goes to PostgreSQL as one
/// jsonb parameter and is inserted set-based: jsonb_populate_record types every property by the
/// table's own column types, so the loader has no per-column conversion code of its own.
/// </summary>
internal static class SampleDataSql
{
    public const string IsLoaded = "select sha256 from data_loads where file = $1";

    public const string RecordLoad = "insert into data_loads (file, sha256, features) values ($1, $2, $3)";

    /// <summary>Insert every feature of $1 (a FeatureCollection) into the collection's table;
    /// $2 is the source recorded on each row. Column names come from the catalog only.</summary>
    public static string InsertFeatures(CollectionDef collection)
    {
        var columns = collection.WritableProperties.Select(p => p.Name).ToList();
        var geometry = collection.GeometryType.StartsWith("Multi", StringComparison.Ordinal)
            ? "st_multi(st_setsrid(st_geomfromgeojson(f -> 'geometry'), 4490))"
            : "st_setsrid(st_geomfromgeojson(f -> 'geometry'), 4490)";
        return $"""
            insert into {collection.Table} ({string.Join(", ", columns)}, geom, source, updated_by)
            select {string.Join(", ", columns.Select(c => "r." + c))}, {geometry}, $2, 'loader'
            from jsonb_array_elements($1::jsonb -> 'features') as f,
                 jsonb_populate_record(null::{collection.Table}, f -> 'properties') as r
            """;
    }

    /// <summary>Lifecycle events carried in each parcel's "events" array.</summary>
    public const string InsertParcelEvents = """
        insert into parcel_events (parcel_id, kind, occurred_on, note, document_no, cause, new_agreed_start_on, amount_wan, recorded_by)
        select p.id, e.kind, e.occurred_on, e.note, e.document_no, e.cause, e.new_agreed_start_on, e.amount_wan, 'loader'
        from jsonb_array_elements($1::jsonb -> 'features') as f
        join parcels as p on p.code = f -> 'properties' ->> 'code'
        cross join lateral jsonb_to_recordset(coalesce(f -> 'properties' -> 'events', '[]'::jsonb))
             as e(kind text, occurred_on date, note text, document_no text, cause text, new_agreed_start_on date, amount_wan numeric)
        """;
}
