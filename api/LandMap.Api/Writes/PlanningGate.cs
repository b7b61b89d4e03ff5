using System.Globalization;
using System.Text.Json;
using LandMap.Api.Auth;
using LandMap.Api.Problems;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace LandMap.Api.Writes;

/// <summary>An admin's <c>override=planning</c> of the planning gate, with the reason recorded.</summary>
public sealed record PlanningOverride(string Reason, string Admin)
{
    /// <summary>The longest reason kept.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>The override a write asks for (query <c>override=planning</c> and <c>reason</c>), or null when it
    /// asks for none. 403 for anyone but an admin; 400 naming the parameter for another value or no reason.
    /// Checked before the write is looked at, so a refused override costs nothing.</summary>
    public static PlanningOverride? From(HttpContext http, string? value, string? reason)
    {
        if (value is null)
            return reason is null ? null : throw new InvalidParameterException("reason", "reason goes with override=planning; without it there is nothing to override");
        if (value != "planning") throw new InvalidParameterException("override", "override must be planning (the planning gate is the only one an admin may override)");
        if (Access.RoleOf(http.User) != Roles.Admin)
            throw new ForbiddenException($"only an admin may override the planning gate; the token of '{http.User.Identity?.Name}' is {Access.RoleOf(http.User)}");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
            throw new InvalidParameterException("reason", $"override=planning needs a reason of 1 to {MaxReasonLength} characters, which is recorded with the write");
        return new PlanningOverride(reason.Trim(), Access.Actor(http));
    }
}

/// <summary>
/// The planning gate of parcel writes (issue 16): a parcel that takes a protected area or
/// encroaches a control line by more than the tolerance (LandMap:Planning:EncroachmentToleranceM2)
/// is refused, each finding naming the feature, the line or area (code, kind, name) and the m² taken.
/// The rule is one set-based statement over the written features (<see cref="StoredDataChecks"/>:
/// an upload's whole staging table at once, or a Part 4 edit's one feature). An admin may override it
/// with a reason: the findings then become warnings and are recorded (planning_overrides).
/// </summary>
public static class PlanningGate
{
    /// <summary>The gate's statement over the check source <paramref name="s"/>: per feature and line or area
    /// taken, idx, code, layer, other code, kind, kind zh/en name, name, m², the overlap.</summary>
    internal static string Sql(string s, double toleranceM2) => $"""
        select o.idx, o.code, o.layer, o.other, o.kind, o.kind_zh, o.kind_en, o.name, a.m2, o.x from (
            select s.idx, s.code, 'control_lines' as layer, l.code as other, l.kind, k.name_zh as kind_zh, k.name_en as kind_en, l.name,
                   st_intersection(s.geom, l.geom) as x
            from {s} s join control_lines l on st_intersects(s.geom, l.geom) join control_line_kinds k on k.code = l.kind
            where not st_touches(s.geom, l.geom)
            union all
            select s.idx, s.code, 'protected_areas', p.code, p.kind, k.name_zh, k.name_en, p.name, st_intersection(s.geom, p.geom)
            from {s} s join protected_areas p on st_intersects(s.geom, p.geom) join protected_area_kinds k on k.code = p.kind
            where not st_touches(s.geom, p.geom)) o
        cross join lateral (select st_area(o.x::geography) as m2) a
        where a.m2 > {toleranceM2.ToString(CultureInfo.InvariantCulture)} order by o.idx, o.layer, o.other
        """;

    /// <summary>One finding of <see cref="Sql"/> as the feature's problem.</summary>
    internal static UploadProblem Finding(NpgsqlDataReader r)
    {
        var (index, code, layer, other, kind, kindZh, kindEn, name, m2) = (r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3),
            r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), r.GetDouble(8));
        var overlap = r.GetFieldValue<Geometry>(9);
        var area = m2.ToString("0.##", CultureInfo.InvariantCulture);
        var line = layer == "control_lines";
        var (kindOf, zh, en) = line
            ? (UploadProblemKind.ControlLineEncroached, $"占用{kindZh} {other}（{name}）{area} 平方米。", $"Encroaches the {kindEn.ToLowerInvariant()} {other} ({name}) by {area} m².")
            : (UploadProblemKind.ProtectedAreaTaken, $"占用{kindZh} {other}（{name}）{area} 平方米。", $"Takes {area} m² of the {kindEn.ToLowerInvariant()} {other} ({name}).");
        var at = overlap.InteriorPoint;
        return new(index, code, "geometry", kindOf, zh, en, [at.X, at.Y], overlap)
        {
            OtherLayer = layer, OtherCode = other, OtherKind = kind, OtherName = name, OverlapM2 = Math.Round(m2, 2),
        };
    }

    /// <summary>True for a finding of the gate.</summary>
    public static bool IsFinding(UploadProblem p) => p.Kind is UploadProblemKind.ControlLineEncroached or UploadProblemKind.ProtectedAreaTaken;

    /// <summary>The problems as they stand under <paramref name="over"/>: without one, unchanged; with one, the
    /// gate's findings become <see cref="UploadProblemKind.PlanningOverridden"/> warnings that keep what they name
    /// and say who overrode them and why. Also the findings overridden, to record.</summary>
    public static (List<UploadProblem> Problems, List<UploadProblem> Overridden) Apply(IReadOnlyList<UploadProblem> problems, PlanningOverride? over)
    {
        if (over is null) return ([.. problems], []);
        var overridden = problems.Where(IsFinding).ToList();
        var result = problems.Where(p => !IsFinding(p)).Concat(overridden.Select(p => p with
        {
            Kind = UploadProblemKind.PlanningOverridden,
            MessageZh = $"{p.MessageZh}管理员 {over.Admin} 已放行，理由：{over.Reason}",
            MessageEn = $"{p.MessageEn} Overridden by the admin {over.Admin}: {over.Reason}",
        })).ToList();
        return (result, overridden);
    }

    /// <summary>Records an override that let <paramref name="findings"/> through (in the write's transaction):
    /// who, when, why, the collection, the upload (null for a Part 4 edit), the features and the findings.</summary>
    public static async Task RecordAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, PlanningOverride over, string collection,
        long? uploadId, IReadOnlyList<UploadProblem> findings, CancellationToken ct)
    {
        if (findings.Count == 0) return;
        await using var cmd = new NpgsqlCommand("""
            insert into planning_overrides (created_by, reason, collection, upload_id, feature_codes, findings)
            values ($1, $2, $3, $4, $5, $6::jsonb)
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = over.Admin });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = over.Reason });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)uploadId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. findings.Select(f => f.Code ?? "").Distinct()] });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(findings.Select(f => new
        {
            code = f.Code, layer = f.OtherLayer, other = f.OtherCode, kind = f.OtherKind, name = f.OtherName, overlapM2 = f.OverlapM2,
        }), UploadJson.Options) });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
