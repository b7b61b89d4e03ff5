using System.ComponentModel;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Exports;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandMap.Api.Features.Reports;

/// <summary>The zone's land reports at /api/reports; each answers JSON, or CSV / .xlsx with f=csv|xlsx.</summary>
public static class ReportsApi
{
    private const int MaxSeriesYears = 50;
    private const string Source = "Areas of parcel geometries on the ellipsoid (PostGIS geography); 1 mu = 10000/15 m2";

    /// <summary>Maps the reports under /api/reports.</summary>
    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports").ReadsFromReplica();
        Exportable(reports.MapGet("/land-indicators", LandIndicatorsForYear).WithName("landIndicators")
            .WithSummary("The zone's land indicators for a year (mu, m2, parcel count), computed from geometry and events; per park too (park=, f=)"));
        Exportable(reports.MapGet("/land-indicators/series", LandIndicatorSeriesFor).WithName("landIndicatorSeries")
            .WithSummary("Each land indicator year by year from `from` to `to` (at most 50 years), for the zone or one park"));
        Exportable(reports.MapGet("/parks", ParksOn).WithName("parkEvaluation")
            .WithSummary("Per-park evaluation on a date: development, supply and built-up rates, industrial plot ratio, investment per mu, land awaiting construction"));
        Exportable(reports.MapGet("/parks/series", ParkSeries).WithName("parkEvaluationSeries")
            .WithSummary("The park evaluation at the end of each year from `from` to `to`, for the zone or one park"));
        Exportable(reports.MapGet("/land-use", LandUseOn).WithName("landUseStatistics")
            .WithSummary("Parcels by GB/T 21010 land-use class and lifecycle state on a date (count, m2, mu)"));
        return reports;
    }

    private static void Exportable(RouteHandlerBuilder route) => route
        .Produces(StatusCodes.Status200OK, contentType: TableExport.CsvContentType)
        .Produces(StatusCodes.Status200OK, contentType: TableExport.XlsxContentType)
        .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Results<Ok<LandIndicatorsReport>, FileContentHttpResult>> LandIndicatorsForYear(
        string? year, string? park, string? f, [Description(ExportLanguages.Description)] string? lang, HttpRequest request, ReadDataSource reads, CancellationToken ct)
    {
        var db = await reads.ForAsync(request.HttpContext, ct);
        var format = Export.Negotiate(request, f);
        var y = ReportParameters.Year("year", year);
        await using var q = await ReportScope.OpenAsync(db, park, ct);
        var (conn, parks, k) = (q.Connection, q.Parks, q.Park);
        var labels = await ExportLabels.ForAsync(format, lang, request, conn, ct);
        var cells = await LandReports.IndicatorsAsync(conn, y, y, k, ct);
        var values = LandIndicators.All.Select(d => LandReports.Value(d, cells[d.Key].SingleOrDefault(c => c.Park is null), y, k is null)).ToList();
        var perPark = parks.Where(p => k is null || p.Code == k).Select(p => new ParkIndicatorValues(p.Code, p.NameZh, p.NameEn,
            [.. LandIndicators.All.Select(d => LandReports.Value(d, cells[d.Key].SingleOrDefault(c => c.Park == p.Code), y, false))])).ToList();
        var report = new LandIndicatorsReport(y, k, values, perPark, Source);
        return await Export.RespondAsync(request.HttpContext.Response, format, report, labels, (r, l) => r.ToTable(l), k is null ? $"land-indicators-{y}" : $"land-indicators-{y}-{k}", ct);
    }

    private static async Task<Results<Ok<LandIndicatorSeries>, FileContentHttpResult>> LandIndicatorSeriesFor(
        string? from, string? to, string? park, string? f, [Description(ExportLanguages.Description)] string? lang, HttpRequest request, ReadDataSource reads, CancellationToken ct)
    {
        var db = await reads.ForAsync(request.HttpContext, ct);
        var format = Export.Negotiate(request, f);
        var (first, last) = YearRange(from, to);
        await using var q = await ReportScope.OpenAsync(db, park, ct);
        var (conn, k) = (q.Connection, q.Park);
        var labels = await ExportLabels.ForAsync(format, lang, request, conn, ct);
        var cells = await LandReports.IndicatorsAsync(conn, first, last, k, ct);
        var series = LandIndicators.All.Select(d => new IndicatorSeries(d.Key, d.NameZh, d.NameEn, d.EventKind, d.LandUseClass,
            [.. Enumerable.Range(first, last - first + 1).Select(y =>
            {
                var v = LandReports.Value(d, cells[d.Key].SingleOrDefault(c => c.Year == y && c.Park is null), y, k is null);
                return new YearValue(y, v.Parcels, v.AreaM2, v.AreaMu, v.ReportedMu);
            })])).ToList();
        return await Export.RespondAsync(request.HttpContext.Response, format, new LandIndicatorSeries(first, last, k, series), labels, (s, l) => s.ToTable(l),
            $"land-indicators-{first}-{last}", ct);
    }

    private static async Task<Results<Ok<ParkEvaluationReport>, FileContentHttpResult>> ParksOn(
        string? date, string? park, string? f, [Description(ExportLanguages.Description)] string? lang, HttpRequest request, ReadDataSource reads, IdleRules rules, CancellationToken ct)
    {
        var db = await reads.ForAsync(request.HttpContext, ct);
        var format = Export.Negotiate(request, f);
        var d = ReportParameters.Date("date", date);
        await using var q = await ReportScope.OpenAsync(db, park, ct);
        var (conn, parks, k) = (q.Connection, q.Parks, q.Park);
        var labels = await ExportLabels.ForAsync(format, lang, request, conn, ct);
        var all = await LandReports.EvaluateAsync(conn, rules, parks, d, ct);
        var report = new ParkEvaluationReport(d, all[^1], [.. all.SkipLast(1).Where(p => k is null || p.Park == k)]);
        return await Export.RespondAsync(request.HttpContext.Response, format, report, labels, (r, l) => r.ToTable(l), $"park-evaluation-{d:yyyy-MM-dd}", ct);
    }

    private static async Task<Results<Ok<ParkEvaluationSeries>, FileContentHttpResult>> ParkSeries(
        string? from, string? to, string? park, string? f, [Description(ExportLanguages.Description)] string? lang, HttpRequest request, ReadDataSource reads, IdleRules rules, CancellationToken ct)
    {
        var db = await reads.ForAsync(request.HttpContext, ct);
        var format = Export.Negotiate(request, f);
        var (first, last) = YearRange(from, to);
        await using var q = await ReportScope.OpenAsync(db, park, ct);
        var (conn, parks, k) = (q.Connection, q.Parks, q.Park);
        var labels = await ExportLabels.ForAsync(format, lang, request, conn, ct);
        var years = new List<YearEvaluation>();
        for (var y = first; y <= last; y++)
        {
            var all = await LandReports.EvaluateAsync(conn, rules, parks, new DateOnly(y, 12, 31), ct);
            years.Add(new(y, k is null ? all[^1] : all.Single(p => p.Park == k)));
        }
        return await Export.RespondAsync(request.HttpContext.Response, format, new ParkEvaluationSeries(first, last, k, years), labels, (s, l) => s.ToTable(l),
            $"park-evaluation-{first}-{last}", ct);
    }

    private static async Task<Results<Ok<LandUseReport>, FileContentHttpResult>> LandUseOn(
        string? date, string? park, string? f, [Description(ExportLanguages.Description)] string? lang, HttpRequest request, ReadDataSource reads, IdleRules rules, CancellationToken ct)
    {
        var db = await reads.ForAsync(request.HttpContext, ct);
        var format = Export.Negotiate(request, f);
        var d = ReportParameters.Date("date", date);
        await using var q = await ReportScope.OpenAsync(db, park, ct);
        var (conn, k) = (q.Connection, q.Park);
        var labels = await ExportLabels.ForAsync(format, lang, request, conn, ct);
        var report = new LandUseReport(d, k, await LandReports.LandUseAsync(conn, rules, d, k, ct));
        return await Export.RespondAsync(request.HttpContext.Response, format, report, labels, (r, l) => r.ToTable(l), $"land-use-{d:yyyy-MM-dd}", ct);
    }

    /// <summary>from..to, both whole years, from &lt;= to, at most 50 years; default the last ten years.</summary>
    private static (int From, int To) YearRange(string? from, string? to)
    {
        var last = ReportParameters.Year("to", to);
        var first = from is null ? Math.Max(ReportParameters.FirstYear, last - 9) : ReportParameters.Year("from", from);
        if (first > last) throw new InvalidParameterException("from", $"from ({first}) must not be after to ({last})");
        if (last - first + 1 > MaxSeriesYears)
            throw new InvalidParameterException("from", $"a series covers at most {MaxSeriesYears} years; got {last - first + 1}");
        return (first, last);
    }
}
