using System.Globalization;
using LandMap.Api.Domain;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace LandMap.Api.Writes;

/// <summary>
/// The features a <see cref="StoredDataChecks"/> run looks at: a SQL relation with the columns
/// <c>idx, code, park_code, project_code, geom, replaces</c> (the last: the id of the stored row the
/// feature is written over, null for a new feature), and the parameters its text names.
/// </summary>
/// <param name="Relation">The relation's SQL; written here, never taken from a request.</param>
/// <param name="IsFile">Many features of an upload file, also checked against each other.</param>
/// <param name="Bind">Adds the parameters <paramref name="Relation"/> names to one statement.</param>
public sealed record CheckSource(string Relation, bool IsFile, Action<NpgsqlParameterCollection> Bind)
{
    /// <summary>An upload's staging table (filled by the uploads' UploadStore.StageAsync).</summary>
    public static readonly CheckSource Staging = new("upload_staging", IsFile: true, _ => { });

    /// <summary>
    /// One feature of a Part 4 write as a one-row relation of parameters: the same rules as an
    /// upload's without a temp table per edit. <paramref name="replaces"/>: the stored feature a
    /// PUT or PATCH writes over (null for a create), which must not conflict with itself.
    /// </summary>
    public static CheckSource One(UploadColumns columns, StagedFeature feature, long? replaces) => new(
        "(select $1::integer as idx, $2::text as code, $3::text as park_code, $4::text as project_code, $5::geometry as geom, $6::bigint as replaces)",
        IsFile: false,
        p =>
        {
            p.Add(new NpgsqlParameter<int> { TypedValue = feature.Index });
            p.Add(new NpgsqlParameter<string> { TypedValue = feature.Code });
            p.Add(new NpgsqlParameter { Value = columns.ValueOf(feature, "park_code") ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            p.Add(new NpgsqlParameter { Value = columns.ValueOf(feature, "project_code") ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            p.Add(new NpgsqlParameter { Value = feature.Geometry, NpgsqlDbType = NpgsqlDbType.Geometry });
            p.Add(new NpgsqlParameter { Value = (object?)replaces ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        });
}

/// <summary>
/// The checks of written features against stored data, each rule stated once in SQL over a
/// <see cref="CheckSource"/>: uploads run them set-based over their staging table, Part 4 edits over
/// their one feature. Park and project references exist; a code is not stored on another feature;
/// a parcel overlaps no stored parcel (nor, in a file, another of the file). The caller holds the
/// table's write lock, so what passes here still holds when it writes. Parcels also pass the planning
/// gate (<see cref="PlanningGate"/>: no control line or protected area taken by more than
/// <c>encroachmentToleranceM2</c>). One round trip for all rules;
/// table names come from the catalog, values are parameters.
/// </summary>
public sealed class StoredDataChecks(CollectionDef collection, double encroachmentToleranceM2)
{
    /// <summary>Overlaps of at most this many m² (on the ellipsoid) are tolerated (digitising slivers).</summary>
    public const double OverlapToleranceM2 = 1.0;

    /// <param name="Sql">One statement over the source, a problem per row.</param>
    /// <param name="Problem">The problem a row tells.</param>
    /// <param name="Bind">The rule's own parameters, instead of the source's.</param>
    private sealed record Rule(string Sql, Func<NpgsqlDataReader, UploadProblem> Problem, Action<NpgsqlParameterCollection>? Bind = null);

    private readonly UploadColumns columns = UploadColumns.Of(collection);
    private string Table => collection.Table;

    /// <summary>The problems of the features in <paramref name="source"/>, each naming the feature's
    /// index, its code and the field. <paramref name="upsert"/>: a staged feature replaces the stored
    /// one with its code (an upsert upload), so that one neither conflicts with it nor overlaps it.
    /// A file's features are checked against each other by <see cref="MeasureFileOverlapsAsync"/>.</summary>
    public Task<List<UploadProblem>> RunAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CheckSource source,
        bool upsert, CancellationToken ct) =>
        ExecuteAsync(conn, tx, source, Rules(source, upsert).ToList(), ct);

    /// <summary>The overlaps between features of a file (<paramref name="source"/>), among the pairs whose
    /// interiors meet (<see cref="FileOverlapCandidates"/>, found in memory): each pair is intersected and
    /// measured on the ellipsoid here, and one over the tolerance is a problem of the later feature naming
    /// the earlier. PostGIS asks the predicate again, so it has the last word, as for stored parcels.</summary>
    public Task<List<UploadProblem>> MeasureFileOverlapsAsync(NpgsqlConnection conn, CheckSource source,
        IReadOnlyList<FeaturePair> pairs, CancellationToken ct)
    {
        if (pairs.Count == 0) return Task.FromResult(new List<UploadProblem>());
        var tolerance = OverlapToleranceM2.ToString(CultureInfo.InvariantCulture);
        var s = source.Relation;
        Rule rule = new($"""
            select o.idx, o.code, o.other, a.m2, o.x, o.other_idx from (
                select b.idx, b.code, a.code as other, a.idx as other_idx, st_intersection(a.geom, b.geom) as x
                from unnest($1::integer[], $2::integer[]) as c(first, second)
                join {s} a on a.idx = c.first join {s} b on b.idx = c.second
                where st_intersects(a.geom, b.geom) and not st_touches(a.geom, b.geom)) o
            cross join lateral (select st_area(o.x::geography) as m2) a
            where a.m2 > {tolerance} order by o.idx, o.other_idx
            """, r => Overlap(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetFieldValue<Geometry>(4), r.GetInt32(5)),
            p =>
            {
                p.Add(new NpgsqlParameter<int[]> { TypedValue = pairs.Select(x => x.First).ToArray() });
                p.Add(new NpgsqlParameter<int[]> { TypedValue = pairs.Select(x => x.Second).ToArray() });
            });
        return ExecuteAsync(conn, null, source, [rule], ct);
    }

    private static async Task<List<UploadProblem>> ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CheckSource source,
        List<Rule> rules, CancellationToken ct)
    {
        var found = new List<UploadProblem>();
        if (rules.Count == 0) return found;
        await using var batch = new NpgsqlBatch(conn, tx);
        // A file's checks work through the whole file; one feature's keep the connection's timeout.
        if (source.IsFile) batch.Timeout = (int)FileStatements.Timeout.TotalSeconds;
        foreach (var rule in rules)
        {
            var cmd = new NpgsqlBatchCommand(rule.Sql);
            (rule.Bind ?? source.Bind)(cmd.Parameters);
            batch.BatchCommands.Add(cmd);
        }
        await using var r = await batch.ExecuteReaderAsync(ct);
        foreach (var rule in rules)
        {
            while (await r.ReadAsync(ct)) found.Add(rule.Problem(r));
            await r.NextResultAsync(ct);
        }
        return found;
    }

    private IEnumerable<Rule> Rules(CheckSource source, bool upsert)
    {
        var tolerance = OverlapToleranceM2.ToString(CultureInfo.InvariantCulture);
        var s = source.Relation;
        if (columns.Names.Contains("park_code"))
            yield return Reference(s, "park_code", CollectionCatalog.Parks, UploadProblemKind.UnknownPark, "园区", "park");
        if (columns.Names.Contains("project_code"))
            yield return Reference(s, "project_code", CollectionCatalog.Projects, UploadProblemKind.UnknownProject, "项目", "project");
        // In an upsert the stored row with the code is the one replaced: no conflict to look for.
        if (!upsert)
            yield return new($"""
                select s.idx, s.code, p.id from {s} s join {Table} p on p.code = s.code
                where p.id is distinct from s.replaces order by s.idx
                """, r => CodeConflict(r.GetInt32(0), r.GetString(1), r.GetInt64(2), source.IsFile));
        if (collection.Id != CollectionCatalog.Parcels.Id) yield break;

        // Neighbours that only share an edge are the common case, so the interiors are tested first
        // (st_relate with a prepared geometry) and only real overlaps are intersected and measured
        // on the ellipsoid. A feature never overlaps the stored row it replaces.
        yield return new($"""
            select o.idx, o.code, o.other, a.m2, o.x from (
                select s.idx, s.code, p.code as other, st_intersection(s.geom, p.geom) as x
                from {s} s join {Table} p on st_intersects(s.geom, p.geom)
                where not st_touches(s.geom, p.geom) and p.id is distinct from s.replaces
                      {(upsert ? "and p.code <> s.code" : "")}) o
            cross join lateral (select st_area(o.x::geography) as m2) a
            where a.m2 > {tolerance} order by o.idx, o.other
            """, r => Overlap(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetFieldValue<Geometry>(4)));
        yield return new(PlanningGate.Sql(s, encroachmentToleranceM2, upsert), PlanningGate.Finding);
    }

    /// <summary>The feature's <paramref name="column"/> names no stored feature of <paramref name="target"/>.</summary>
    private static Rule Reference(string s, string column, CollectionDef target, UploadProblemKind kind, string zh, string en) => new($"""
        select s.idx, s.code, s.{column} from {s} s
        where s.{column} is not null and not exists (select 1 from {target.Table} t where t.code = s.{column}) order by s.idx
        """, r => new(r.GetInt32(0), r.GetString(1), column, kind,
            $"{zh} {r.GetString(2)} 不存在。", $"No {en} with code {r.GetString(2)}."));

    /// <summary>The code is stored on feature <paramref name="other"/>; a file in create mode is told of upsert.</summary>
    private static UploadProblem CodeConflict(int index, string code, long other, bool file) => file
        ? new(index, code, "code", UploadProblemKind.CodeConflict,
            $"编号 {code} 已存在（创建模式不更新已有要素；更新请用 mode=upsert）。",
            $"Code {code} is already stored (create mode does not update; use mode=upsert).")
        : new(index, code, "code", UploadProblemKind.CodeConflict,
            $"编号 {code} 已被要素 {other} 使用。", $"Code {code} is already used by feature {other}.");

    /// <summary>Feature <paramref name="index"/> overlaps parcel <paramref name="other"/> (a stored one, or
    /// feature <paramref name="otherIndex"/> of the same file) by <paramref name="m2"/> m² in <paramref name="overlap"/>.</summary>
    private static UploadProblem Overlap(int index, string code, string other, double m2, Geometry overlap, int? otherIndex = null)
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
}
