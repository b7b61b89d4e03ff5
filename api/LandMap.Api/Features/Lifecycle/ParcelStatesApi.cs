using LandMap.Api.Auth;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Hosting;
using Npgsql;

namespace LandMap.Api.Features.Lifecycle;

/// <summary>A parcel's computed state on a date, for the map.</summary>
public sealed record ParcelStateOn(string Code, string? State, DateOnly? IdleOn, string? IdleRule);

/// <summary>How many parcels were in a state on the date, and their area (<c>none</c>: not yet in the lifecycle).</summary>
public sealed record StateTotal(string State, int Parcels, double AreaM2, double AreaMu);

/// <summary>Every parcel's computed state on a date, with the totals by state.</summary>
public sealed record ParcelStates(DateOnly Date, string? Park, IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<StateTotal> Totals, IReadOnlyList<ParcelStateOn> Parcels);

/// <summary>The same, compact (<c>compact=true</c>): code -> state only, what the map colours by.</summary>
public sealed record CompactParcelStates(DateOnly Date, string? Park, IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<StateTotal> Totals, IReadOnlyDictionary<string, string?> States);

/// <summary>/api/parcels/states: the state of every parcel at a date in one request, so the page
/// computes no rule itself (the rule is parcel_state_at, in SQL).</summary>
internal static class ParcelStatesApi
{
    /// <summary>Maps /api/parcels/states.</summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/parcels/states", StatesOn).WithTags("Lifecycle").WithName("parcelStates").ReadsFromReplica().ReadsCollections(CollectionCatalog.Parcels.Id)
            .WithSummary("Every parcel's state on a date (default today), computed from dates and events, by code (park= narrows), with the count and area by state; compact=true answers code -> state only: for colouring the map at a date")
            .Produces<ParcelStates>().Produces<CompactParcelStates>()
            .Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> StatesOn(string? date, string? park, bool? compact, ReadDataSource reads, HttpContext http,
        IdleRules rules, HttpCaching caching, CancellationToken ct)
    {
        var d = ReportParameters.Date("date", date);
        var db = await reads.ForAsync(http, ct);
        await using var q = await ReportScope.OpenAsync(db, park, ct);
        // The parcels' change counter and the zone's day make the ETag: a map stepping through
        // years revalidates each year with a 304 until a parcel changes.
        await using (var version = new NpgsqlCommand(HttpCaching.VersionSql, q.Connection))
        {
            version.Parameters.Add(new() { Value = CollectionCatalog.Parcels.Id });
            if (caching.IsNotModified(http, CollectionCatalog.Parcels.Id, await version.ExecuteScalarAsync(ct) as long? ?? 0))
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        await using var cmd = new NpgsqlCommand { Connection = q.Connection };
        cmd.CommandText = LifecycleSql.States(new SqlParameters(cmd), rules, d, q.Park);
        var list = new List<(ParcelStateOn State, double AreaM2)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                list.Add((new(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1),
                    r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2), r.IsDBNull(3) ? null : r.GetString(3)), r.GetDouble(4)));
        }
        var groups = list.GroupBy(x => x.State.State ?? "none").OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var counts = groups.ToDictionary(g => g.Key, g => g.Count());
        var totals = groups.Select(g =>
        {
            var m2 = g.Sum(x => x.AreaM2);
            return new StateTotal(g.Key, g.Count(), Math.Round(m2, 2), LandArea.Mu(m2));
        }).ToList();
        return compact == true
            ? TypedResults.Ok(new CompactParcelStates(d, q.Park, counts, totals, list.ToDictionary(x => x.State.Code, x => x.State.State)))
            : TypedResults.Ok(new ParcelStates(d, q.Park, counts, totals, [.. list.Select(x => x.State)]));
    }
}
