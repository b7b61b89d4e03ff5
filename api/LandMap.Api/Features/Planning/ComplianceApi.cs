using System.ComponentModel;
using LandMap.Api.Auth;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Exports;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LandMap.Api.Features.Planning;

/// <summary>The parcels checked against the plan at /api/planning/compliance: the noncompliant parcels
/// with each failed rule's figures, and the totals by rule in mu (f=json|csv|xlsx).</summary>
public static class ComplianceApi
{
    private const string AsOfDescription = "The day whose plan is checked (YYYY-MM-DD; plan zones in force then, control lines approved and protected areas designated by then); default the zone's today.";

    /// <summary>Maps /api/planning/compliance and /api/planning/compliance/totals.</summary>
    public static RouteGroupBuilder MapComplianceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/planning").WithTags("Planning").ReadsFromReplica()
            .ReadsCollections(CollectionCatalog.Parcels.Id, CollectionCatalog.PlanZones.Id, CollectionCatalog.ControlLines.Id, CollectionCatalog.ProtectedAreas.Id);
        api.MapGet("/compliance", Report).WithName("planningCompliance")
            .WithSummary("Parcels that fail the plan in force (use, plot ratio, density, green ratio, control lines, protected areas, 国土资发〔2008〕24号 industrial controls), each failure with the plan's and the parcel's figures and the area concerned (f=json|csv|xlsx)")
            .Produces(StatusCodes.Status200OK, contentType: TableExport.CsvContentType)
            .Produces(StatusCodes.Status200OK, contentType: TableExport.XlsxContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/compliance/totals", Totals).WithName("planningComplianceTotals")
            .WithSummary("Per compliance rule: the parcels failing it and their area in mu (each parcel once per rule; f=json|csv|xlsx)")
            .Produces(StatusCodes.Status200OK, contentType: TableExport.CsvContentType)
            .Produces(StatusCodes.Status200OK, contentType: TableExport.XlsxContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    private static async Task<Results<Ok<ComplianceReport>, FileContentHttpResult>> Report(
        [Description("A rule code (GET /api/vocabulary, complianceRules): only the parcels failing it")] string? rule,
        [Description("A park code: only its parcels")] string? park,
        [Description(AsOfDescription)] string? asOf, string? f, [Description(ExportLanguages.Description)] string? lang,
        HttpRequest request, ReadDataSource reads, IdleRules idle, CancellationToken ct)
    {
        var format = Export.Negotiate(request, f);
        var d = ReportParameters.Date("asOf", asOf);
        var (report, _, labels) = await ReadAsync(request, reads, idle, d, park, rule, format, lang, ct);
        return await Export.RespondAsync(request.HttpContext.Response, format, report, labels, (x, l) => x.ToTable(l), $"compliance-{d:yyyy-MM-dd}", ct);
    }

    private static async Task<Results<Ok<ComplianceTotals>, FileContentHttpResult>> Totals(
        [Description("A park code: only its parcels")] string? park,
        [Description(AsOfDescription)] string? asOf, string? f, [Description(ExportLanguages.Description)] string? lang,
        HttpRequest request, ReadDataSource reads, IdleRules idle, CancellationToken ct)
    {
        var format = Export.Negotiate(request, f);
        var d = ReportParameters.Date("asOf", asOf);
        var db = await reads.ForAsync(request.HttpContext, ct);
        if (await StoredTotalsAsync(request, db, idle, d, park, format, lang, ct) is { } stored)
            return await Export.RespondAsync(request.HttpContext.Response, format, stored.Totals, stored.Labels, (x, l) => x.ToTable(l), $"compliance-totals-{d:yyyy-MM-dd}", ct);
        var (report, rules, labels) = await ReadAsync(request, reads, idle, d, park, null, format, lang, ct);
        var notChecked = new Dictionary<string, int>();
        await using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = ComplianceSql.NotChecked(new SqlParameters(cmd), idle, d, report.Park);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) notChecked[r.GetString(0)] = r.GetInt32(1);
        }
        return await Export.RespondAsync(request.HttpContext.Response, format, report.Totals(rules, notChecked), labels, (x, l) => x.ToTable(l), $"compliance-totals-{d:yyyy-MM-dd}", ct);
    }

    /// <summary>The totals from the stored today's rows (ParcelTodaySql) when they are current for <paramref name="d"/>:
    /// per rule the parcels failing it and their area, without checking every parcel again; null otherwise.</summary>
    private static async Task<(ComplianceTotals Totals, ExportLabels? Labels)?> StoredTotalsAsync(HttpRequest request, NpgsqlDataSource db,
        IdleRules idle, DateOnly d, string? park, ExportFormat format, string? lang, CancellationToken ct)
    {
        await using var q = await ReportScope.OpenAsync(db, park, ct);
        await using var tx = await q.Connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct); // one snapshot for the check and the sums
        await using (var check = new NpgsqlCommand { Connection = q.Connection, Transaction = tx })
        {
            check.CommandText = ComplianceSql.StoredCurrent(new SqlParameters(check), idle, d);
            if (!(bool)(await check.ExecuteScalarAsync(ct))!) return null;
        }
        var labels = await ExportLabels.ForAsync(format, lang, request, q.Connection, ct);
        var rules = await RulesAsync(q.Connection, ct);
        var byRule = new Dictionary<string, (int Parcels, double M2)>();
        (int Parcels, double M2) all = (0, 0);
        await using (var cmd = new NpgsqlCommand { Connection = q.Connection, Transaction = tx })
        {
            cmd.CommandText = ComplianceSql.StoredTotals(new SqlParameters(cmd), d, q.Park);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                if (r.IsDBNull(0)) all = (r.GetInt32(1), r.GetDouble(2));
                else byRule[r.GetString(0)] = (r.GetInt32(1), r.GetDouble(2));
            }
        }
        var notChecked = new Dictionary<string, int>();
        await using (var cmd = new NpgsqlCommand { Connection = q.Connection, Transaction = tx })
        {
            cmd.CommandText = ComplianceSql.NotChecked(new SqlParameters(cmd), idle, d, q.Park);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) notChecked[r.GetString(0)] = r.GetInt32(1);
        }
        var totals = new ComplianceTotals(d, q.Park, all.Parcels, LandArea.Mu(all.M2), [.. rules.Select(r =>
        {
            var (parcels, m2) = byRule.GetValueOrDefault(r.Code);
            return new RuleTotal(r.Code, r.NameZh, r.NameEn, r.Color, parcels, LandArea.Mu(m2), notChecked.GetValueOrDefault(r.Code));
        })]);
        return (totals, labels);
    }

    private static async Task<(ComplianceReport Report, List<ComplianceRule> Rules, ExportLabels? Labels)> ReadAsync(
        HttpRequest request, ReadDataSource reads, IdleRules idle, DateOnly d, string? park, string? rule, ExportFormat format, string? lang, CancellationToken ct)
    {
        var db = await reads.ForAsync(request.HttpContext, ct);
        await using var q = await ReportScope.OpenAsync(db, park, ct);
        var labels = await ExportLabels.ForAsync(format, lang, request, q.Connection, ct);
        var rules = await RulesAsync(q.Connection, ct);
        if (rule is not null && rules.All(r => r.Code != rule))
            throw new InvalidParameterException("rule", $"no compliance rule '{rule}'; rules are {string.Join(", ", rules.Select(r => r.Code))}");
        var byCode = rules.ToDictionary(r => r.Code);

        var rows = new List<(string Code, string? Name, string Park, string Use, string? Edition, double M2, ComplianceFailure Failure)>();
        await using (var cmd = new NpgsqlCommand { Connection = q.Connection })
        {
            cmd.CommandText = ComplianceSql.Failures(new SqlParameters(cmd), idle, d, q.Park, rule);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                double? N(int i, int digits) => r.IsDBNull(i) ? null : Math.Round(r.GetDouble(i), digits);
                var code = r.GetString(6);
                rows.Add((r.GetString(0), S(1), r.GetString(2), r.GetString(3), S(4), r.GetDouble(5),
                    new(code, byCode[code].NameZh, byCode[code].NameEn, r.GetString(7), N(8, 4), N(9, 4), S(10), S(11), N(12, 2))));
            }
        }
        var parcels = rows.GroupBy(x => x.Code).Select(g =>
        {
            var first = g.First();
            var failures = g.Select(x => x.Failure).ToList();
            var codes = string.Join(',', rules.Where(r => failures.Any(f => f.Rule == r.Code)).Select(r => r.Code));
            return new NoncompliantParcel(first.Code, first.Name, first.Park, first.Use, first.Edition,
                Math.Round(first.M2, 2), LandArea.Mu(first.M2), codes, failures) { ExactM2 = first.M2 };
        }).ToList();
        // Exact: the unrounded areas summed, rounded once.
        var areaMu = LandArea.Mu(rows.DistinctBy(x => x.Code).Sum(x => x.M2));
        return (new ComplianceReport(d, q.Park, rule, parcels.Count, areaMu, parcels), rules, labels);
    }

    private static async Task<List<ComplianceRule>> RulesAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(ComplianceSql.Rules, conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rules = new List<ComplianceRule>();
        while (await r.ReadAsync(ct)) rules.Add(new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)));
        return rules;
    }
}
