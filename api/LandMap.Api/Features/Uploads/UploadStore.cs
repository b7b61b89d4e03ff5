using System.Threading.Channels;
using LandMap.Api.Domain;
using LandMap.Api.Writes;
using Npgsql;
using NpgsqlTypes;

namespace LandMap.Api.Features.Uploads;

/// <summary>
/// The SQL side of an upload, inside the caller's transaction: a temp staging table filled with
/// binary COPY as features pass validation (the <see cref="StoredDataChecks"/> run set-based over
/// it: <see cref="CheckSource.Staging"/>), counts, and the insert/update from staging. Table and column names come from the catalog (never from the file); every value
/// travels as a COPY field or a parameter.
/// </summary>
public sealed class UploadStore(CollectionDef collection)
{
    private readonly UploadColumns columns = UploadColumns.Of(collection);
    private string Table => collection.Table;

    /// <summary>Creates the staging table and copies every feature the channel yields into it; each
    /// one's geometry also goes to <paramref name="overlaps"/> (the file's features are checked against
    /// each other in memory), when given.</summary>
    /// <remarks>No spatial index and no statistics on the staging table: every check over it joins it to an
    /// indexed table (or to the few pairs found in memory), so building them cost more than they saved.</remarks>
    /// <returns>how many features were staged</returns>
    public async Task<int> StageAsync(NpgsqlConnection conn, ChannelReader<StagedFeature[]> batches,
        FileOverlapCandidates? overlaps, CancellationToken ct)
    {
        await ExecuteAsync(conn,
            // replaces: for StoredDataChecks; an upload writes over stored rows by code (upsert), never by id.
            $"create temp table upload_staging on commit drop as select 0::integer as idx, {columns.List}, geom, null::bigint as replaces from {Table} with no data", ct);
        var types = columns.DbTypes;
        var count = 0;
        NetTopologySuite.IO.PostGisWriter? fallback = null;
        await using (var writer = await conn.BeginBinaryImportAsync(
            $"copy upload_staging (idx, {columns.List}, geom) from stdin (format binary)", ct))
        {
            writer.Timeout = FileStatements.Timeout;
            await foreach (var batch in batches.ReadAllAsync(ct))
            foreach (var f in batch)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(f.Index, NpgsqlDbType.Integer, ct);
                for (var i = 0; i < types.Length; i++)
                {
                    if (f.Values[i] is { } v) await writer.WriteAsync(v, types[i], ct);
                    else await writer.WriteNullAsync(ct);
                }
                // Binary COPY sends each field as bytes that the column's type reads: EWKB for geometry
                // (written by the validating worker; a feature staged otherwise is written here).
                var ewkb = f.Ewkb ?? (fallback ??= StagedFeature.EwkbWriter()).Write(f.Geometry);
                await writer.WriteAsync(ewkb, NpgsqlDbType.Bytea, ct);
                overlaps?.Add(f.Index, f.Geometry.EnvelopeInternal, ewkb);
                count++;
            }
            await writer.CompleteAsync(ct);
        }
        return count;
    }

    /// <summary>Serialises writers of the table (readers go on): two uploads cannot both pass the
    /// overlap and code checks and then collide. Taken after staging, so validation runs unlocked.</summary>
    public Task LockAsync(NpgsqlConnection conn, CancellationToken ct) =>
        ExecuteAsync(conn, $"lock table {Table} in share row exclusive mode", ct);

    /// <summary>(to create, to update): staged codes not stored yet, and stored ones.</summary>
    public async Task<(int Create, int Update)> CountAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var counts = (0, 0);
        await ReadAsync(conn, $"""
            select count(*) filter (where p.id is null)::int, count(*) filter (where p.id is not null)::int
            from upload_staging s left join {Table} p on p.code = s.code
            """, r => counts = (r.GetInt32(0), r.GetInt32(1)), ct);
        return counts;
    }

    /// <summary>Most features a dry run's preview draws; the bbox and the count still cover them all.</summary>
    public const int PreviewMax = 2000;

    /// <summary>
    /// Where a checked upload's features would go, for the page to draw before the commit: a GeoJSON
    /// FeatureCollection in lon/lat (CGCS2000, as stored) of the first <see cref="PreviewMax"/> staged
    /// features in file order (properties: featureIndex 0-based, code, update = the code is stored
    /// already), its bbox over all of them, numberMatched and numberReturned.
    /// </summary>
    public async Task<string> PreviewAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var json = "";
        await ReadAsync(conn, $"""
            with shown as (select idx, code, geom from upload_staging order by idx limit {PreviewMax}),
                 extent as (select st_extent(geom) as e, count(*) as n from upload_staging)
            select json_build_object(
              'type', 'FeatureCollection',
              'numberMatched', (select n from extent),
              'numberReturned', (select count(*) from shown),
              'bbox', (select case when e is null then null else json_build_array(st_xmin(e), st_ymin(e), st_xmax(e), st_ymax(e)) end from extent),
              'features', coalesce((select json_agg(json_build_object(
                  'type', 'Feature',
                  'properties', json_build_object('featureIndex', s.idx, 'code', s.code,
                                                  'update', exists (select 1 from {Table} p where p.code = s.code)),
                  'geometry', st_asgeojson(s.geom, 7)::json) order by s.idx) from shown s), '[]'::json))::text
            """, r => json = r.GetString(0), ct);
        return json;
    }

    /// <summary>Insert the new codes and (upsert) replace the stored ones: every writable column
    /// takes the file's value (absent means null); the history triggers keep the earlier version and
    /// <paramref name="source"/>/<paramref name="writtenBy"/> say where the new one came from.</summary>
    /// <remarks>Without <paramref name="updates"/> (no staged code is stored already, as in a checked
    /// create-mode upload) the update and the existence test per row are skipped.</remarks>
    public async Task WriteAsync(NpgsqlConnection conn, string source, string writtenBy, bool updates, CancellationToken ct)
    {
        var set = string.Join(", ", columns.Names.Where(c => c != "code").Select(c => $"{c} = s.{c}"));
        var (stampSet, stampColumns, stampValues) = (", updated_by = $2, source = $1", ", updated_by, source", ", $2, $1");
        var insert = $"""
            insert into {Table} ({columns.List}, geom{stampColumns})
            select {string.Join(", ", columns.Names.Select(c => "s." + c))}, s.geom{stampValues}
            from upload_staging s {(updates ? $"where not exists (select 1 from {Table} p where p.code = s.code)" : "")} order by s.idx
            """;
        string[] statements = updates
            ? [$"update {Table} p set {set}, geom = s.geom{stampSet} from upload_staging s where p.code = s.code", insert]
            : [insert];
        foreach (var sql in statements)
        {
            await using var cmd = Command(sql, conn);
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = source });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = writtenBy });
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private static NpgsqlCommand Command(string sql, NpgsqlConnection conn) =>
        new(sql, conn) { CommandTimeout = (int)FileStatements.Timeout.TotalSeconds };

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = Command(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task ReadAsync(NpgsqlConnection conn, string sql, Action<NpgsqlDataReader> row, CancellationToken ct)
    {
        await using var cmd = Command(sql, conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) row(r);
    }
}
