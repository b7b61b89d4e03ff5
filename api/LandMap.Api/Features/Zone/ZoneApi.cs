using System.Text.Json;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Hosting;
using LandMap.Api.Items;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace LandMap.Api.Features.Zone;

/// <summary>Totals of a parcel selection, overall and by state.</summary>
public sealed record AreaSummary(int Parcels, double AreaM2, double AreaMu, IReadOnlyList<StatusArea> ByStatus);

public sealed record StatusArea(string Status, int Parcels, double AreaM2, double AreaMu);

/// <summary>
/// The zone's spatial questions at /api: each is a parcel selection laid over the same items
/// query (paging, crs, sortby, properties) that /ogc serves.
/// </summary>
public static class ZoneApi
{
    public static RouteGroupBuilder MapZoneApi(this IEndpointRouteBuilder app)
    {
        // The POST selections only read: the replica too.
        var api = app.MapGroup("/api").WithTags("Zone questions").ReadsFromReplica();
        api.MapPost("/parcels/intersecting", Intersecting).WithName("parcelsIntersecting")
            .WithSummary("Parcels intersecting a posted GeoJSON polygon (CRS84)")
            .TakesBody(BodyKind.Query, "application/geo+json", "application/json");
        api.MapGet("/parcels/near", Near).WithName("parcelsNear")
            .WithSummary("Parcels within a distance (metres, on the ellipsoid) of a road or river, by its code");
        api.MapGet("/parks/{code}/parcels", OfPark).WithName("parcelsOfPark").WithSummary("Parcels of a park");
        api.MapPost("/parcels/area", Area).WithName("parcelsArea")
            .WithSummary("Total area (mu, m2) of a selection: {park|geometry|road|river + distance|codes}, by state")
            .TakesBody(BodyKind.Query, "application/json", "application/geo+json");
        return api;
    }

    private static async Task<IResult> Intersecting(HttpRequest request, [AsParameters] PageParameters page, ReadDataSource reads)
    {
        var body = await ReadJsonAsync(request);
        var db = await reads.ForAsync(request.HttpContext, request.HttpContext.RequestAborted);
        var selection = new ParcelSelection(Geometry: Geo.GeometryInput.ParsePolygonal(body, "body"));
        return Page(page, selection, db);
    }

    private static async Task<IResult> Near(string? road, string? river, string? distance, [AsParameters] PageParameters page,
        ReadDataSource reads, HttpContext http, CancellationToken ct)
    {
        var db = await reads.ForAsync(http, ct);
        if ((road is null) == (river is null))
            throw new InvalidParameterException(road is null ? "road" : "river", "give exactly one of road or river (its code)");
        await MustExistAsync(db, road is null ? ZoneSql.RiverExists : ZoneSql.RoadExists, road ?? river!,
            road is null ? "river" : "road", ct);
        var metres = ParcelSelection.ParseDistance(distance, required: true);
        return Page(page, new ParcelSelection(Road: road, River: river, DistanceMetres: metres), db);
    }

    private static async Task<IResult> OfPark(string code, [AsParameters] PageParameters page, ReadDataSource reads, HttpContext http, CancellationToken ct)
    {
        var db = await reads.ForAsync(http, ct);
        await MustExistAsync(db, ZoneSql.ParkExists, code, "park", ct);
        return Page(page, new ParcelSelection(Park: code), db);
    }

    private static async Task<Ok<AreaSummary>> Area(HttpRequest request, ReadDataSource reads, CancellationToken ct)
    {
        var selection = ParcelSelection.FromJson(await ReadJsonAsync(request));
        var db = await reads.ForAsync(request.HttpContext, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand { Connection = conn };
        var condition = selection.ToSql(new Data.SqlParameters(cmd))!;
        cmd.CommandText = ZoneSql.AreaByStatus(condition);
        var rows = new List<StatusArea>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                rows.Add(new(reader.GetString(0), reader.GetInt32(1), Math.Round(reader.GetDouble(2), 2),
                    Math.Round(reader.GetDouble(2) / LandArea.SquareMetresPerMu, 4)));
        var m2 = rows.Sum(r => r.AreaM2);
        return TypedResults.Ok(new AreaSummary(rows.Sum(r => r.Parcels), Math.Round(m2, 2),
            Math.Round(m2 / LandArea.SquareMetresPerMu, 4), rows));
    }

    /// <summary>The paging and output parameters every parcel list takes, as /ogc items does.</summary>
    public sealed record PageParameters(
        string? Limit, string? Cursor, string? Crs, string? SortBy, string? Properties, [FromServices] RequestLimits Limits,
        [FromServices] IdleRules Rules);

    private static FeatureCollectionResult Page(PageParameters page, ParcelSelection selection, NpgsqlDataSource db)
    {
        var query = ItemsQuery.Parse(CollectionCatalog.Parcels,
            new ItemsParameters(Crs: page.Crs, Limit: page.Limit, Cursor: page.Cursor, SortBy: page.SortBy, Properties: page.Properties),
            page.Limits, page.Rules);
        return new FeatureCollectionResult(db, query, selection.ToSql);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpRequest request)
    {
        using var doc = await JsonBody.ReadAsync(request.HttpContext, request.HttpContext.RequestServices.GetRequiredService<RequestLimits>());
        return doc.RootElement.Clone();
    }

    private static async Task MustExistAsync(NpgsqlDataSource db, string sql, string code, string what, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new() { Value = code });
        if (await cmd.ExecuteScalarAsync(ct) is null)
            throw new NotFoundException($"no {what} with code '{code}'");
    }
}
