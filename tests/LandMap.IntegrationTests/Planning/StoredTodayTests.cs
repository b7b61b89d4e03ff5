using LandMap.Api.Domain;
using LandMap.Tests.Infrastructure;
using LandMap.Tests.Tiles;
using Npgsql;

namespace LandMap.Tests.Planning;

/// <summary>
/// Issue 18 point 4: the stored today's state and compliance (migration 0048) equal the live
/// computation for every parcel after every kind of write (parcels inserted, edited, deleted;
/// events; plan zones and control lines edited; the compliance rules changed; the day rolled
/// over), and the readers (items and their CQL2 filters, the compliance report and totals, the
/// supervision lists) answer the same whether they read the stored rows or compute live.
/// </summary>
public sealed class StoredTodayTests(StoredTodaySite site) : IClassFixture<StoredTodaySite>
{
    [Fact]
    public async Task Parcel_writes_and_events_keep_the_stored_rows_equal_to_the_live_computation()
    {
        await site.RebuildAsync();
        await site.AssertSameAsLiveAsync("built");
        await site.ExecAsync($"""
            insert into parcels (code, park_code, land_use, status, plot_ratio, building_density, green_ratio, source, geom)
            select 'ST-' || i, '{CompliancePlan.Park}', '0601', 'in_use', 1.2 + i / 10.0, 0.4, 0.15, 'hand-made',
                   st_multi(st_transform(st_makeenvelope({CompliancePlan.E} + i * 100, {CompliancePlan.N} + 300, {CompliancePlan.E} + i * 100 + 90, {CompliancePlan.N} + 390, 4549), 4490))
            from generate_series(0, 9) as i
            """);
        await site.AssertSameAsLiveAsync("ten parcels inserted");
        await site.ExecAsync("update parcels set plot_ratio = 1.2, land_use = '0701' where code in ('ST-5', 'C-OK')");
        await site.AssertSameAsLiveAsync("figures edited");
        // Moved 20 m north into the red line (y 600-620), and off the plan.
        await site.ExecAsync("update parcels set geom = st_translate(geom, 0, 0.0021) where code = 'ST-1'");
        await site.AssertSameAsLiveAsync("a geometry edited");
        await site.ExecAsync("delete from parcels where code in ('ST-2', 'ST-3')");
        await site.AssertSameAsLiveAsync("parcels deleted");
        await site.ExecAsync("""
            insert into parcel_events (parcel_id, kind, occurred_on, document_no)
            select id, 'recovered_with_compensation', current_date - 1, 'ST-EV' from parcels where code like 'T1-%' and status <> 'recovered'
            """);
        await site.AssertSameAsLiveAsync("events inserted");
        await site.ExecAsync("delete from parcel_events where document_no = 'ST-EV'");
        await site.AssertSameAsLiveAsync("events deleted");
    }

    [Fact]
    public async Task A_parcel_edited_through_the_API_is_refreshed_in_its_own_transaction()
    {
        await site.RebuildAsync();
        using var client = await site.CreateClientAsync("surveyor");
        var id = await site.ScalarAsync<long>("select id from parcels where code = 'C-PR-UNDER'");
        var version = await site.ScalarAsync<long>("select version::bigint from parcels where id = $1", id);
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"ogc/collections/parcels/items/{id}")
        {
            Content = new StringContent("""{"properties":{"plot_ratio":1.2}}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"parcels-{id}-v{version}-d{ZoneClock.Today:yyyyMMdd}\"");
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(await site.LiveComplianceAsync("C-PR-UNDER"), await site.ScalarAsync<string>("select compliance from parcel_today where parcel_id = $1", id));
        await site.AssertSameAsLiveAsync("a PATCH");
    }

    [Fact]
    public async Task Plan_zone_and_control_line_edits_refresh_the_parcels_under_the_old_and_the_new_geometry()
    {
        await site.RebuildAsync();
        // Zone B moved 1 km east: the parcels it left have no plan, those it reaches gain one.
        await site.ExecAsync("update plan_zones set geom = st_translate(geom, 0.0105, 0) where code = 'ZB-1'");
        await site.AssertSameAsLiveAsync("a plan zone moved");
        await site.ExecAsync("update plan_zones set plot_ratio_max = 1.0 where code = 'ZA-2'");
        await site.AssertSameAsLiveAsync("a plan zone's figure edited");
        await site.ExecAsync("delete from plan_zones where code = 'ZA-2'");
        await site.AssertSameAsLiveAsync("a plan zone deleted");
        await site.ExecAsync("update control_lines set geom = st_translate(geom, 0, -0.0009) where code = 'RL-1'");
        await site.AssertSameAsLiveAsync("a red line moved");
        await site.ExecAsync("delete from protected_areas where code = 'PA-1'");
        await site.AssertSameAsLiveAsync("a protected area deleted");
    }

    [Fact]
    public async Task A_changed_rule_drops_the_copy_and_readers_compute_live_until_it_is_rebuilt()
    {
        await site.RebuildAsync();
        await site.ExecAsync("update compliance_rules set limit_value = limit_value + 0.01 where code = 'industrial_admin_over'");
        Assert.False(await site.CurrentAsync());
        // A stored row changed by hand is not read while the copy is dropped.
        await site.ExecAsync("update parcel_today set compliance = 'tampered'");
        var items = await site.Client.GetJsonAsync(StoredDaysSite.Readers[0]);
        Assert.DoesNotContain("tampered", items.ToJsonString());
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None));
        await site.AssertSameAsLiveAsync("rebuilt after a rule change");
        await site.ExecAsync("update compliance_rules set limit_value = limit_value - 0.01 where code = 'industrial_admin_over'");
    }

    [Fact]
    public async Task Every_reader_reads_the_stored_rows_when_current()
    {
        await site.RebuildAsync();
        await site.ExecAsync("insert into parcel_today_dirty (parcel_id) values (-1)");
        var live = await site.AnswersAsync();
        await site.ExecAsync("delete from parcel_today_dirty where parcel_id = -1");
        // Rows no computation gives: each reader's answer moves with them.
        await site.ExecAsync("""
            update parcel_today set compliance = 'compliant', noncompliant_rules = '', not_checked = '{plot_ratio_over}';
            update parcel_today set state = 'suspected_idle', idle_on = '2000-01-02', idle_rule = 'not_started', determined_on = null,
                recoverable_on = '2002-01-02' where state in ('supplied_unused', 'in_use');
            """);
        var stored = await site.AnswersAsync();
        await site.RebuildAsync();
        // The contract warnings read the same statement as the candidates (SupervisionSql.Watch), but
        // warn of contract dates near today, which the hand-made land (of 2020) has none of.
        for (var i = 0; i < StoredDaysSite.Readers.Length; i++)
            Assert.True(live[i] != stored[i] || StoredDaysSite.Readers[i].EndsWith("contract-warnings", StringComparison.Ordinal), $"{StoredDaysSite.Readers[i]} did not read the stored rows");
    }

    [Fact]
    public async Task On_a_new_day_readers_compute_live_until_the_rebuild_for_it()
    {
        var today = ZoneClock.Today;
        // Built yesterday (the rows are yesterday's): today's readers must not read them.
        await site.RebuildAsync(today.AddDays(-1));
        Assert.Empty(await site.DifferencesAsync(today.AddDays(-1)));
        Assert.False(await site.CurrentAsync());
        await site.ExecAsync("""
            insert into parcel_events (parcel_id, kind, occurred_on, document_no)
            select id, 'idle_determined', current_date, 'ST-DAY' from parcels where code like 'T1-%'
            """);
        var live = await site.AnswersAsync();
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None));
        Assert.Equal(live, await site.AnswersAsync());
        await site.AssertSameAsLiveAsync("rebuilt for today");
        await site.ExecAsync("delete from parcel_events where document_no = 'ST-DAY'");
    }

    [Fact]
    public async Task A_write_during_a_rebuild_is_marked_and_folded_in()
    {
        await site.RebuildAsync();
        await using (var refresher = await site.DataSource.OpenConnectionAsync())
        {
            // The refresher's lock held, as during a rebuild: the write cannot refresh in its own transaction.
            await using var tx = await refresher.BeginTransactionAsync();
            await using (var lockCmd = new NpgsqlCommand("select pg_advisory_xact_lock(1280135100)", refresher, tx)) await lockCmd.ExecuteNonQueryAsync();
            await site.ExecAsync("update parcels set plot_ratio = 9 where code = 'C-OK'");
            await tx.RollbackAsync();
        }
        Assert.False(await site.CurrentAsync());
        Assert.Equal(await site.LiveComplianceAsync("C-OK"), (string?)(await site.Client.GetJsonAsync(
            $"ogc/collections/parcels/items?properties=compliance&filter={Uri.EscapeDataString("code = 'C-OK'")}"))["features"]![0]!["properties"]!["compliance"]);
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None));
        await site.AssertSameAsLiveAsync("marked parcels folded in");
        await site.ExecAsync("update parcels set plot_ratio = 1.5 where code = 'C-OK'");
    }

    [Fact]
    public async Task A_large_write_is_marked_for_the_refresher_instead_of_refreshed_in_its_transaction()
    {
        await site.RebuildAsync();
        // 300 parcels in one statement: past the write path's 256, so the upload does not pay ~1 ms a parcel.
        await site.ExecAsync($"""
            insert into parcels (code, park_code, land_use, status, plot_ratio, building_density, green_ratio, source, geom)
            select 'SL-' || i, '{CompliancePlan.Park}', '0601', 'in_use', 1.2, 0.4, 0.15, 'hand-made',
                   st_multi(st_transform(st_makeenvelope({CompliancePlan.E} + (i % 30) * 20, {CompliancePlan.N} + 2000 + (i / 30) * 20,
                                                          {CompliancePlan.E} + (i % 30) * 20 + 15, {CompliancePlan.N} + 2015 + (i / 30) * 20, 4549), 4490))
            from generate_series(0, 299) as i
            """);
        Assert.Equal(300L, await site.ScalarAsync<long>("select count(*) from parcel_today_dirty"));
        Assert.Equal(0L, await site.ScalarAsync<long>("select count(*) from parcel_today as t join parcels as p on p.id = t.parcel_id where p.code like 'SL-%'"));
        Assert.False(await site.CurrentAsync());
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None));
        await site.AssertSameAsLiveAsync("a large insert folded in");
        await site.ExecAsync("delete from parcels where code like 'SL-%'");
        Assert.False(await site.CurrentAsync());
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None));
        await site.AssertSameAsLiveAsync("a large delete folded in");
    }

    /// <summary>Each parcel of a z13 tile over the plan: code to (state, compliance, noncompliant_rules).</summary>
    private async Task<Dictionary<string, (string? State, string? Compliance, string Rules)>> TileAsync()
    {
        var one = await site.Client.GetJsonAsync("ogc/collections/parcels/items?filter=" + Uri.EscapeDataString("code = 'C-RED'"));
        var corner = one["features"]![0]!["geometry"]!["coordinates"]![0]![0]![0]!;
        const int z = 13;
        var (x, y) = Slippy.TileAt((double)corner[0]!, (double)corner[1]!, z);
        var bytes = await site.Client.GetByteArrayAsync($"ogc/collections/parcels/tiles/WebMercatorQuad/{z}/{y}/{x}");
        var features = (await Mvt.ReadLayerAsync(bytes, z, x, y, "parcels"))!;
        return features.ToDictionary(f => (string)f!["properties"]!["code"]!, f => (
            (string?)f!["properties"]!["state"], (string?)f["properties"]!["compliance"], (string?)f["properties"]!["noncompliant_rules"] ?? ""));
    }

    [Fact]
    public async Task Tiles_read_the_stored_rows_when_current_and_compute_live_otherwise()
    {
        await site.RebuildAsync();
        var fromStored = await TileAsync();
        Assert.Equal("noncompliant", fromStored["C-RED"].Compliance);
        // Rows no computation gives; a write elsewhere gives the tile a new identity (no cached bytes).
        await site.ExecAsync("update parcel_today set compliance = 'compliant', noncompliant_rules = ''");
        await site.ExecAsync("update parcels set name = name where code = 'C-OK'");
        var tampered = await TileAsync();
        Assert.Equal(("compliant", ""), (tampered["C-RED"].Compliance, tampered["C-RED"].Rules));
        // Not current (a parcel marked): computed live, as before the copy.
        await site.ExecAsync("insert into parcel_today_dirty (parcel_id) values (-1)");
        await site.ExecAsync("update parcels set name = name where code = 'C-OK'");
        var live = await TileAsync();
        await site.ExecAsync("delete from parcel_today_dirty where parcel_id = -1");
        await site.RebuildAsync();
        Assert.Equal(fromStored, live);
    }
}
