using System.ComponentModel;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Hosting;
using LandMap.Api.Items;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace LandMap.Api.Features.Lifecycle;

/// <summary>
/// The query parameters (named as written: ASP.NET would otherwise name them after the properties) that name a selection of parcels on a date, shared by /api/parcels/totals
/// and /api/parcels/shown so both select the same parcels: parsed as items are (<see cref="ItemsQuery"/>:
/// same parser, queryables, bounds and problems), and a filter on <c>state</c> selects by the state on <c>date</c>.
/// </summary>
public sealed class ParcelSelectionParameters
{
    /// <summary>The day the state is taken on; default the zone's today.</summary>
    [FromQuery(Name = "date"), Description("the day (YYYY-MM-DD) the state is taken on; default today")]
    public string? Date { get; init; }

    /// <summary>A CQL2 filter on the parcels' queryables.</summary>
    [FromQuery(Name = "filter"), Description("a CQL2 filter on the parcels' queryables (state: the state on date)")]
    public string? Filter { get; init; }

    /// <summary>cql2-text or cql2-json.</summary>
    [FromQuery(Name = "filter-lang"), Description("cql2-text (default) or cql2-json")]
    public string? FilterLang { get; init; }

    /// <summary>The CRS of the filter's geometry literals.</summary>
    [FromQuery(Name = "filter-crs"), Description("CRS of the filter's geometry literals (CRS84 by default)")]
    public string? FilterCrs { get; init; }

    /// <summary>A box the parcels touch.</summary>
    [FromQuery(Name = "bbox"), Description("minX,minY,maxX,maxY in bbox-crs (CRS84 lon/lat by default): the parcels that touch it")]
    public string? Bbox { get; init; }

    /// <summary>The CRS of <see cref="Bbox"/>.</summary>
    [FromQuery(Name = "bbox-crs"), Description("CRS of bbox")]
    public string? BboxCrs { get; init; }

    /// <summary>The selection parsed and bounded (a bad value is a problem naming its parameter).</summary>
    public ItemsQuery Parse(RequestLimits limits, IdleRules rules) =>
        ItemsQuery.Parse(CollectionCatalog.Parcels,
            new ItemsParameters(Bbox: Bbox, BboxCrs: BboxCrs, Filter: Filter, FilterLang: FilterLang, FilterCrs: FilterCrs,
                Date: Date ?? ZoneClock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), limits, rules);

    /// <summary>Parses the selection and reads every row of the command <paramref name="sql"/> makes of it,
    /// on a read connection: the one way the selection's routes query.</summary>
    internal async Task<(ItemsQuery Query, List<T> Rows)> ReadAsync<T>(Func<ItemsQuery, NpgsqlCommand> sql, Func<NpgsqlDataReader, T> row,
        ReadDataSource reads, HttpContext http, RequestLimits limits, IdleRules rules, CancellationToken ct)
    {
        var query = Parse(limits, rules);
        var db = await reads.ForAsync(http, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = sql(query);
        cmd.Connection = conn;
        var rows = new List<T>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add(row(r));
        return (query, rows);
    }
}
