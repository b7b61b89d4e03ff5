using System.Text.Json;
using LandMap.Api.Data;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandMap.Api.Features.History;

/// <summary>One version of a parcel: when it was valid, who wrote it, from where, and what it was.</summary>
public sealed record ParcelVersion(
    int Version, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo, string Operation, string ChangedBy,
    string Source, JsonElement Attributes, JsonElement Geometry);

public sealed record ParcelHistory(string Code, IReadOnlyList<ParcelVersion> Versions);

/// <summary>A parcel's history at /api/parcels/{code}/history; nothing is ever lost.</summary>
public static class HistoryApi
{
    public static RouteGroupBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/parcels").WithTags("History").ReadsFromReplica();
        api.MapGet("/{code}/history", Versions).WithName("parcelHistory")
            .WithSummary("Every version of a parcel, newest first (the current one, then the kept ones, also after a delete)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<ParcelHistory>> Versions(string code, ReadDataSource reads, HttpContext http, CancellationToken ct)
    {
        var db = await reads.ForAsync(http, ct);
        await using var cmd = db.CreateCommand(HistorySql.Versions);
        cmd.Parameters.Add(new() { Value = code });
        var versions = new List<ParcelVersion>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                versions.Add(new(r.GetInt32(0), r.GetFieldValue<DateTimeOffset>(1),
                    r.IsDBNull(2) ? null : r.GetFieldValue<DateTimeOffset>(2), r.GetString(3), r.GetString(4), r.GetString(5),
                    JsonDocument.Parse(r.GetString(6)).RootElement, JsonDocument.Parse(r.GetString(7)).RootElement));
            }
        }
        return versions.Count == 0
            ? throw new NotFoundException($"no parcel with code '{code}', now or ever")
            : TypedResults.Ok(new ParcelHistory(code, versions));
    }
}
