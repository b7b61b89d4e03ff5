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
        ReadDataSource reads, HttpContext http, RequestLimits limits, IdleRules rules, OverviewOptions overview, CancellationToken ct)
    {
        var query = selection.Parse(limits, rules);
        var db = await reads.ForAsync(http, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        // The grid when it answers this selection exactly and is current in this snapshot; else live.
        var approvedOnly = ParcelTotalsOverview.ApprovedOnly(selection, query, overview);
        await using var tx = approvedOnly is null ? null : await ParcelTotalsOverview.SnapshotAsync(conn, ct);
        var fromGrid = tx is not null && await ParcelTotalsOverview.ReadyAsync(conn, tx, query.StateDate, rules, ct);
        await using var cmd = fromGrid
            ? ParcelTotalsOverview.TotalsByState(query, approvedOnly!.Value)
            : ItemsSql.TotalsByState(query, query.FilterSql);
        cmd.Connection = conn;
        cmd.Transaction = tx;
        var totals = new List<StateTotal>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var m2 = r.GetDouble(2);
                totals.Add(new StateTotal(r.GetString(0), r.GetInt32(1), Math.Round(m2, 2), LandArea.Mu(m2)));
            }
        }
        http.Response.Headers[ParcelTotalsOverview.SourceHeader] = fromGrid ? ParcelTotalsOverview.FromOverview : ParcelTotalsOverview.Live;
        var all = totals.Sum(t => t.AreaM2);
        return TypedResults.Ok(new ParcelTotals(query.StateDate, totals.Sum(t => t.Parcels), Math.Round(all, 2), LandArea.Mu(all), totals));
    }
}
