using LandMap.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LandMap.Api.Features.Reports;

/// <summary>The zone's land reports at /api/reports.</summary>
public static class ReportsApi
{
    private const int FirstYear = 1990, LastYear = 2100;

    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports");
        reports.MapGet("/land-indicators", LandIndicatorsForYear).WithName("landIndicators")
            .WithSummary("The zone's land indicators for a year (mu, m2, parcel count), computed from geometry and events")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return reports;
    }

    private static async Task<Ok<LandIndicatorsReport>> LandIndicatorsForYear(string? year, NpgsqlDataSource db, CancellationToken ct)
    {
        var y = ParseYear(year);
        var from = new DateOnly(y, 1, 1);
        var values = new List<IndicatorValue>();
        await using var conn = await db.OpenConnectionAsync(ct);
        foreach (var def in LandIndicators.All)
        {
            await using var cmd = new NpgsqlCommand(ReportsSql.Indicator, conn);
            cmd.Parameters.Add(new() { Value = def.EventKind });
            cmd.Parameters.Add(new() { Value = (object?)def.LandUseClass ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            cmd.Parameters.Add(new() { Value = from });
            cmd.Parameters.Add(new() { Value = from.AddYears(1) });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var m2 = reader.GetDouble(1);
            values.Add(new(def.Key, def.NameZh, def.NameEn, def.EventKind, def.LandUseClass, reader.GetInt32(0),
                Math.Round(m2, 2), Math.Round(m2 / LandIndicators.SquareMetresPerMu, 2),
                LandIndicators.Reported.TryGetValue((y, def.Key), out var r) ? r : null));
        }
        return TypedResults.Ok(new LandIndicatorsReport(y, values,
            "Areas of parcel geometries on the ellipsoid (PostGIS geography); 1 mu = 10000/15 m2"));
    }

    private static int ParseYear(string? year)
    {
        if (year is null) return DateTime.UtcNow.Year;
        if (!int.TryParse(year, System.Globalization.NumberStyles.None, null, out var y) || y < FirstYear || y > LastYear)
            throw new InvalidParameterException("year", $"year must be a whole year from {FirstYear} to {LastYear}; got '{year}'");
        return y;
    }
}
