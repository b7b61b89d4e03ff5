using LandMap.Api.Auth;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Hosting;
using LandMap.Api.Items;
using Npgsql;

namespace LandMap.Api.Features.Lifecycle;

/// <summary>The parcels a filter selects on a date, each with the state it is shown in then.</summary>
public sealed record ShownParcels(DateOnly Date, int Parcels, IReadOnlyDictionary<string, string?> States);

/// <summary>
/// /api/parcels/shown: code -> shown state (the computed state on <c>date</c>, the recorded status
/// where none) of exactly the parcels a CQL2 <c>filter</c> and a <c>bbox</c> select - the same
/// selection and states as /api/parcels/totals (<see cref="ParcelSelectionParameters"/>), without
/// geometry. The map holding parcels as GeoJSON asks it once per filter or year change and draws
/// those, coloured so: it applies no filter or rule of its own, and agrees with the legend.
/// </summary>
internal static class ParcelsShownApi
{
    /// <summary>Maps /api/parcels/shown.</summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/parcels/shown", ShownOf).WithTags("Lifecycle").WithName("parcelsShown").ReadsFromReplica().ReadsCollections(CollectionCatalog.Parcels.Id)
            .WithSummary("Code -> shown state on a date (default today) of the parcels a CQL2 filter and a bbox select, no geometry: which parcels the map draws, and how")
            .Produces<ShownParcels>().ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> ShownOf([AsParameters] ParcelSelectionParameters selection,
        ReadDataSource reads, HttpContext http, RequestLimits limits, IdleRules rules, CancellationToken ct)
    {
        var (query, rows) = await selection.ReadAsync(Sql, r => (Code: r.GetString(0), State: r.IsDBNull(1) ? null : r.GetString(1)),
            reads, http, limits, rules, ct);
        var states = rows.ToDictionary(x => x.Code, x => x.State, StringComparer.Ordinal);
        return TypedResults.Ok(new ShownParcels(query.StateDate, states.Count, states));
    }

    /// <summary>Code and shown state of every parcel the query selects, by code.</summary>
    private static NpgsqlCommand Sql(ItemsQuery q)
    {
        var p = new SqlParameters(new NpgsqlCommand());
        p.Command.CommandText = $"""
            select code, {ParcelStateSql.Shown}
            from {ItemsSql.Source(q, p)} {ItemsSql.Where(ItemsSql.Conditions(q, p, q.FilterSql))}
            order by code
            """;
        return p.Command;
    }
}
