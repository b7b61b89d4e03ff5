using System.ComponentModel;
using LandMap.Api.Auth;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Hosting;
using LandMap.Api.Items;
using Microsoft.AspNetCore.Mvc;

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
        app.MapGet("/api/parcels/totals", TotalsOf).WithTags("Lifecycle").WithName("parcelTotals").ReadsCollections(CollectionCatalog.Parcels.Id)
            .WithSummary("Count and area (m², mu) by shown state on a date (default today) of the parcels a CQL2 filter and a bbox select: the map's legend and filter totals")
            .Produces<ParcelTotals>().ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> TotalsOf(
        [Description("the day (YYYY-MM-DD) the state is taken on; default today")] string? date,
        [Description("a CQL2 filter on the parcels' queryables (state: the state on date)")] string? filter,
        [FromQuery(Name = "filter-lang"), Description("cql2-text (default) or cql2-json")] string? filterLang,
        [FromQuery(Name = "filter-crs"), Description("CRS of the filter's geometry literals (CRS84 by default)")] string? filterCrs,
        [Description("minX,minY,maxX,maxY in bbox-crs (CRS84 lon/lat by default): the parcels that touch it")] string? bbox,
        [FromQuery(Name = "bbox-crs"), Description("CRS of bbox")] string? bboxCrs,
        ReadDataSource reads, HttpContext http, RequestLimits limits, IdleRules rules, CancellationToken ct)
    {
        var query = ItemsQuery.Parse(CollectionCatalog.Parcels,
            new ItemsParameters(Bbox: bbox, BboxCrs: bboxCrs, Filter: filter, FilterLang: filterLang, FilterCrs: filterCrs,
                Date: date ?? ZoneClock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), limits, rules);
        var db = await reads.ForAsync(http, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = ItemsSql.TotalsByState(query, query.FilterSql);
        cmd.Connection = conn;
        var totals = new List<StateTotal>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var m2 = r.GetDouble(2);
                totals.Add(new StateTotal(r.GetString(0), r.GetInt32(1), Math.Round(m2, 2), LandArea.Mu(m2)));
            }
        }
        var all = totals.Sum(t => t.AreaM2);
        return TypedResults.Ok(new ParcelTotals(query.StateDate, totals.Sum(t => t.Parcels), Math.Round(all, 2), LandArea.Mu(all), totals));
    }
}
