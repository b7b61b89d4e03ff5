using System.Globalization;
using System.Threading.Channels;
using LandMap.Api.Features.Collections;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace LandMap.Api.Features.Uploads;

/// <summary>
/// The SQL side of an upload, inside the caller's transaction: a temp staging table filled with
/// binary COPY as features pass validation, set-based checks against stored data (park and
/// project references, code conflicts, parcel overlaps), counts, and the insert/update from
/// staging. Table and column names come from the catalog (never from the file); every value
/// travels as a COPY field or a parameter.
/// </summary>
public sealed class UploadStore(CollectionDef collection)
{
    /// <summary>Overlaps of at most this many m² (on the ellipsoid) are tolerated (digitising slivers).</summary>
    public const double OverlapToleranceM2 = 1.0;

    /// <summary>An upload's statements work through the whole file (the insert of 200,000 parcels takes
    /// tens of seconds on a busy machine), far past Npgsql's 30 s default; cancellation still stops them.</summary>
    public static readonly TimeSpan StatementTimeout = TimeSpan.FromMinutes(30);

    private readonly UploadColumns columns = UploadColumns.Of(collection);
    private string Table => collection.Table;
    private bool IsParcels => collection.Id == CollectionCatalog.Parcels.Id;
    private bool Has(string column) => columns.Names.Contains(column);

    /// <summary>Creates the staging table and copies every feature the channel yields into it.</summary>
    /// <returns>how many features were staged</returns>
    public async Task<int> StageAsync(NpgsqlConnection conn, ChannelReader<StagedFeature[]> batches, CancellationToken ct)
    {
        await ExecuteAsync(conn,
            $"create temp table upload_staging on commit drop as select 0::integer as idx, {columns.List}, geom from {Table} with no data", ct);
        var types = columns.Properties.Select(p => p.Type switch
        {
            PropertyType.Date => NpgsqlDbType.Date,
            PropertyType.Number or PropertyType.Integer => NpgsqlDbType.Numeric,
            _ => NpgsqlDbType.Text,
        }).ToArray();
        var count = 0;
        await using (var writer = await conn.BeginBinaryImportAsync(
            $"copy upload_staging (idx, {columns.List}, geom) from stdin (format binary)", ct))
        {
            writer.Timeout = StatementTimeout;
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
                await writer.WriteAsync(f.Geometry, NpgsqlDbType.Geometry, ct);
                count++;
            }
            await writer.CompleteAsync(ct);
        }
        await ExecuteAsync(conn, "create index on upload_staging using gist (geom)", ct);
        await ExecuteAsync(conn, "create index on upload_staging (code)", ct);
        await ExecuteAsync(conn, "analyze upload_staging", ct);
        return count;
    }

    /// <summary>Serialises writers of the table (readers go on): two uploads cannot both pass the
    /// overlap and code checks and then collide. Taken after staging, so validation runs unlocked.</summary>
    public Task LockAsync(NpgsqlConnection conn, CancellationToken ct) =>
        ExecuteAsync(conn, $"lock table {Table} in share row exclusive mode", ct);

    /// <summary>The set-based checks; each problem names the feature's index, its code and the field.</summary>
    public async Task<List<UploadProblem>> CheckAsync(NpgsqlConnection conn, bool upsert, CancellationToken ct)
    {
        var found = new List<UploadProblem>();
        if (Has("park_code"))
            await ReadAsync(conn, """
                select s.idx, s.code, s.park_code from upload_staging s
                where not exists (select 1 from parks k where k.code = s.park_code) order by s.idx
                """, r => found.Add(new(r.GetInt32(0), r.GetString(1), "park_code", UploadProblemKind.UnknownPark,
                    $"园区 {r.GetString(2)} 不存在。", $"No park with code {r.GetString(2)}.")), ct);
        if (Has("project_code"))
            await ReadAsync(conn, """
                select s.idx, s.code, s.project_code from upload_staging s
                where s.project_code is not null and not exists (select 1 from projects j where j.code = s.project_code) order by s.idx
                """, r => found.Add(new(r.GetInt32(0), r.GetString(1), "project_code", UploadProblemKind.UnknownProject,
                    $"项目 {r.GetString(2)} 不存在。", $"No project with code {r.GetString(2)}.")), ct);
        if (!upsert)
            await ReadAsync(conn, $"""
                select s.idx, s.code from upload_staging s join {Table} p on p.code = s.code order by s.idx
                """, r => found.Add(new(r.GetInt32(0), r.GetString(1), "code", UploadProblemKind.CodeConflict,
                    $"编号 {r.GetString(1)} 已存在（创建模式不更新已有要素；更新请用 mode=upsert）。",
                    $"Code {r.GetString(1)} is already stored (create mode does not update; use mode=upsert).")), ct);
        if (IsParcels) await CheckOverlapsAsync(conn, upsert, found, ct);
        return found;
    }

    // Overlaps with stored parcels (the same code is the parcel being replaced in upsert mode), then
    // within the file. Neighbours that only share an edge are the common case, so the interiors are
    // tested first (st_relate with a prepared geometry) and only real overlaps are intersected and
    // measured on the ellipsoid.
    private static async Task CheckOverlapsAsync(NpgsqlConnection conn, bool upsert, List<UploadProblem> found, CancellationToken ct)
    {
        var tolerance = OverlapToleranceM2.ToString(CultureInfo.InvariantCulture);
        var stored = $"""
            select o.idx, o.code, o.other, a.m2, o.x from (
                select s.idx, s.code, p.code as other, st_intersection(s.geom, p.geom) as x
                from upload_staging s join parcels p on st_intersects(s.geom, p.geom)
                where not st_touches(s.geom, p.geom) {(upsert ? "and p.code <> s.code" : "")}) o
            cross join lateral (select st_area(o.x::geography) as m2) a
            where a.m2 > {tolerance} order by o.idx, o.other
            """;
        await ReadAsync(conn, stored, r => found.Add(Overlap(r, withinFile: false)), ct);
        var within = $"""
            select o.idx, o.code, o.other, a.m2, o.x, o.other_idx from (
                select b.idx, b.code, a.code as other, a.idx as other_idx, st_intersection(a.geom, b.geom) as x
                from upload_staging a join upload_staging b on a.idx < b.idx and st_intersects(a.geom, b.geom)
                where not st_touches(a.geom, b.geom)) o
            cross join lateral (select st_area(o.x::geography) as m2) a
            where a.m2 > {tolerance} order by o.idx, o.other_idx
            """;
        await ReadAsync(conn, within, r => found.Add(Overlap(r, withinFile: true)), ct);
    }

    private static UploadProblem Overlap(NpgsqlDataReader r, bool withinFile) =>
        Overlap(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetFieldValue<Geometry>(4),
            withinFile ? r.GetInt32(5) : null);

    /// <summary>Feature <paramref name="index"/> overlaps parcel <paramref name="other"/> (a stored one, or
    /// feature <paramref name="otherIndex"/> of the same file) by <paramref name="m2"/> m² in <paramref name="overlap"/>.
    /// Uploads and Part 4 edits report overlaps alike.</summary>
    public static UploadProblem Overlap(int index, string code, string other, double m2, Geometry overlap, int? otherIndex = null)
    {
        var area = m2.ToString("0.##", CultureInfo.InvariantCulture);
        var zh = otherIndex is { } i ? $"与文件中的地块 {other}（要素 {i}）重叠 {area} 平方米。" : $"与已有地块 {other} 重叠 {area} 平方米。";
        var en = otherIndex is { } j ? $"Overlaps parcel {other} of the file (feature {j}) by {area} m²." : $"Overlaps the stored parcel {other} by {area} m².";
        var at = overlap.InteriorPoint;
        return new(index, code, "geometry", UploadProblemKind.Overlap, zh, en, [at.X, at.Y], overlap)
        {
            OtherCode = other,
            OverlapM2 = Math.Round(m2, 2),
        };
    }

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
        new(sql, conn) { CommandTimeout = (int)StatementTimeout.TotalSeconds };

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
