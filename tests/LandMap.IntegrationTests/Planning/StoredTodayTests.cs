using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Tests.Analytics;
using LandMap.Tests.Infrastructure;
using LandMap.Tests.Tiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LandMap.Tests.Planning;

/// <summary>The hand-made land and plan in a database of their own (landmap_stored_today), whose
/// stored today's rows the tests build and break; the service's refresher stays off (the test
/// settings), so each test runs its rounds itself, on the day it chooses.</summary>
public sealed class StoredTodaySite(LandMapServer server) : HandMadeSite(server, "landmap_stored_today")
{
    /// <summary>A refresher over this site's database, as the service runs it.</summary>
    internal ParcelTodayRefresher Refresher { get; private set; } = null!;

    public IdleRules Rules => Factory.Services.GetRequiredService<IdleRules>();

    public Task<HttpClient> CreateClientAsync(string role) => Factory.CreateClientAsync(role);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await CompliancePlan.InsertAsync(DataSource);
        Refresher = new ParcelTodayRefresher(DataSource, new ParcelTodayOptions(), Rules, NullLogger<ParcelTodayRefresher>.Instance);
    }
}

/// <summary>
/// Issue 18 point 4: the stored today's state and compliance (migration 0048) equal the live
/// computation for every parcel after every kind of write (parcels inserted, edited, deleted;
/// events; plan zones and control lines edited; the compliance rules changed; the day rolled
/// over), and the readers (items and their CQL2 filters, the compliance report and totals, the
/// supervision lists) answer the same whether they read the stored rows or compute live.
/// </summary>
public sealed class StoredTodayTests(StoredTodaySite site) : IClassFixture<StoredTodaySite>
{
    private static readonly string[] Readers =
    [
        "ogc/collections/parcels/items?limit=10000&properties=code,state,compliance,noncompliant_rules",
        "ogc/collections/parcels/items?limit=10000&properties=code&filter=" + Uri.EscapeDataString("compliance = 'noncompliant'"),
        "ogc/collections/parcels/items?limit=10000&properties=code&filter=" + Uri.EscapeDataString("noncompliant_rules LIKE '%line%' OR state = 'suspected_idle'"),
        "api/planning/compliance",
        "api/planning/compliance/totals",
        "api/supervision/idle-candidates",
        "api/supervision/contract-warnings",
    ];

    private async Task ExecAsync(string sql, params object[] values)
    {
        await using var cmd = site.DataSource.CreateCommand(sql);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql, params object[] values)
    {
        await using var cmd = site.DataSource.CreateCommand(sql);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>The parcels whose stored row differs from the live computation on <paramref name="day"/>
    /// (parcel_state_at() under the service's idle rules, parcel_compliance_rules(), parcel_compliance_not_checked()),
    /// or that have a row and no parcel, or a parcel and no row.</summary>
    private async Task<List<string>> DifferencesAsync(DateOnly day)
    {
        var r = site.Rules;
        await using var cmd = site.DataSource.CreateCommand("""
            select p.code from parcels as p
            left join parcel_today as t on t.parcel_id = p.id and t.on_date = $1
            left join lateral parcel_state_at(p, $1, $2, $3, $4, $5, $6, $7, $8) as s on true
            cross join lateral (select parcel_compliance_rules(p, $1) as rules) as c
            where t.parcel_id is null
               or row(s.state, s.idle_on, s.idle_rule, s.determined_on, s.recoverable_on, parcel_compliance_of(c.rules), coalesce(c.rules, ''),
                      array(select n from parcel_compliance_not_checked(p, $1) as n order by 1))
                  is distinct from
                  row(t.state, t.idle_on, t.idle_rule, t.determined_on, t.recoverable_on, t.compliance, t.noncompliant_rules,
                      array(select n from unnest(t.not_checked) as n order by 1))
            union all
            select 'row without parcel ' || t.parcel_id from parcel_today as t
            where t.on_date = $1 and not exists (select 1 from parcels as p where p.id = t.parcel_id)
            """);
        foreach (var v in new object[] { day, r.NotStartedYears, r.BuiltArea.Numerator, r.BuiltArea.Denominator, r.Investment.Numerator,
                     r.Investment.Denominator, r.HaltedYears, r.RecoveryYears })
            cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        var codes = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) codes.Add(reader.GetString(0));
        return codes;
    }

    /// <summary>Every reader's answer (without the moment it was made).</summary>
    private async Task<List<string>> AnswersAsync()
    {
        var answers = new List<string>();
        foreach (var url in Readers)
        {
            var body = (JsonObject)await site.Client.GetJsonAsync(url);
            body.Remove("timeStamp");
            answers.Add(url + " " + body.ToJsonString());
        }
        return answers;
    }

    /// <summary>The compliance of the parcel <paramref name="code"/> today as the live computation gives it.</summary>
    private Task<string> LiveComplianceAsync(string code) => ScalarAsync<string>(
        "select parcel_compliance_of(parcel_compliance_rules(p, $1)) from parcels as p where p.code = $2", ZoneClock.Today, code);

    private Task<bool> CurrentAsync() => ScalarAsync<bool>(
        "select exists (select 1 from parcel_today_built where on_date = $1 and not ahead) and not exists (select 1 from parcel_today_dirty)", ZoneClock.Today);

    /// <summary>The stored rows are today's and equal the live computation, and every reader answers
    /// the same from them as live (a mark in parcel_today_dirty sends the readers live).</summary>
    private async Task AssertSameAsLiveAsync(string step)
    {
        Assert.True(await CurrentAsync(), $"{step}: the stored rows are not current");
        var differences = await DifferencesAsync(ZoneClock.Today);
        Assert.True(differences.Count == 0, $"{step}: stored rows differ from the live computation for {string.Join(", ", differences)}");
        var stored = await AnswersAsync();
        await ExecAsync("insert into parcel_today_dirty (parcel_id) values (-1)");
        var live = await AnswersAsync();
        await ExecAsync("delete from parcel_today_dirty where parcel_id = -1");
        for (var i = 0; i < Readers.Length; i++) Assert.True(live[i] == stored[i], $"{step}: stored and live answers differ:\n{stored[i]}\n{live[i]}");
    }

    private async Task RebuildAsync(DateOnly? day = null)
    {
        await ExecAsync("delete from parcel_today_built");
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None, day));
    }

    [Fact]
    public async Task Parcel_writes_and_events_keep_the_stored_rows_equal_to_the_live_computation()
    {
        await RebuildAsync();
        await AssertSameAsLiveAsync("built");
        await ExecAsync($"""
            insert into parcels (code, park_code, land_use, status, plot_ratio, building_density, green_ratio, source, geom)
            select 'ST-' || i, '{CompliancePlan.Park}', '0601', 'in_use', 1.2 + i / 10.0, 0.4, 0.15, 'hand-made',
                   st_multi(st_transform(st_makeenvelope({CompliancePlan.E} + i * 100, {CompliancePlan.N} + 300, {CompliancePlan.E} + i * 100 + 90, {CompliancePlan.N} + 390, 4549), 4490))
            from generate_series(0, 9) as i
            """);
        await AssertSameAsLiveAsync("ten parcels inserted");
        await ExecAsync("update parcels set plot_ratio = 1.2, land_use = '0701' where code in ('ST-5', 'C-OK')");
        await AssertSameAsLiveAsync("figures edited");
        // Moved 20 m north into the red line (y 600-620), and off the plan.
        await ExecAsync("update parcels set geom = st_translate(geom, 0, 0.0021) where code = 'ST-1'");
        await AssertSameAsLiveAsync("a geometry edited");
        await ExecAsync("delete from parcels where code in ('ST-2', 'ST-3')");
        await AssertSameAsLiveAsync("parcels deleted");
        await ExecAsync("""
            insert into parcel_events (parcel_id, kind, occurred_on, document_no)
            select id, 'recovered_with_compensation', current_date - 1, 'ST-EV' from parcels where code like 'T1-%' and status <> 'recovered'
            """);
        await AssertSameAsLiveAsync("events inserted");
        await ExecAsync("delete from parcel_events where document_no = 'ST-EV'");
        await AssertSameAsLiveAsync("events deleted");
    }

    [Fact]
    public async Task A_parcel_edited_through_the_API_is_refreshed_in_its_own_transaction()
    {
        await RebuildAsync();
        using var client = await site.CreateClientAsync("surveyor");
        var id = await ScalarAsync<long>("select id from parcels where code = 'C-PR-UNDER'");
        var version = await ScalarAsync<long>("select version::bigint from parcels where id = $1", id);
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"ogc/collections/parcels/items/{id}")
        {
            Content = new StringContent("""{"properties":{"plot_ratio":1.2}}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"parcels-{id}-v{version}-d{ZoneClock.Today:yyyyMMdd}\"");
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(await LiveComplianceAsync("C-PR-UNDER"), await ScalarAsync<string>("select compliance from parcel_today where parcel_id = $1", id));
        await AssertSameAsLiveAsync("a PATCH");
    }

    [Fact]
    public async Task Plan_zone_and_control_line_edits_refresh_the_parcels_under_the_old_and_the_new_geometry()
    {
        await RebuildAsync();
        // Zone B moved 1 km east: the parcels it left have no plan, those it reaches gain one.
        await ExecAsync("update plan_zones set geom = st_translate(geom, 0.0105, 0) where code = 'ZB-1'");
        await AssertSameAsLiveAsync("a plan zone moved");
        await ExecAsync("update plan_zones set plot_ratio_max = 1.0 where code = 'ZA-2'");
        await AssertSameAsLiveAsync("a plan zone's figure edited");
        await ExecAsync("delete from plan_zones where code = 'ZA-2'");
        await AssertSameAsLiveAsync("a plan zone deleted");
        await ExecAsync("update control_lines set geom = st_translate(geom, 0, -0.0009) where code = 'RL-1'");
        await AssertSameAsLiveAsync("a red line moved");
        await ExecAsync("delete from protected_areas where code = 'PA-1'");
        await AssertSameAsLiveAsync("a protected area deleted");
    }

    [Fact]
    public async Task A_changed_rule_drops_the_copy_and_readers_compute_live_until_it_is_rebuilt()
    {
        await RebuildAsync();
        await ExecAsync("update compliance_rules set limit_value = limit_value + 0.01 where code = 'industrial_admin_over'");
        Assert.False(await CurrentAsync());
        // A stored row changed by hand is not read while the copy is dropped.
        await ExecAsync("update parcel_today set compliance = 'tampered'");
        var items = await site.Client.GetJsonAsync(Readers[0]);
        Assert.DoesNotContain("tampered", items.ToJsonString());
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None));
        await AssertSameAsLiveAsync("rebuilt after a rule change");
        await ExecAsync("update compliance_rules set limit_value = limit_value - 0.01 where code = 'industrial_admin_over'");
    }

    [Fact]
    public async Task Every_reader_reads_the_stored_rows_when_current()
    {
        await RebuildAsync();
        await ExecAsync("insert into parcel_today_dirty (parcel_id) values (-1)");
        var live = await AnswersAsync();
        await ExecAsync("delete from parcel_today_dirty where parcel_id = -1");
        // Rows no computation gives: each reader's answer moves with them.
        await ExecAsync("""
            update parcel_today set compliance = 'compliant', noncompliant_rules = '', not_checked = '{plot_ratio_over}';
            update parcel_today set state = 'suspected_idle', idle_on = '2000-01-02', idle_rule = 'not_started', determined_on = null,
                recoverable_on = '2002-01-02' where state in ('supplied_unused', 'in_use');
            """);
        var stored = await AnswersAsync();
        await RebuildAsync();
        // The contract warnings read the same statement as the candidates (SupervisionSql.Watch), but
        // warn of contract dates near today, which the hand-made land (of 2020) has none of.
        for (var i = 0; i < Readers.Length; i++)
            Assert.True(live[i] != stored[i] || Readers[i].EndsWith("contract-warnings", StringComparison.Ordinal), $"{Readers[i]} did not read the stored rows");
    }

    [Fact]
    public async Task On_a_new_day_readers_compute_live_until_the_rebuild_for_it()
    {
        var today = ZoneClock.Today;
        // Built yesterday (the rows are yesterday's): today's readers must not read them.
        await RebuildAsync(today.AddDays(-1));
        Assert.Empty(await DifferencesAsync(today.AddDays(-1)));
        Assert.False(await CurrentAsync());
        await ExecAsync("""
            insert into parcel_events (parcel_id, kind, occurred_on, document_no)
            select id, 'idle_determined', current_date, 'ST-DAY' from parcels where code like 'T1-%'
            """);
        var live = await AnswersAsync();
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None));
        Assert.Equal(live, await AnswersAsync());
        await AssertSameAsLiveAsync("rebuilt for today");
        await ExecAsync("delete from parcel_events where document_no = 'ST-DAY'");
    }

    [Fact]
    public async Task A_write_during_a_rebuild_is_marked_and_folded_in()
    {
        await RebuildAsync();
        await using (var refresher = await site.DataSource.OpenConnectionAsync())
        {
            // The refresher's lock held, as during a rebuild: the write cannot refresh in its own transaction.
            await using var tx = await refresher.BeginTransactionAsync();
            await using (var lockCmd = new NpgsqlCommand("select pg_advisory_xact_lock(1280135100)", refresher, tx)) await lockCmd.ExecuteNonQueryAsync();
            await ExecAsync("update parcels set plot_ratio = 9 where code = 'C-OK'");
            await tx.RollbackAsync();
        }
        Assert.False(await CurrentAsync());
        Assert.Equal(await LiveComplianceAsync("C-OK"), (string?)(await site.Client.GetJsonAsync(
            $"ogc/collections/parcels/items?properties=compliance&filter={Uri.EscapeDataString("code = 'C-OK'")}"))["features"]![0]!["properties"]!["compliance"]);
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None));
        await AssertSameAsLiveAsync("marked parcels folded in");
        await ExecAsync("update parcels set plot_ratio = 1.5 where code = 'C-OK'");
    }

    [Fact]
    public async Task A_large_write_is_marked_for_the_refresher_instead_of_refreshed_in_its_transaction()
    {
        await RebuildAsync();
        // 300 parcels in one statement: past the write path's 256, so the upload does not pay ~1 ms a parcel.
        await ExecAsync($"""
            insert into parcels (code, park_code, land_use, status, plot_ratio, building_density, green_ratio, source, geom)
            select 'SL-' || i, '{CompliancePlan.Park}', '0601', 'in_use', 1.2, 0.4, 0.15, 'hand-made',
                   st_multi(st_transform(st_makeenvelope({CompliancePlan.E} + (i % 30) * 20, {CompliancePlan.N} + 2000 + (i / 30) * 20,
                                                          {CompliancePlan.E} + (i % 30) * 20 + 15, {CompliancePlan.N} + 2015 + (i / 30) * 20, 4549), 4490))
            from generate_series(0, 299) as i
            """);
        Assert.Equal(300L, await ScalarAsync<long>("select count(*) from parcel_today_dirty"));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from parcel_today as t join parcels as p on p.id = t.parcel_id where p.code like 'SL-%'"));
        Assert.False(await CurrentAsync());
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None));
        await AssertSameAsLiveAsync("a large insert folded in");
        await ExecAsync("delete from parcels where code like 'SL-%'");
        Assert.False(await CurrentAsync());
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None));
        await AssertSameAsLiveAsync("a large delete folded in");
    }

    private Task<DateTime> BuiltAtAsync(DateOnly day) => ScalarAsync<DateTime>("select built_at from parcel_today_built where on_date = $1", day);

    [Fact]
    public async Task The_next_day_is_built_ahead_kept_from_the_log_and_taken_over_at_the_rollover_without_a_rebuild()
    {
        var today = ZoneClock.Today;
        var tomorrow = today.AddDays(1);
        await RebuildAsync();
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None), "the next day is built ahead");
        Assert.True(await ScalarAsync<bool>("select ahead from parcel_today_built where on_date = $1", tomorrow));
        Assert.Empty(await DifferencesAsync(tomorrow));
        Assert.False(await site.Refresher.RefreshOnceAsync(CancellationToken.None), "nothing left to do");

        // Writes while both days are held: today's rows stay current in the writers' transactions,
        // the next day's parcels are logged for the refresher.
        await ExecAsync($"""
            insert into parcels (code, park_code, land_use, status, plot_ratio, building_density, green_ratio, source, geom)
            select 'AH-' || i, '{CompliancePlan.Park}', '0601', 'in_use', 1.2 + i / 10.0, 0.4, 0.15, 'hand-made',
                   st_multi(st_transform(st_makeenvelope({CompliancePlan.E} + i * 100, {CompliancePlan.N} + 3000, {CompliancePlan.E} + i * 100 + 90, {CompliancePlan.N} + 3090, 4549), 4490))
            from generate_series(0, 4) as i
            """);
        await ExecAsync("update parcels set plot_ratio = 9 where code = 'C-OK'");
        await AssertSameAsLiveAsync("written while the next day is held");
        Assert.NotEmpty(await DifferencesAsync(tomorrow));
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None), "the log is folded into the next day");
        Assert.Empty(await DifferencesAsync(tomorrow));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from parcel_today_ahead_log"));

        // Written again after the fold, then midnight: the rollover folds the rest and takes the rows over.
        await ExecAsync("delete from parcels where code = 'AH-0'");
        await ExecAsync("""
            insert into parcel_events (parcel_id, kind, occurred_on, document_no)
            select id, 'idle_determined', current_date, 'AH-EV' from parcels where code like 'T1-%'
            """);
        var builtAt = await BuiltAtAsync(tomorrow);
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None, tomorrow));
        Assert.Equal(builtAt, await BuiltAtAsync(tomorrow)); // taken over, not rebuilt
        Assert.Equal([tomorrow], await ListAsync<DateOnly>("select on_date from parcel_today_built where not ahead"));
        Assert.Equal([tomorrow], await ListAsync<DateOnly>("select distinct on_date from parcel_today"));
        Assert.Empty(await DifferencesAsync(tomorrow));

        await ExecAsync("delete from parcel_events where document_no = 'AH-EV'");
        await ExecAsync("delete from parcels where code like 'AH-%'");
        await ExecAsync("update parcels set plot_ratio = 1.5 where code = 'C-OK'");
        await RebuildAsync();
        await AssertSameAsLiveAsync("rebuilt for today after the rollover");
    }

    [Fact]
    public async Task A_write_committed_after_the_next_days_computation_is_folded_in_and_today_stays_current()
    {
        var tomorrow = ZoneClock.Today.AddDays(1);
        await RebuildAsync();
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
        Assert.True(await CurrentAsync());
        Assert.Equal(["AW-1"], await DifferencesAsync(tomorrow));
        Assert.True(await site.Refresher.RefreshOnceAsync(CancellationToken.None));
        Assert.Empty(await DifferencesAsync(tomorrow));
        await AssertSameAsLiveAsync("after the fold");
        await ExecAsync("delete from parcels where code = 'AW-1'");
    }

    private async Task<List<T>> ListAsync<T>(string sql)
    {
        await using var cmd = site.DataSource.CreateCommand(sql);
        var list = new List<T>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add(reader.GetFieldValue<T>(0));
        return list;
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
        await RebuildAsync();
        var fromStored = await TileAsync();
        Assert.Equal("noncompliant", fromStored["C-RED"].Compliance);
        // Rows no computation gives; a write elsewhere gives the tile a new identity (no cached bytes).
        await ExecAsync("update parcel_today set compliance = 'compliant', noncompliant_rules = ''");
        await ExecAsync("update parcels set name = name where code = 'C-OK'");
        var tampered = await TileAsync();
        Assert.Equal(("compliant", ""), (tampered["C-RED"].Compliance, tampered["C-RED"].Rules));
        // Not current (a parcel marked): computed live, as before the copy.
        await ExecAsync("insert into parcel_today_dirty (parcel_id) values (-1)");
        await ExecAsync("update parcels set name = name where code = 'C-OK'");
        var live = await TileAsync();
        await ExecAsync("delete from parcel_today_dirty where parcel_id = -1");
        await RebuildAsync();
        Assert.Equal(fromStored, live);
    }
}
