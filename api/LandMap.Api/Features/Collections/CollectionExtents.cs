using LandMap.Api.Features.Ogc;
using Microsoft.Extensions.Caching.Memory;
using LandMap.Api.Data;

namespace LandMap.Api.Features.Collections;

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
            await using var cmd = reads.Current(http).CreateCommand(ItemsSql.Extent(c));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return null;
            return new[] { reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3) };
        });
}
