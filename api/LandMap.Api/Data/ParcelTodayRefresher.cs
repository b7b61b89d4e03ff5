using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using LandMap.Api.Domain;
using Npgsql;

namespace LandMap.Api.Data;

/// <summary>The stored today's state and compliance, settings under <c>LandMap:ParcelToday</c>.</summary>
public sealed class ParcelTodayOptions
{
    public const string Section = "LandMap:ParcelToday";

    /// <summary>False: nothing is built, and every reader computes the state and compliance live.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the refresher looks for a new day, other rules or marked parcels (milliseconds).</summary>
    [Range(50, 60_000)] public int RefreshMilliseconds { get; set; } = 500;
}

/// <summary>
/// Keeps the stored today's rows (migration 0048) usable: rebuilds every parcel's row when the zone's
/// date (<see cref="ZoneClock.Today"/>: the day rollover) or the idle rules differ from the built ones,
/// or the copy was dropped (the compliance rules, land-use classes or the encroachment tolerance
/// changed), and folds in the parcels written while a rebuild ran (parcel_today_dirty). The same
/// round as the overview's refresher (Features/Tiles/OverviewRefresher): work only when there is
/// some, one refresher per database (an advisory lock, which the write path takes shared).
/// Readers compute live meanwhile, so a rebuild is never waited for.
/// </summary>
internal sealed class ParcelTodayRefresher(NpgsqlDataSource db, ParcelTodayOptions options, IdleRules rules,
    ILogger<ParcelTodayRefresher> logger) : BackgroundService
{
    /// <summary>The lock the write path takes shared (parcel_today_touch()); held here exclusively.</summary>
    private const long LockKey = 1280135100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.RefreshMilliseconds));
        do
        {
            try
            {
                await RefreshOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Database away or not migrated yet: try again on the next tick.
                logger.LogWarning(e, "Parcel today: refresh failed, retrying");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round for <paramref name="today"/> (default the zone's): rebuild when the built date
    /// or rules differ, else fold in the marked parcels. True when it did either.</summary>
    internal async Task<bool> RefreshOnceAsync(CancellationToken ct, DateOnly? today = null)
    {
        var date = today ?? ZoneClock.Today;
        var key = ParcelTodaySql.RulesKey(rules);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rebuild = !await ScalarAsync(conn, null, "select exists (select 1 from parcel_today_built where on_date = $1 and rules = $2)", ct, date, key);
        if (!rebuild && !await ScalarAsync(conn, null, "select exists (select 1 from parcel_today_dirty)", ct)) return false;
        await using var tx = await conn.BeginTransactionAsync(ct);
        // A writer holding it shared is refreshing its parcels itself: the next round.
        if (!await ScalarAsync(conn, tx, $"select pg_try_advisory_xact_lock({LockKey})", ct)) return false;
        var watch = Stopwatch.StartNew();
        if (rebuild)
        {
            // The marks are older than the rebuild's snapshot, which holds their writes.
            await ExecAsync(conn, tx, "delete from parcel_today_dirty", ct);
            await ExecAsync(conn, tx, ParcelTodaySql.Build, ct, date, key);
            logger.LogInformation("Parcel today: built for {Date} in {Ms} ms", date, watch.ElapsedMilliseconds);
        }
        else
        {
            await ExecAsync(conn, tx, ParcelTodaySql.FoldMarked, ct);
            logger.LogDebug("Parcel today: marked parcels folded in in {Ms} ms", watch.ElapsedMilliseconds);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct, params object[] values)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 }; // every parcel at a million takes minutes
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<bool> ScalarAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct, params object[] values)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
