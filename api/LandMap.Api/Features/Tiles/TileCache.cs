using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Observability;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace LandMap.Api.Features.Tiles;

/// <summary>The in-memory tile cache's size, settings under <c>LandMap:TileCache</c>.</summary>
public sealed class TileCacheOptions
{
    public const string Section = "LandMap:TileCache";

    /// <summary>Megabytes of rendered tiles kept in memory (least recently used go first); 0: none kept.</summary>
    [Range(0, 4096)] public int Megabytes { get; set; } = 64;
}

/// <summary>
/// A tile's identity before it is rendered, and the tiles rendered lately (as martin's cache keeps
/// them). The identity joins the tile (layer, zoom, row, column), what selects its features (filter,
/// date), the change counters of the data it draws (its collection; for parcels also their events,
/// on which the computed state depends), the zone's date (parcels' state without a date is today's)
/// and the idle rules in force. Any change of those is a new identity, so nothing is ever
/// invalidated by hand: an old entry is simply never asked for again and ages out. The ETag is
/// its hash, so a client's revalidation is one counter read and no render at all.
/// </summary>
public sealed class TileCache(TileCacheOptions options) : IDisposable
{
    // Entries are sized in bytes; a tile's bookkeeping (key, entry) is counted as a few hundred more.
    private const int EntryOverhead = 256;

    private readonly MemoryCache? cache = options.Megabytes == 0 ? null
        : new(new MemoryCacheOptions { SizeLimit = options.Megabytes * 1024L * 1024, CompactionPercentage = 0.25 });

    /// <summary>The collections whose counters a layer's tiles depend on (parcels: also their events, on
    /// which the computed state depends, and the overview drawn below the legible zoom).</summary>
    public static string[] CountersOf(CollectionDef collection) =>
        ParcelStateSql.Has(collection) ? [collection.Id, "parcel_events", OverviewCounter, .. ComplianceInputs] : [collection.Id];

    /// <summary>The overview's counter (bumped by <see cref="OverviewRefresher"/> when its cells change).</summary>
    public const string OverviewCounter = "parcel_overview";

    /// <summary>The collections the parcels' computed compliance reads besides the parcels (the plan).</summary>
    private static readonly string[] ComplianceInputs =
        [CollectionCatalog.PlanZones.Id, CollectionCatalog.ControlLines.Id, CollectionCatalog.ProtectedAreas.Id];

    /// <summary>The sum of the counters (each only grows, so the sum changes whenever one does).</summary>
    public const string VersionSql = "select coalesce(sum(version), 0)::bigint from collection_versions where collection = any($1)";

    /// <summary>The data version of <paramref name="collection"/>'s tiles in <paramref name="conn"/>'s database.</summary>
    public static async Task<long> VersionAsync(NpgsqlConnection conn, CollectionDef collection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(VersionSql, conn);
        cmd.Parameters.Add(new() { Value = CountersOf(collection) });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The identity of a tile (see the class); <paramref name="variant"/>: its selection, null for the whole layer.</summary>
    public static string Identity(TileLayer layer, TileCoordinate tile, long version, IdleRules rules, string? variant)
    {
        var day = ParcelStateSql.Has(layer.Collection)
            ? $"{ZoneClock.Today:yyyy-MM-dd}|{rules.NotStartedYears},{rules.BuiltAreaShare},{rules.InvestmentShare},{rules.HaltedYears},{rules.RecoveryYears}"
            : "";
        return $"{layer.Id}/{tile.Z}/{tile.Y}/{tile.X}|v{version}|{day}|{variant}";
    }

    /// <summary>The weak ETag of an identity: its SHA-256, first 128 bits (weak: the same tile may
    /// travel brotli'd, gzip'd or plain).</summary>
    public static string ETagOf(string identity) =>
        "W/\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)).AsSpan(0, 16)) + "\"";

    /// <summary>The tile rendered for <paramref name="identity"/>, if it is still kept.</summary>
    public bool TryGet(string identity, out byte[] tile)
    {
        tile = [];
        if (cache is null || !cache.TryGetValue(identity, out byte[]? kept) || kept is null)
        {
            RequestMetrics.TileCache("miss");
            return false;
        }
        RequestMetrics.TileCache("hit");
        tile = kept;
        return true;
    }

    /// <summary>Keeps <paramref name="tile"/> under <paramref name="identity"/>.</summary>
    public void Set(string identity, byte[] tile) =>
        cache?.Set(identity, tile, new MemoryCacheEntryOptions { Size = tile.Length + EntryOverhead });

    public void Dispose() => cache?.Dispose();
}
