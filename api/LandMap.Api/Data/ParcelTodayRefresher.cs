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
/// Keeps the stored today's rows (migrations 0048, 0054) usable: rebuilds every parcel's row when the
/// zone's date (<see cref="ZoneClock.Today"/>) or the idle rules differ from the built ones, or the
/// copy was dropped (the compliance rules, land-use classes or the encroachment tolerance changed),
/// and folds in the parcels written while a rebuild ran (parcel_today_dirty). The next day's rows are
/// built ahead and kept up to date from a log of the parcels written since, so at the rollover they
/// are taken over in one short transaction instead of rebuilt (at 1,000,000 parcels under a
/// 10,000-zone plan a rebuild took ~22 minutes, all readers computing live meanwhile). The same
/// round as the overview's refresher (Features/Tiles/OverviewRefresher): work only when there is
/// some, one refresher per database (an advisory lock, which the write path takes shared).
/// Readers compute live meanwhile, so a rebuild is never waited for.
/// </summary>
internal sealed class ParcelTodayRefresher(NpgsqlDataSource db, ParcelTodayOptions options, IdleRules rules,
    ILogger<ParcelTodayRefresher> logger) : BackgroundService
{
    /// <summary>The lock the write path takes shared (parcel_today_touch()); held here exclusively.</summary>
    private const long LockKey = 1280135100;

    /// <summary>Held while the next day's rows are built or folded into: one refresher at a time (writers never take it).</summary>
    private const long AheadLockKey = 1280135101;

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

    /// <summary>One round for <paramref name="today"/> (default the zone's), the first of these that applies:
    /// rebuild today's rows when none are held for its date and rules (or take over the next day's, built
    /// ahead, at the rollover); fold in today's marked parcels; build the next day's rows ahead; fold the
    /// parcels written since into them. True when it did one.</summary>
    internal async Task<bool> RefreshOnceAsync(CancellationToken ct, DateOnly? today = null)
    {
        var date = today ?? ZoneClock.Today;
        var next = date.AddDays(1);
        var key = ParcelTodaySql.RulesKey(rules);
        await using var conn = await db.OpenConnectionAsync(ct);
        var todayHeld = await HeldAsync(conn, date, key, ahead: false, ct);
        if (!todayHeld)
        {
            var takeOver = await HeldAsync(conn, date, key, ahead: true, ct);
            return await UnderLockAsync(conn, LockKey, takeOver ? "took over the day's rows built ahead" : "built", async tx =>
            {
                if (takeOver)
                {
                    await ExecAsync(conn, tx, ParcelTodaySql.TakeOver, ct, date);
                    return;
                }
                // The marks are older than the rebuild's snapshot, which holds their writes.
                await ExecAsync(conn, tx, "delete from parcel_today_dirty", ct);
                await ExecAsync(conn, tx, ParcelTodaySql.Build, ct, date, key);
            }, date, ct);
        }
        if (await ScalarAsync(conn, null, "select exists (select 1 from parcel_today_dirty)", ct))
            return await UnderLockAsync(conn, LockKey, "folded in marked parcels", tx => ExecAsync(conn, tx, ParcelTodaySql.FoldMarked, ct), date, ct);
        // The next day's rows: writers keep today's meanwhile (they only log their parcels for these).
        if (!await HeldAsync(conn, next, key, ahead: true, ct))
            return await UnderLockAsync(conn, AheadLockKey, "built ahead", tx => ExecAsync(conn, tx, ParcelTodaySql.BuildAhead, ct, next, key), next, ct);
        if (await ScalarAsync(conn, null, "select exists (select 1 from parcel_today_ahead_log)", ct))
            return await UnderLockAsync(conn, AheadLockKey, "folded the parcels written since into the day built ahead",
                tx => ExecAsync(conn, tx, ParcelTodaySql.FoldAhead, ct), next, ct);
        return false;
    }

    private static Task<bool> HeldAsync(NpgsqlConnection conn, DateOnly d, string key, bool ahead, CancellationToken ct) =>
        ScalarAsync(conn, null, "select exists (select 1 from parcel_today_built where on_date = $1 and rules = $2 and ahead = $3)", ct, d, key, ahead);

    /// <summary>Runs <paramref name="work"/> in a transaction holding <paramref name="lockKey"/> exclusively;
    /// false (nothing done) when another holds it: a writer refreshing its parcels, or another refresher.</summary>
    private async Task<bool> UnderLockAsync(NpgsqlConnection conn, long lockKey, string what, Func<NpgsqlTransaction, Task> work, DateOnly date, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await ScalarAsync(conn, tx, "select pg_try_advisory_xact_lock($1)", ct, lockKey)) return false;
        var watch = Stopwatch.StartNew();
        await work(tx);
        await tx.CommitAsync(ct);
        logger.LogInformation("Parcel today: {What} for {Date} in {Ms} ms", what, date, watch.ElapsedMilliseconds);
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
