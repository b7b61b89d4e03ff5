using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Analytics;

/// <summary>The hand-made land for tests that record procedure steps (landmap_procedure), with a
/// surveyor's and a viewer's client.</summary>
public sealed class ProcedureSite(LandMapServer server) : HandMadeSite(server, "landmap_procedure")
{
    public HttpClient Surveyor { get; private set; } = null!;
    public HttpClient Viewer { get; private set; } = null!;
    public HttpClient Anonymous => Client;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Surveyor = await Factory.CreateClientAsync("surveyor", "parcels");
        Viewer = await Factory.CreateClientAsync("viewer");
    }

    public override async ValueTask DisposeAsync()
    {
        Surveyor?.Dispose();
        Viewer?.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>
/// The idle-land procedure (《闲置土地处置办法》 Articles 9-16) through POST /api/parcels/{code}/events
/// on the hand-made parcels (D = 2020-06-30): each test walks one parcel, so they run in any order.
/// </summary>
public sealed class ProcedureTests(ProcedureSite site) : IClassFixture<ProcedureSite>
{
    private static JsonObject Step(string kind, string on, string? doc = "温开国土〔测〕1号", string? cause = null,
        string? newStart = null, string? newCompletion = null, decimal? amount = null) => new()
    {
        ["kind"] = kind, ["occurredOn"] = on, ["documentNo"] = doc, ["cause"] = cause,
        ["newAgreedStartOn"] = newStart, ["newAgreedCompletionOn"] = newCompletion, ["amountWan"] = amount,
    };

    private async Task<JsonObject> RecordAsync(string code, JsonObject step, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var response = await site.Surveyor.PostAsJsonAsync($"api/parcels/{code}/events", step);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {body}");
        return body;
    }

    private async Task<string?> StateAsync(string code, string date) =>
        (string?)(await site.Anonymous.GetJsonAsync($"api/parcels/{code}/state?date={date}"))["state"];

    private Task<long> EventsAsync(string code) => site.DataSource.ScalarAsync<long>(
        $"select count(*) from parcel_events e join parcels p on p.id = e.parcel_id where p.code = '{code}'");

    [Fact]
    public async Task A_determination_turns_suspected_idle_land_into_determined_idle_land_and_is_kept()
    {
        Assert.Equal("suspected_idle", await StateAsync("T1-C", "2020-06-30"));
        var version = await site.DataSource.ScalarAsync<int>("select version from parcels where code = 'T1-C'");
        await RecordAsync("T1-C", Step("idle_investigation", "2020-07-02", "温开国土闲调〔2020〕7号"));
        var determined = await RecordAsync("T1-C", Step("idle_determined", "2020-09-01", "温开国土闲认〔2020〕7号", "land_user"));
        Assert.Equal("idle", (string?)determined["stateAfter"]);
        Assert.Equal("idle", await StateAsync("T1-C", "2020-09-01"));
        Assert.Equal("suspected_idle", await StateAsync("T1-C", "2020-08-31"));
        // Each step is a new version of the parcel; the one before is in its history.
        Assert.Equal(version + 2, await site.DataSource.ScalarAsync<int>("select version from parcels where code = 'T1-C'"));
        var events = (await site.Anonymous.GetJsonAsync("api/parcels/T1-C/events")).AsArray();
        var last = events[^1]!;
        Assert.Equal(("idle_determined", "温开国土闲认〔2020〕7号", "land_user", "下达闲置土地认定书"),
            ((string)last["kind"]!, (string)last["documentNo"]!, (string)last["cause"]!, (string)last["nameZh"]!));
        // A second determination of the same spell is refused.
        var again = await RecordAsync("T1-C", Step("idle_determined", "2020-09-02", cause: "land_user"), HttpStatusCode.Conflict);
        Assert.Equal("kind", (string?)again["field"]);
    }

    [Fact]
    public async Task Article_14_fee_at_one_year_and_recovery_without_compensation_at_two()
    {
        // T1-R: agreed start 2016-06-01, idle from 2017-06-02, determined 2017-09-01; no supply price recorded.
        var noPrice = await RecordAsync("T1-R", Step("idle_fee_levied", "2017-10-01"), HttpStatusCode.Conflict);
        Assert.Equal("amountWan", (string?)noPrice["field"]);
        var levied = await RecordAsync("T1-R", Step("idle_fee_levied", "2017-10-01", amount: 12.5m));
        Assert.Equal(12.5m, (decimal)levied["step"]!["amountWan"]!);
        Assert.Equal("amountWan", (string?)(await RecordAsync("T1-R", Step("idle_fee_paid", "2017-10-20", amount: 10m), HttpStatusCode.Conflict))["field"]);
        await RecordAsync("T1-R", Step("idle_fee_paid", "2017-10-20"));
        // Two full years from 2016-06-01 end on 2018-06-01: recovery from 2018-06-02.
        var early = await RecordAsync("T1-R", Step("recovered_without_compensation", "2018-06-01"), HttpStatusCode.Conflict);
        Assert.Equal("occurredOn", (string?)early["field"]);
        Assert.Contains("2018-06-02", (string)early["detail"]!);
        var recovered = await RecordAsync("T1-R", Step("recovered_without_compensation", "2018-06-02"));
        Assert.Equal("recovered", (string?)recovered["stateAfter"]);
        Assert.Equal("recovered", await StateAsync("T1-R", "2020-06-30"));
        var over = await RecordAsync("T1-R", Step("idle_investigation", "2019-01-01"), HttpStatusCode.Conflict);
        Assert.Contains("recovered", (string)over["detail"]!);
    }

    [Fact]
    public async Task Government_causes_lead_to_article_12_and_an_extension_restarts_the_clock()
    {
        // T1-D: halted 2019-06-29, idle by the rule from D.
        await RecordAsync("T1-D", Step("idle_determined", "2020-06-30", cause: "late_handover"));
        var fee = await RecordAsync("T1-D", Step("idle_fee_levied", "2020-07-15", amount: 1m), HttpStatusCode.Conflict);
        Assert.Contains("Article 12", (string)fee["detail"]!);
        // The new start at most a year on (Article 12(1)).
        var far = await RecordAsync("T1-D", Step("extension_agreed", "2020-07-15", newStart: "2021-07-16"), HttpStatusCode.Conflict);
        Assert.Equal("newAgreedStartOn", (string?)far["field"]);
        var extended = await RecordAsync("T1-D", Step("extension_agreed", "2020-07-15", newStart: "2021-01-15"));
        Assert.Equal("in_use", (string?)extended["stateAfter"]);
        // The halted clock now runs from 2021-01-15: idle again from 2022-01-16, suspected until determined.
        Assert.Equal("in_use", await StateAsync("T1-D", "2022-01-15"));
        Assert.Equal("suspected_idle", await StateAsync("T1-D", "2022-01-16"));
    }

    [Fact]
    public async Task A_supplementary_agreements_completion_date_is_what_overdue_completion_reads()
    {
        // T1-J started 2020-01-15 and is building; the agreement sets completion for 2020-05-31.
        await RecordAsync("T1-J", Step("supplementary_agreement", "2020-02-01", "温开补〔2020〕1号", newCompletion: "2020-05-31"));
        var warnings = await site.Anonymous.GetJsonAsync("api/supervision/contract-warnings?date=2020-06-30&park=P-T1");
        var overdue = warnings["lists"]!["completionOverdue"]!["items"]!.AsArray().Single(i => (string)i!["code"]! == "T1-J")!;
        Assert.Equal(("2020-06-01", 30), ((string)overdue["on"]!, (int)overdue["days"]!));
    }

    [Theory]
    [InlineData("""{"occurredOn":"2020-07-01","documentNo":"x"}""", "kind")]
    [InlineData("""{"kind":"idle_gone","occurredOn":"2020-07-01","documentNo":"x"}""", "kind")]
    [InlineData("""{"kind":"idle_investigation","occurredOn":"2020-07-01"}""", "documentNo")]
    [InlineData("""{"kind":"idle_investigation","occurredOn":"2020-7-1","documentNo":"x"}""", "occurredOn")]
    [InlineData("""{"kind":"idle_investigation","occurredOn":"2099-07-01","documentNo":"x"}""", "occurredOn")]
    [InlineData("""{"kind":"idle_investigation","occurredOn":"2020-07-01","documentNo":"x","cause":"land_user"}""", "cause")]
    [InlineData("""{"kind":"idle_determined","occurredOn":"2020-07-01","documentNo":"x","cause":"laziness"}""", "cause")]
    [InlineData("""{"kind":"idle_investigation","occurredOn":"2020-07-01","documentNo":"x","amountWan":5}""", "amountWan")]
    [InlineData("""{"kind":"extension_agreed","occurredOn":"2020-07-01","documentNo":"x"}""", "newAgreedStartOn")]
    public async Task A_malformed_step_is_a_400_naming_its_field_and_changes_nothing(string body, string field)
    {
        var before = await EventsAsync("T1-G");
        using var response = await site.Surveyor.PostAsync("api/parcels/T1-G/events",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"]);
        Assert.Equal(before, await EventsAsync("T1-G"));
    }

    [Theory]
    [InlineData("""{"kind":"idle_fee_levied","occurredOn":"2020-07-01","documentNo":"x","amountWan":"abc"}""")]
    [InlineData("""{"kind":"idle_investigation","occurredOn":20200701,"documentNo":"x"}""")]
    [InlineData("""{"kind":["idle_investigation"],"occurredOn":"2020-07-01","documentNo":"x"}""")]
    [InlineData("""{"kind":"idle_investigation","occurredOn":"2020-07-01","documentNo":"x",""")]
    [InlineData("""[]""")]
    [InlineData("""null""")]
    public async Task A_body_that_is_not_a_step_is_a_400_that_names_no_internal_type(string body)
    {
        var before = await EventsAsync("T1-G");
        using var response = await site.Surveyor.PostAsync("api/parcels/T1-G/events",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("ProcedureStepBody", text);
        Assert.DoesNotContain("System.", text);
        Assert.Equal(before, await EventsAsync("T1-G"));
    }

    [Fact]
    public async Task Steps_out_of_order_or_by_the_wrong_caller_are_refused_and_change_nothing()
    {
        var before = await EventsAsync("T1-A");
        // T1-A is built and in use: nothing to investigate.
        var notIdle = await RecordAsync("T1-A", Step("idle_investigation", "2020-07-01"), HttpStatusCode.Conflict);
        Assert.Contains("not idle", (string)notIdle["detail"]!);
        Assert.Equal("kind", (string?)(await RecordAsync("T1-A", Step("idle_fee_levied", "2020-07-01", amount: 1m), HttpStatusCode.Conflict))["field"]);
        using (var viewer = await site.Viewer.PostAsJsonAsync("api/parcels/T1-A/events", Step("cleared", "2020-07-01")))
            Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        using (var anonymous = await site.Anonymous.PostAsJsonAsync("api/parcels/T1-A/events", Step("cleared", "2020-07-01")))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using (var missing = await site.Surveyor.PostAsJsonAsync("api/parcels/NO-SUCH/events", Step("cleared", "2020-07-01")))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(before, await EventsAsync("T1-A"));
    }
}
