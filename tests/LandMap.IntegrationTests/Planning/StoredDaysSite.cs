using System.Text.Json.Nodes;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Tests.Analytics;
using LandMap.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LandMap.Tests.Planning;

/// <summary>The hand-made land and plan in a database of its own, whose stored today's rows the
/// tests build and break, and the checks they make of them; the service's refresher stays off (the
/// test settings), so each test runs its rounds itself, on the day it chooses.</summary>
public abstract class StoredDaysSite(LandMapServer server, string database) : HandMadeSite(server, database)
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

    /// <summary>The readers of the stored rows, each asked as a client would.</summary>
    public static readonly string[] Readers =
    [
        "ogc/collections/parcels/items?limit=10000&properties=code,state,compliance,noncompliant_rules",
        "ogc/collections/parcels/items?limit=10000&properties=code&filter=" + Uri.EscapeDataString("compliance = 'noncompliant'"),
        "ogc/collections/parcels/items?limit=10000&properties=code&filter=" + Uri.EscapeDataString("noncompliant_rules LIKE '%line%' OR state = 'suspected_idle'"),
        "api/planning/compliance",
        "api/planning/compliance/totals",
        "api/supervision/idle-candidates",
        "api/supervision/contract-warnings",
    ];

    internal async Task ExecAsync(string sql, params object[] values)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        await cmd.ExecuteNonQueryAsync();
    }

    internal async Task<T> ScalarAsync<T>(string sql, params object[] values)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>The parcels whose stored row differs from the live computation on <paramref name="day"/>
    /// (parcel_state_at() under the service's idle rules, parcel_compliance_rules(), parcel_compliance_not_checked()),
    /// or that have a row and no parcel, or a parcel and no row.</summary>
    internal async Task<List<string>> DifferencesAsync(DateOnly day)
    {
        var r = Rules;
        await using var cmd = DataSource.CreateCommand("""
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
    internal async Task<List<string>> AnswersAsync()
    {
        var answers = new List<string>();
        foreach (var url in Readers)
        {
            var body = (JsonObject)await Client.GetJsonAsync(url);
            body.Remove("timeStamp");
            answers.Add(url + " " + body.ToJsonString());
        }
        return answers;
    }

    /// <summary>The compliance of the parcel <paramref name="code"/> today as the live computation gives it.</summary>
    internal Task<string> LiveComplianceAsync(string code) => ScalarAsync<string>(
        "select parcel_compliance_of(parcel_compliance_rules(p, $1)) from parcels as p where p.code = $2", ZoneClock.Today, code);

    internal Task<bool> CurrentAsync() => ScalarAsync<bool>(
        "select exists (select 1 from parcel_today_built where on_date = $1 and not ahead) and not exists (select 1 from parcel_today_dirty)", ZoneClock.Today);

    /// <summary>The stored rows are today's and equal the live computation, and every reader answers
    /// the same from them as live (a mark in parcel_today_dirty sends the readers live).</summary>
    internal async Task AssertSameAsLiveAsync(string step)
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

    internal async Task RebuildAsync(DateOnly? day = null)
    {
        await ExecAsync("delete from parcel_today_built");
        Assert.True(await Refresher.RefreshOnceAsync(CancellationToken.None, day));
    }

    internal Task<DateTime> BuiltAtAsync(DateOnly day) => ScalarAsync<DateTime>("select built_at from parcel_today_built where on_date = $1", day);

    internal async Task<List<T>> ListAsync<T>(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        var list = new List<T>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add(reader.GetFieldValue<T>(0));
        return list;
    }
}

/// <summary>The stored today's rows' site (database landmap_stored_today).</summary>
public sealed class StoredTodaySite(LandMapServer server) : StoredDaysSite(server, "landmap_stored_today");

/// <summary>The next day's rows' site (database landmap_stored_ahead).</summary>
public sealed class StoredAheadSite(LandMapServer server) : StoredDaysSite(server, "landmap_stored_ahead");
