using System.Globalization;
using System.Text.Json;
using LandMap.Api.Features.Collections;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace LandMap.Api.Features.Uploads;

/// <summary>A valid feature ready for staging: storage geometry and the file's properties.</summary>
public sealed record StagedFeature(int Index, string Code, Geometry Geometry, IReadOnlyDictionary<string, JsonElement> Properties);

/// <summary>
/// The SQL side of a parcel upload, inside the caller's transaction: a temp staging table filled
/// with binary COPY, set-based checks against stored data (park and project references, code
/// conflicts, overlaps), counts, and the insert/update from staging. Column names come from the
/// catalog (never from the file); every value travels as a COPY field or a parameter.
/// </summary>
public static class ParcelUploadStore
{
    /// <summary>Overlaps of at most this many m² (on the ellipsoid) are tolerated (digitising slivers).</summary>
    public const double OverlapToleranceM2 = 1.0;

    private static readonly string[] Columns = CollectionCatalog.Parcels.WritableProperties.Select(p => p.Name).ToArray();
    private static readonly Dictionary<string, PropertyType> Types =
        CollectionCatalog.Parcels.WritableProperties.ToDictionary(p => p.Name, p => p.Type);
    private static string ColumnList => string.Join(", ", Columns);

    public static async Task StageAsync(NpgsqlConnection conn, IReadOnlyList<StagedFeature> features, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand(
            $"create temp table upload_staging on commit drop as select 0::integer as idx, {ColumnList}, geom from parcels with no data", conn))
            await create.ExecuteNonQueryAsync(ct);

        await using (var writer = await conn.BeginBinaryImportAsync(
            $"copy upload_staging (idx, {ColumnList}, geom) from stdin (format binary)", ct))
        {
            foreach (var f in features)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(f.Index, NpgsqlDbType.Integer, ct);
                foreach (var column in Columns)
                {
                    if (!f.Properties.TryGetValue(column, out var v) || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                    {
                        await writer.WriteNullAsync(ct);
                        continue;
                    }
                    switch (Types[column])
                    {
                        case PropertyType.Date:
                            await writer.WriteAsync(DateOnly.ParseExact(v.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date, ct);
                            break;
                        case PropertyType.Number or PropertyType.Integer:
                            await writer.WriteAsync(v.GetDecimal(), NpgsqlDbType.Numeric, ct);
                            break;
                        default:
                            await writer.WriteAsync(v.GetString()!, NpgsqlDbType.Text, ct);
                            break;
                    }
                }
                await writer.WriteAsync(f.Geometry, NpgsqlDbType.Geometry, ct);
            }
            await writer.CompleteAsync(ct);
        }
        foreach (var sql in new[] { "create index on upload_staging using gist (geom)", "create index on upload_staging (code)", "analyze upload_staging" })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The set-based checks; each problem names the feature's index, its code and the field.</summary>
    public static async Task<List<UploadProblem>> CheckAsync(NpgsqlConnection conn, bool upsert, CancellationToken ct)
    {
        var found = new List<UploadProblem>();
        await ReadAsync(conn, """
            select s.idx, s.code, s.park_code from upload_staging s
            where not exists (select 1 from parks k where k.code = s.park_code) order by s.idx
            """, r => found.Add(new(r.GetInt32(0), r.GetString(1), "park_code", UploadProblemKind.UnknownPark,
                $"园区 {r.GetString(2)} 不存在。", $"No park with code {r.GetString(2)}.")), ct);
        await ReadAsync(conn, """
            select s.idx, s.code, s.project_code from upload_staging s
            where s.project_code is not null and not exists (select 1 from projects j where j.code = s.project_code) order by s.idx
            """, r => found.Add(new(r.GetInt32(0), r.GetString(1), "project_code", UploadProblemKind.UnknownProject,
                $"项目 {r.GetString(2)} 不存在。", $"No project with code {r.GetString(2)}.")), ct);
        if (!upsert)
            await ReadAsync(conn, """
                select s.idx, s.code, p.id from upload_staging s join parcels p on p.code = s.code order by s.idx
                """, r => found.Add(new(r.GetInt32(0), r.GetString(1), "code", UploadProblemKind.CodeConflict,
                    $"编号 {r.GetString(1)} 已存在（创建模式不更新已有地块；更新请用 mode=upsert）。",
                    $"Code {r.GetString(1)} is already stored (create mode does not update; use mode=upsert).")), ct);

        // Overlaps with stored parcels (the same code is the parcel being replaced in upsert mode),
        // then within the file; the overlap's area on the ellipsoid, its geometry as where.
        var stored = $"""
            select o.idx, o.code, o.other, a.m2, o.x from (
                select s.idx, s.code, p.code as other, st_intersection(s.geom, p.geom) as x
                from upload_staging s join parcels p on st_intersects(s.geom, p.geom)
                {(upsert ? "where p.code <> s.code" : "")}) o
            cross join lateral (select st_area(o.x::geography) as m2) a
            where a.m2 > {OverlapToleranceM2.ToString(CultureInfo.InvariantCulture)} order by o.idx, o.other
            """;
        await ReadAsync(conn, stored, r => found.Add(Overlap(r, withinFile: false)), ct);
        var within = $"""
            select o.idx, o.code, o.other, a.m2, o.x, o.other_idx from (
                select b.idx, b.code, a.code as other, a.idx as other_idx, st_intersection(a.geom, b.geom) as x
                from upload_staging a join upload_staging b on a.idx < b.idx and st_intersects(a.geom, b.geom)) o
            cross join lateral (select st_area(o.x::geography) as m2) a
            where a.m2 > {OverlapToleranceM2.ToString(CultureInfo.InvariantCulture)} order by o.idx, o.other_idx
            """;
        await ReadAsync(conn, within, r => found.Add(Overlap(r, withinFile: true)), ct);
        return found;
    }

    private static UploadProblem Overlap(NpgsqlDataReader r, bool withinFile)
    {
        var (idx, code, other, m2) = (r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetDouble(3));
        var x = r.GetFieldValue<Geometry>(4);
        var area = m2.ToString("0.##", CultureInfo.InvariantCulture);
        var zh = withinFile ? $"与文件中的地块 {other}（要素 {r.GetInt32(5)}）重叠 {area} 平方米。" : $"与已有地块 {other} 重叠 {area} 平方米。";
        var en = withinFile ? $"Overlaps parcel {other} of the file (feature {r.GetInt32(5)}) by {area} m²." : $"Overlaps the stored parcel {other} by {area} m².";
        return new(idx, code, "geometry", UploadProblemKind.Overlap, zh, en, [x.InteriorPoint.X, x.InteriorPoint.Y], x)
        {
            OtherCode = other,
            OverlapM2 = Math.Round(m2, 2),
        };
    }

    /// <summary>(to create, to update): staged codes not stored yet, and stored ones.</summary>
    public static async Task<(int Create, int Update)> CountAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select count(*) filter (where p.id is null)::int, count(*) filter (where p.id is not null)::int
            from upload_staging s left join parcels p on p.code = s.code
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt32(0), r.GetInt32(1));
    }

    /// <summary>Insert the new codes and (upsert) replace the stored ones: every writable column
    /// takes the file's value (absent means null), so the history trigger keeps the earlier version.</summary>
    public static async Task WriteAsync(NpgsqlConnection conn, string source, CancellationToken ct)
    {
        var set = string.Join(", ", Columns.Where(c => c != "code").Select(c => $"{c} = s.{c}"));
        string[] statements =
        [
            $"""
            update parcels p set {set}, geom = s.geom, updated_by = 'token', source = $1
            from upload_staging s where p.code = s.code
            """,
            $"""
            insert into parcels ({ColumnList}, geom, updated_by, source)
            select {string.Join(", ", Columns.Select(c => "s." + c))}, s.geom, 'token', $1
            from upload_staging s where not exists (select 1 from parcels p where p.code = s.code) order by s.idx
            """,
        ];
        foreach (var sql in statements)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = source });
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task ReadAsync(NpgsqlConnection conn, string sql, Action<NpgsqlDataReader> row, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) row(r);
    }
}
