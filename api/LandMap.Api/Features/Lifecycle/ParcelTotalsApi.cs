using LandMap.Api.Auth;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Hosting;
using LandMap.Api.Items;

namespace LandMap.Api.Features.Lifecycle;

/// <summary>The totals of the parcels a filter selects, by the state they are shown in on a date.</summary>
public sealed record ParcelTotals(DateOnly Date, int Parcels, double AreaM2, double AreaMu, IReadOnlyList<StateTotal> Totals);

/// <summary>
/// /api/parcels/totals: count, m² and mu by shown state (the computed state on <c>date</c>, the
/// recorded status where none) of the parcels that a CQL2 <c>filter</c> and a <c>bbox</c> select.
/// The filter and bbox are the items' own (<see cref="ItemsQuery"/>: same parser, queryables,
/// bounds and problems), and a filter on <c>state</c> selects by the state on <c>date</c>, so the
/// map's legend and filter totals are sums the server made, in feature and tile mode alike.
/// </summary>
internal static class ParcelTotalsApi
{
    /// <summary>Maps /api/parcels/totals.</summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/parcels/totals", TotalsOf).WithTags("Lifecycle").WithName("parcelTotals").ReadsFromReplica().ReadsCollections(CollectionCatalog.Parcels.Id)
            .WithSummary("Count and area (m², mu) by shown state on a date (default today) of the parcels a CQL2 filter and a bbox select: the map's legend and filter totals")
            .Produces<ParcelTotals>().ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> TotalsOf([AsParameters] ParcelSelectionParameters selection,
        ReadDataSource reads, HttpContext http, RequestLimits limits, IdleRules rules, CancellationToken ct)
    {
        var (query, totals) = await selection.ReadAsync(q => ItemsSql.TotalsByState(q, q.FilterSql), r =>
        {
            var m2 = r.GetDouble(2);
            return new StateTotal(r.GetString(0), r.GetInt32(1), Math.Round(m2, 2), LandArea.Mu(m2));
        }, reads, http, limits, rules, ct);
        var all = totals.Sum(t => t.AreaM2);
        return TypedResults.Ok(new ParcelTotals(query.StateDate, totals.Sum(t => t.Parcels), Math.Round(all, 2), LandArea.Mu(all), totals));
    }
}
