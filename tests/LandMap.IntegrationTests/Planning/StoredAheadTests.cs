using LandMap.Api.Domain;
using Npgsql;

namespace LandMap.Tests.Planning;

/// <summary>
/// The next day's rows (migration 0054): built ahead while today's stay current, kept from the log
/// of the parcels written since, and taken over at the rollover without a rebuild.
/// </summary>
public sealed class StoredAheadTests(StoredAheadSite site) : IClassFixture<StoredAheadSite>
{
    [Fact]
    public async Task The_next_day_is_built_ahead_kept_from_the_log_and_taken_over_at_the_rollover_without_a_rebuild()
    {
        var today = ZoneClock.Today;
        var tomorrow = today.AddDays(1);
        await site.RebuildAsync();
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None), "the next day is built ahead");
        Assert.True(await site.ScalarAsync<bool>("select ahead from parcel_today_built where on_date = $1", tomorrow));
        Assert.Empty(await site.DifferencesAsync(tomorrow));
        Assert.False(await site.Refresher.RefreshOnceAsync(CancellationToken.None), "nothing left to do");

        // Writes while both days are held: today's rows stay current in the writers' transactions,
        // the next day's parcels are logged for the refresher.
        await site.ExecAsync($"""
            insert into parcels (code, park_code, land_use, status, plot_ratio, building_density, green_ratio, source, geom)
            select 'AH-' || i, '{CompliancePlan.Park}', '0601', 'in_use', 1.2 + i / 10.0, 0.4, 0.15, 'hand-made',
                   st_multi(st_transform(st_makeenvelope({CompliancePlan.E} + i * 100, {CompliancePlan.N} + 3000, {CompliancePlan.E} + i * 100 + 90, {CompliancePlan.N} + 3090, 4549), 4490))
            from generate_series(0, 4) as i
            """);
        await site.ExecAsync("update parcels set plot_ratio = 9 where code = 'C-OK'");
        await site.AssertSameAsLiveAsync("written while the next day is held");
        Assert.NotEmpty(await site.DifferencesAsync(tomorrow));
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None), "the log is folded into the next day");
        Assert.Empty(await site.DifferencesAsync(tomorrow));
        Assert.Equal(0L, await site.ScalarAsync<long>("select count(*) from parcel_today_ahead_log"));

        // Written again after the fold, then midnight: the rollover folds the rest and takes the rows over.
        await site.ExecAsync("delete from parcels where code = 'AH-0'");
        await site.ExecAsync("""
            insert into parcel_events (parcel_id, kind, occurred_on, document_no)
            select id, 'idle_determined', current_date, 'AH-EV' from parcels where code like 'T1-%'
            """);
        var builtAt = await site.BuiltAtAsync(tomorrow);
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None, tomorrow));
        Assert.Equal(builtAt, await site.BuiltAtAsync(tomorrow)); // taken over, not rebuilt
        Assert.Equal([tomorrow], await site.ListAsync<DateOnly>("select on_date from parcel_today_built where not ahead"));
        Assert.Equal([tomorrow], await site.ListAsync<DateOnly>("select distinct on_date from parcel_today"));
        Assert.Empty(await site.DifferencesAsync(tomorrow));

        await site.ExecAsync("delete from parcel_events where document_no = 'AH-EV'");
        await site.ExecAsync("delete from parcels where code like 'AH-%'");
        await site.ExecAsync("update parcels set plot_ratio = 1.5 where code = 'C-OK'");
        await site.RebuildAsync();
        await site.AssertSameAsLiveAsync("rebuilt for today after the rollover");
    }

    [Fact]
    public async Task A_write_committed_after_the_next_days_computation_is_folded_in_and_today_stays_current()
    {
        var tomorrow = ZoneClock.Today.AddDays(1);
        await site.RebuildAsync();
        await using (var writer = await site.DataSource.OpenConnectionAsync())
        {
            // A write in flight while the next day is computed: the computation cannot see it
            // (a new parcel: its missing row tells, whatever the plan says of it).
            await using var tx = await writer.BeginTransactionAsync();
            await using (var write = new NpgsqlCommand($"""
                insert into parcels (code, park_code, land_use, status, plot_ratio, source, geom)
                values ('AW-1', '{CompliancePlan.Park}', '0601', 'in_use', 1.2, 'hand-made',
                        st_multi(st_transform(st_makeenvelope({CompliancePlan.E}, {CompliancePlan.N} + 4000, {CompliancePlan.E} + 90, {CompliancePlan.N} + 4090, 4549), 4490)))
                """, writer, tx)) await write.ExecuteNonQueryAsync();
            Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None), "the next day is built ahead without waiting for the writer");
            await tx.CommitAsync();
        }
        Assert.True(await site.CurrentAsync());
        Assert.Equal(["AW-1"], await site.DifferencesAsync(tomorrow));
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None));
        Assert.Empty(await site.DifferencesAsync(tomorrow));
        await site.AssertSameAsLiveAsync("after the fold");
        await site.ExecAsync("delete from parcels where code = 'AW-1'");
    }
}
