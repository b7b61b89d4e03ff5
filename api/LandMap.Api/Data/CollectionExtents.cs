using LandMap.Api.Domain;
using Microsoft.Extensions.Caching.Memory;

namespace LandMap.Api.Data;

/// <summary>A collection's lon/lat extent (collection documents, TileJSON bounds, tileset
/// metadata), cached briefly because ST_Extent scans the table; read from the replica when usable
/// (a cached value reads no one's own writes anyway).</summary>
internal sealed class CollectionExtents(ReadDataSource reads, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>[minLon, minLat, maxLon, maxLat], or null for an empty collection.</summary>
    public async Task<double[]?> GetAsync(CollectionDef c, HttpContext http, CancellationToken ct) =>
        await cache.GetOrCreateAsync("extent:" + c.Id, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            await using var cmd = reads.Current(http).CreateCommand(ExtentSql(c));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return null;
            return new[] { reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3) };
        });

    /// <summary>The first and last day of the collection's temporal property (<see cref="TemporalProperties"/>);
    /// null when it has none or no feature has a value. For a collection of intervals
    /// (<see cref="TemporalProperties.EndOf"/>): the first start to the last day in force, the day before
    /// the latest exclusive end; Last null (open) while any feature is still in force.</summary>
    public async Task<(DateOnly First, DateOnly? Last)?> TemporalAsync(CollectionDef c, HttpContext http, CancellationToken ct)
    {
        if (TemporalProperties.Of(c) is not { } temporal) return null;
        var end = TemporalProperties.EndOf(c);
        // An open end (null) wins over every date: bool_or says whether one exists.
        var last = end is null
            ? $"max({temporal.Name})"
            : $"case when bool_or({end.Name} is null) then null else max({end.Name}) - 1 end";
        return await cache.GetOrCreateAsync("temporal:" + c.Id, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            await using var cmd = reads.Current(http).CreateCommand(
                $"select min({temporal.Name}), {last} from {c.Table} having count({temporal.Name}) > 0");
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return ((DateOnly, DateOnly?)?)null;
            return (reader.GetFieldValue<DateOnly>(0), reader.IsDBNull(1) ? (DateOnly?)null : reader.GetFieldValue<DateOnly>(1));
        });
    }

    /// <summary>Extent of a collection in CRS84/EPSG:4490 (no row when empty).</summary>
    private static string ExtentSql(CollectionDef c) =>
        $"select st_xmin(e), st_ymin(e), st_xmax(e), st_ymax(e) from (select st_extent(geom) as e from {c.Table}) as s where e is not null";
}
