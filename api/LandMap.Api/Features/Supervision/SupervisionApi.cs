using System.ComponentModel;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Exports;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LandMap.Api.Features.Supervision;

/// <summary>Supervision of land use at /api/supervision: early warnings of idle land, the idle-land
/// procedure's candidate lists and the supply contracts' warnings; the procedure's steps are
/// events of a parcel (<see cref="ProcedureApi"/>).</summary>
public static class SupervisionApi
{
    private static readonly int[] Windows = [30, 60, 90];

    /// <summary>Maps /api/supervision/idle-warnings.</summary>
    public static RouteGroupBuilder MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/supervision").WithTags("Supervision").ReadsFromReplica();
        api.MapGet("/idle-warnings", IdleWarnings).WithName("idleWarnings")
            .WithSummary("Idle-land early warnings on a date: parcels becoming idle within 30, 60 or 90 days and those already idle, with how long (f=json|csv|xlsx)")
            .Produces(StatusCodes.Status200OK, contentType: TableExport.CsvContentType)
            .Produces(StatusCodes.Status200OK, contentType: TableExport.XlsxContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/idle-candidates", Candidates).WithName("idleCandidates")
            .WithSummary("The idle-land procedure's lists on a date: undetermined (疑似闲置), fees to levy and unpaid, Article 12 disposals pending, two full years without a start (f=json|csv|xlsx)")
            .Produces(StatusCodes.Status200OK, contentType: TableExport.CsvContentType)
            .Produces(StatusCodes.Status200OK, contentType: TableExport.XlsxContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/contract-warnings", ContractWarnings).WithName("contractWarnings")
            .WithSummary("Supply-contract warnings on a date: agreed start coming or passed (违约), a full year or two coming, completion overdue (逾期竣工) (f=json|csv|xlsx)")
            .Produces(StatusCodes.Status200OK, contentType: TableExport.CsvContentType)
            .Produces(StatusCodes.Status200OK, contentType: TableExport.XlsxContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        ProcedureApi.Map(app);
        return api;
    }

    private static async Task<Results<Ok<SupervisionReport>, FileContentHttpResult>> Candidates(
        string? date, string? park, string? f, [Description(ExportLanguages.Description)] string? lang, HttpRequest request, ReadDataSource reads, IdleRules rules, CancellationToken ct)
    {
        var format = Export.Negotiate(request, f);
        var d = ReportParameters.Date("date", date);
        var (rows, k, labels) = await WatchAsync(request, reads, rules, d, park, format, lang, ct);
        var report = new SupervisionReport(d, k, null, SupervisionLists.Candidates(rows, d));
        return await Export.RespondAsync(request.HttpContext.Response, format, report, labels, (x, l) => x.ToTable(l, "闲置土地处置", "Idle land procedure"), $"idle-candidates-{d:yyyy-MM-dd}", ct);
    }

    private static async Task<Results<Ok<SupervisionReport>, FileContentHttpResult>> ContractWarnings(
        string? date, string? within, string? park, string? f, [Description(ExportLanguages.Description)] string? lang, HttpRequest request, ReadDataSource reads, IdleRules rules, CancellationToken ct)
    {
        var format = Export.Negotiate(request, f);
        var d = ReportParameters.Date("date", date);
        var w = Window(within);
        var (rows, k, labels) = await WatchAsync(request, reads, rules, d, park, format, lang, ct);
        var report = new SupervisionReport(d, k, w, SupervisionLists.Warnings(rows, d, w));
        return await Export.RespondAsync(request.HttpContext.Response, format, report, labels, (x, l) => x.ToTable(l, "供地合同预警", "Supply contract warnings"), $"contract-warnings-{d:yyyy-MM-dd}", ct);
    }

    private static int Window(string? within) => within is null ? 90
        : int.TryParse(within, out var n) && Windows.Contains(n) ? n
        : throw new InvalidParameterException("within", $"within must be 30, 60 or 90 (days); got '{within}'");

    private static async Task<(List<WatchRow> Rows, string? Park, ExportLabels? Labels)> WatchAsync(
        HttpRequest request, ReadDataSource reads, IdleRules rules, DateOnly d, string? park, ExportFormat format, string? lang, CancellationToken ct)
    {
        var db = await reads.ForAsync(request.HttpContext, ct);
        await using var q = await ReportScope.OpenAsync(db, park, ct);
        var labels = await ExportLabels.ForAsync(format, lang, request, q.Connection, ct);
        await using var cmd = new NpgsqlCommand { Connection = q.Connection };
        cmd.CommandText = SupervisionSql.Watch(new SqlParameters(cmd), rules, d, q.Park);
        var rows = new List<WatchRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            DateOnly? D(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
            decimal? M(int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);
            rows.Add(new(r.GetString(0), r.GetString(1), S(2), S(3), r.GetString(4), r.GetDouble(5), M(6), D(7), D(8), D(9), D(10),
                S(11), S(12), D(13), D(14), D(15), S(16), r.GetBoolean(17), D(18), M(19), D(20), M(21), D(22)));
        }
        return (rows, q.Park, labels);
    }

    private static async Task<Results<Ok<IdleWarningsReport>, FileContentHttpResult>> IdleWarnings(
        string? date, string? within, string? park, string? f, [Description(ExportLanguages.Description)] string? lang, HttpRequest request, ReadDataSource reads, IdleRules rules, CancellationToken ct)
    {
        var db = await reads.ForAsync(request.HttpContext, ct);
        var format = Export.Negotiate(request, f);
        var d = ReportParameters.Date("date", date);
        var w = Window(within);
        await using var q = await ReportScope.OpenAsync(db, park, ct);
        var (conn, k) = (q.Connection, q.Park);
        var labels = await ExportLabels.ForAsync(format, lang, request, conn, ct);

        var coming = new List<IdleWarning>();
        var idle = new List<IdleWarning>();
        await using (var cmd = new NpgsqlCommand { Connection = conn })
        {
            cmd.CommandText = SupervisionSql.IdleWarnings(new SqlParameters(cmd), rules, d, w, k);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                DateOnly? Date(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
                var idleOn = r.GetFieldValue<DateOnly>(8);
                var days = Math.Abs(d.DayNumber - idleOn.DayNumber);
                var already = idleOn <= d;
                var m2 = r.GetDouble(5);
                var warning = new IdleWarning(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                    r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), Math.Round(m2, 2),
                    Math.Round(m2 / LandArea.SquareMetresPerMu, 2), r.GetString(7), idleOn, days,
                    already ? null : Windows.First(x => days <= x), Date(9), Date(10), Date(11));
                (already ? idle : coming).Add(warning);
            }
        }
        var totals = new Dictionary<string, WarningTotal>();
        foreach (var x in Windows.Where(x => x <= w))
            totals[$"within{x}"] = Total(coming.Where(c => c.Days <= x));
        totals["idle"] = Total(idle);
        var report = new IdleWarningsReport(d, w, k,
            new IdleThresholds(rules.NotStartedYears, rules.BuiltArea.ToString(), rules.Investment.ToString(), rules.HaltedYears), totals, coming, idle);
        return await Export.RespondAsync(request.HttpContext.Response, format, report, labels, (x, l) => x.ToTable(l), $"idle-warnings-{d:yyyy-MM-dd}", ct);
    }

    private static WarningTotal Total(IEnumerable<IdleWarning> warnings)
    {
        var list = warnings.ToList();
        return new(list.Count, Math.Round(list.Sum(x => x.AreaM2) / LandArea.SquareMetresPerMu, 2));
    }
}
