using System.Globalization;
using System.Text.Json;
using LandMap.Api.Configuration;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Domain.Planning;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using NetTopologySuite.Geometries;
using Npgsql;

namespace LandMap.Api.Features.Planning;

/// <summary>
/// <c>POST /api/site-check</c>: "can this site be used, and for what?". A polygon (GeoJSON or WKT in
/// any CRS LandMap converts) or a stored parcel (<c>?code=</c>) laid over the regulatory plan in
/// force on a date, the control lines, the protected areas and the stored parcels, with a verdict per
/// rule and the numbers. A read: it writes nothing, and any reader may ask.
/// </summary>
public static class SiteCheckApi
{
    public static IServiceCollection AddPlanningApi(this IServiceCollection services) =>
        services.AddSettings<PlanningOptions>(PlanningOptions.Section);

    /// <summary>Maps /api/site-check.</summary>
    public static RouteGroupBuilder MapPlanningApi(this IEndpointRouteBuilder app)
    {
        // A POST that only reads: the replica.
        var api = app.MapGroup("/api").WithTags("Planning").ReadsFromReplica();
        api.MapPost("/site-check", Check).WithName("siteCheck")
            .WithSummary("Check a site (GeoJSON or WKT polygon in any supported CRS, or ?code= of a stored parcel) against the plan in force: " +
                         "zones and shares, control lines and protected areas it takes (m2), parcels it overlaps, a verdict per rule")
            .TakesBody(BodyKind.Query, "application/json", "application/geo+json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<SiteCheckResult>> Check(string? code, HttpRequest request, ReadDataSource reads,
        PlanningOptions planning, RequestLimits limits, IdleRules rules, CancellationToken ct)
    {
        var body = await ReadBodyAsync(request, limits, required: code is null);
        var db = await reads.ForAsync(request.HttpContext, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        Geometry site;
        DateOnly? date;
        SiteProposal proposal;
        if (code is null)
        {
            var input = SiteCheckRequest.Parse(body!.Value);
            (site, date, proposal) = (input.Site, input.Date, input.Proposal);
        }
        else
        {
            date = SiteCheckRequest.ParseForParcel(body);
            (site, proposal) = await ParcelAsync(conn, code, ct);
        }
        var day = date ?? ZoneClock.Today;
        var found = await SiteOverlay.ReadAsync(conn, site, day, planning.MaxSiteAreaM2, code, proposal, rules, ct);
        if (found.AreaM2 > planning.MaxSiteAreaM2)
            throw new LimitExceededException(code is null ? Field(body!.Value) : "code", PlanningOptions.Section + ":" + nameof(PlanningOptions.MaxSiteAreaM2),
                planning.MaxSiteAreaM2, string.Create(CultureInfo.InvariantCulture,
                    $"the site is {found.AreaM2:0} m2; a site check takes at most {planning.MaxSiteAreaM2:0} m2 ({PlanningOptions.Section}:{nameof(PlanningOptions.MaxSiteAreaM2)})"));
        var use = proposal.Use is null ? null : found.Use(proposal, fromParcel: code is not null);
        var verdicts = SiteVerdicts.Judge(found.Zones, use, proposal, found.ControlLines, found.ProtectedAreas,
            found.AreaM2, found.CoveredM2, planning.EncroachmentToleranceM2);
        return TypedResults.Ok(new SiteCheckResult(day, Math.Round(found.AreaM2, 2), Math.Round(found.AreaM2 / LandArea.SquareMetresPerMu, 4),
            code, use, proposal.PlotRatio, proposal.BuildingDensity, proposal.GreenRatio,
            [.. found.Zones.Select(z => z.Zone)], found.ControlLines, found.ProtectedAreas, found.Parcels,
            verdicts, verdicts.All(v => v.Result != SiteRules.Fail)));
    }

    private static string Field(JsonElement body) => body.TryGetProperty("wkt", out var w) && w.ValueKind == JsonValueKind.String ? "wkt" : "geometry";

    /// <summary>A stored parcel's geometry and figures: the approved use where there is one, else the recorded use.</summary>
    private static async Task<(Geometry, SiteProposal)> ParcelAsync(NpgsqlConnection conn, string code, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(SiteCheckSql.Parcel, conn);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) throw new NotFoundException($"no parcel with code '{(code.Length > 64 ? code[..64] + "..." : code)}'");
        decimal? N(int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);
        return (r.GetFieldValue<Geometry>(0), new SiteProposal(r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
            N(3), N(4), N(5)));
    }

    /// <summary>The JSON body; null when there is none and none is needed (a stored parcel's check).</summary>
    private static async Task<JsonElement?> ReadBodyAsync(HttpRequest request, RequestLimits limits, bool required)
    {
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody)
            return required ? throw new InvalidParameterException("geometry", "geometry (GeoJSON) or wkt is required in a JSON body, or ?code= of a stored parcel") : null;
        using var doc = await JsonBody.ReadAsync(request.HttpContext, limits);
        return doc.RootElement.Clone();
    }
}
