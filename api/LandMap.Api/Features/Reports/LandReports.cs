using LandMap.Api.Data;
using LandMap.Api.Domain;
using Npgsql;

namespace LandMap.Api.Features.Reports;

/// <summary>Runs the report SQL and shapes the rows; the routes only parse and choose the format.</summary>
internal static class LandReports
{
    /// <summary>An indicator's value in one year and park (park null: the whole zone, or the park asked for).</summary>
    public sealed record IndicatorCell(int Year, string? Park, int Parcels, double AreaM2);

    /// <summary>Every indicator's cells for the years from..to, per park and in total, optionally of one park.</summary>
    public static async Task<Dictionary<string, List<IndicatorCell>>> IndicatorsAsync(
        NpgsqlConnection conn, int from, int to, string? park, CancellationToken ct)
    {
        var cells = new Dictionary<string, List<IndicatorCell>>();
        foreach (var def in LandIndicators.All)
        {
            await using var cmd = new NpgsqlCommand(ReportsSql.IndicatorByYear, conn);
            cmd.Parameters.Add(new() { Value = def.EventKind });
            cmd.Parameters.Add(new() { Value = (object?)def.LandUseClass ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            cmd.Parameters.Add(new() { Value = from });
            cmd.Parameters.Add(new() { Value = to });
            cmd.Parameters.Add(new() { Value = (object?)park ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            var list = cells[def.Key] = [];
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var total = r.GetInt32(2) == 1;
                if (!total && r.IsDBNull(1)) continue; // a year without hits: only its total row counts
                list.Add(new(r.GetInt32(0), total ? null : r.GetString(1), r.GetInt32(3), r.GetDouble(4)));
            }
        }
        return cells;
    }

    /// <summary>An indicator's value from a cell (zeros when there is none).</summary>
    public static IndicatorValue Value(IndicatorDef def, IndicatorCell? cell, int year, bool withReported) =>
        new(def.Key, def.NameZh, def.NameEn, def.EventKind, def.LandUseClass, cell?.Parcels ?? 0,
            Math.Round(cell?.AreaM2 ?? 0, 2), LandArea.Mu(cell?.AreaM2 ?? 0),
            withReported && LandIndicators.Reported.TryGetValue((year, def.Key), out var r) ? r : null);

    /// <summary>Every park's evaluation on a date and the zone's (last).</summary>
    public static async Task<List<ParkEvaluation>> EvaluateAsync(
        NpgsqlConnection conn, IdleRules rules, IReadOnlyList<ParkName> parks, DateOnly date, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand { Connection = conn };
        cmd.CommandText = ReportsSql.ParkEvaluation(new SqlParameters(cmd), rules, date);
        var rows = new Dictionary<string, double[]>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                rows[r.IsDBNull(0) ? "" : r.GetString(0)] = [.. Enumerable.Range(1, 10).Select(r.GetDouble)];
        }
        var list = parks.Select(p => Evaluation(p.Code, p.NameZh, p.NameEn, p.AreaM2, rows.GetValueOrDefault(p.Code))).ToList();
        list.Add(Evaluation(null, "全区", "Whole zone", parks.Sum(p => p.AreaM2), rows.GetValueOrDefault("")));
        return list;
    }

    private static ParkEvaluation Evaluation(string? code, string zh, string en, double parkM2, double[]? v)
    {
        v ??= new double[10];
        var (approved, supplied, built) = (v[0], v[1], v[2]);
        return new(code, zh, en, LandArea.Mu(parkM2),
            LandArea.Mu(approved), LandArea.Mu(supplied), LandArea.Mu(built),
            LandArea.Mu(v[3]), LandArea.Mu(v[4]), LandArea.Mu(v[5]),
            Rate(approved, parkM2), Rate(supplied, approved), Rate(built, supplied),
            v[7] > 0 ? Math.Round(v[6] / v[7], 2) : null,
            // 万元 over mu and over hectares (15 mu): the base area in m2 turned into each.
            v[9] > 0 ? Math.Round(v[8] / (v[9] / LandArea.SquareMetresPerMu), 2) : null,
            v[9] > 0 ? Math.Round(v[8] / (v[9] / SquareMetresPerHectare), 2) : null);
    }

    private const double SquareMetresPerHectare = 10000;

    private static double? Rate(double part, double whole) => whole > 0 ? Math.Round(part / whole, 4) : null;

    /// <summary>Parcels by land-use class and state on a date.</summary>
    public static async Task<List<LandUseClassArea>> LandUseAsync(
        NpgsqlConnection conn, IdleRules rules, DateOnly date, string? park, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand { Connection = conn };
        cmd.CommandText = ReportsSql.LandUseByClass(new SqlParameters(cmd), rules, date, park);
        var rows = new List<(string Class, string Zh, string En, ClassStateArea State)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var m2 = r.GetDouble(6);
                rows.Add((r.GetString(0), r.GetString(1), r.GetString(2), new(r.IsDBNull(3) ? null : r.GetString(3),
                    r.IsDBNull(4) ? null : r.GetString(4), r.GetInt32(5), Math.Round(m2, 2), LandArea.Mu(m2))));
            }
        }
        return [.. rows.GroupBy(x => (x.Class, x.Zh, x.En)).Select(g =>
        {
            var m2 = g.Sum(x => x.State.AreaM2);
            return new LandUseClassArea(g.Key.Class, g.Key.Zh, g.Key.En, g.Sum(x => x.State.Parcels),
                Math.Round(m2, 2), LandArea.Mu(m2), [.. g.Select(x => x.State)]);
        })];
    }
}
