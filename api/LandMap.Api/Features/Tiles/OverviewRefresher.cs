using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using Npgsql;

namespace LandMap.Api.Features.Tiles;

/// <summary>
/// Keeps the overview (migration 0045) current: builds the dates it is held for (the zone's today
/// first, then the year ends from <see cref="OverviewOptions.FirstYear"/>, latest first), rebuilds
/// the finest cells whose parcels or events changed in writes too large to refresh themselves (the write path marks them in
/// parcel_overview_dirty) for every held date within <see cref="OverviewOptions.RefreshMilliseconds"/>,
/// drops dates no longer wanted (yesterday's today) or built under other idle rules, and bumps the
/// overview's change counter whenever cells change so tile ETags and the tile cache follow. One
/// refresher works at a time per database (an advisory lock), however many API processes run.
/// </summary>
internal sealed class OverviewRefresher(NpgsqlDataSource db, OverviewOptions options, IdleRules rules,
    ILogger<OverviewRefresher> logger) : BackgroundService
{
    /// <summary>Marked cells beyond this many rebuild the whole overview (a bulk load).</summary>
    private const int WholeRebuildCells = 20_000;

    /// <summary>The lock the write path takes shared to refresh cells in its own transaction
    /// (Repeatable/parcel_overview.sql); held here exclusively, so no write refreshes while a date
    /// is built (it marks its cells instead, folded in by the next round).</summary>
    private const long LockKey = 1280134998;

    /// <summary>The most parcels any held date counts (its grid-10 cells summed).</summary>
    private const string LargestDate =
        "select coalesce(max(n), 0)::bigint from (select sum(parcels) as n from parcel_overview where z = 10 group by on_date) as d";

    private const string Bump = "update collection_versions set version = version + 1, changed_at = now() where collection = 'parcel_overview'";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.RefreshMilliseconds));
        do
        {
            try
            {
                // Work while there is some (a build per round, so writes are folded in between builds).
                while (await RefreshOnceAsync(stoppingToken)) { }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Database away or not migrated yet: try again on the next tick.
                logger.LogWarning(e, "Overview: refresh failed, retrying");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>The dates the overview is held for: the zone's today, the next day (built ahead, so at the
    /// rollover the new today is held already: building a date at 1,000,000 parcels takes tens of
    /// seconds, all tiles and totals computed live meanwhile), then year ends, latest first.</summary>
    public static IEnumerable<DateOnly> WantedDates(DateOnly today, int firstYear)
    {
        yield return today;
        yield return today.AddDays(1);
        for (var y = today.Year - 1; y >= firstYear; y--) yield return new DateOnly(y, 12, 31);
    }

    /// <summary>One round: fold in marked writes, drop stale dates, build one missing date. True when
    /// more work may wait.</summary>
    internal async Task<bool> RefreshOnceAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var key = ParcelOverview.RulesKey(rules);
        var wanted = WantedDates(ZoneClock.Today, options.FirstYear).ToList();
        // The lock only when there is work: writes refresh their cells themselves while it is free.
        await using (var any = new NpgsqlCommand("""
            select exists (select 1 from parcel_overview_dirty)
                or exists (select 1 from parcel_overview_dates where not (on_date = any($1) and rules = $2))
                or (select count(*) from parcel_overview_dates where on_date = any($1) and rules = $2) < cardinality($1)
            """, conn))
        {
            any.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [.. wanted] });
            any.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            if (!(bool)(await any.ExecuteScalarAsync(ct))!) return false;
        }
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await ScalarAsync<bool>(conn, $"select pg_try_advisory_xact_lock({LockKey})", ct)) return false;
        var largestBefore = await ScalarAsync<long>(conn, LargestDate, ct);
        var held = new List<DateOnly>();
        await using (var cmd = new NpgsqlCommand("select on_date from parcel_overview_dates where rules = $1", conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) held.Add(r.GetFieldValue<DateOnly>(0));
        }
        var changed = false;
        // Dates no longer wanted, or built under other rules, go (their cells cascade).
        await using (var drop = new NpgsqlCommand("delete from parcel_overview_dates where not (on_date = any($1) and rules = $2)", conn, tx))
        {
            drop.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [.. wanted] });
            drop.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            changed |= await drop.ExecuteNonQueryAsync(ct) > 0;
        }
        held = [.. held.Where(wanted.Contains)];
        var watch = Stopwatch.StartNew();
        var (everything, xs, ys) = await TakeMarkedAsync(conn, tx, ct);
        if (everything)
        {
            await Exec(conn, tx, "delete from parcel_overview_dates", ct);
            held.Clear();
            changed = true;
        }
        else if (xs.Length > 0)
        {
            foreach (var d in held)
                await RunAsync(conn, tx, OverviewSql.Refresh, ct, d, key, xs, ys);
            changed = true;
            logger.LogDebug("Overview: {Cells} marked cells refreshed for {Dates} dates in {Ms} ms", xs.Length, held.Count, watch.ElapsedMilliseconds);
        }
        var missing = wanted.Where(d => !held.Contains(d)).Take(1).ToList();
        foreach (var d in missing)
        {
            await RunAsync(conn, tx, "insert into parcel_overview_dates (on_date, rules) values ($1, $2)", ct, d, key);
            await RunAsync(conn, tx, OverviewSql.Build, ct, d, key);
            changed = true;
            logger.LogInformation("Overview: built for {Date} in {Ms} ms", d, watch.ElapsedMilliseconds);
        }
        // A tile can only be drawn from the overview when a date holds more parcels than a tile may
        // show one by one: below that (a small zone) the tiles never change with the overview, and
        // their ETags do not move with it either.
        if (changed && Math.Max(largestBefore, await ScalarAsync<long>(conn, LargestDate, ct)) > options.TileParcels)
            await Exec(conn, tx, Bump, ct);
        await tx.CommitAsync(ct);
        return missing.Count > 0;
    }

    /// <summary>Takes the marked cells (emptying the mark table); a truncate's mark, or more cells than
    /// a rebuild costs, is everything.</summary>
    private static async Task<(bool Everything, int[] Xs, int[] Ys)> TakeMarkedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "with taken as (delete from parcel_overview_dirty returning cx, cy) select distinct cx, cy from taken", conn, tx);
        var xs = new List<int>();
        var ys = new List<int>();
        var everything = false;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                if (r.IsDBNull(0)) everything = true;
                else { xs.Add(r.GetInt32(0)); ys.Add(r.GetInt32(1)); }
            }
        }
        return (everything || xs.Count > WholeRebuildCells, [.. xs], [.. ys]);
    }

    private static async Task RunAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct, params object[] values)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 }; // a whole date at a million parcels takes seconds
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task Exec(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, string sql, CancellationToken ct, Func<NpgsqlDataReader, T>? read = null)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return read is null ? r.GetFieldValue<T>(0) : read(r);
    }
}
