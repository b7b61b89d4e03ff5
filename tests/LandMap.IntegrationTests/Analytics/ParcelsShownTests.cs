using System.Net;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Analytics;

/// <summary>
/// /api/parcels/shown: code -> shown state on a date of exactly the parcels a CQL2 filter selects,
/// what the map holding GeoJSON parcels draws; the same selection as /api/parcels/totals.
/// </summary>
public sealed class ParcelsShownTests(LandMapServer server, ITestOutputHelper output)
{
    private readonly HttpClient _client = server.CreateClient();

    [Theory]
    [InlineData("2012-12-31")]
    [InlineData("2016-12-31")]
    public async Task Shown_states_equal_sql_over_parcel_state_at_with_the_same_filter(string date)
    {
        var filter = "park_code IN ('P-BH','P-DS') AND (state IN ('idle','in_use') OR (state IS NULL AND status IN ('idle','in_use'))) AND land_use LIKE '0%'";
        var served = await _client.GetJsonAsync($"api/parcels/shown?date={date}&filter={Uri.EscapeDataString(filter)}");
        var expected = new Dictionary<string, string>();
        await using (var cmd = server.DataSource.CreateCommand($"""
            select p.code, coalesce(s.state, p.status) from parcels p cross join lateral parcel_state_at(p, date '{date}') s
            where p.park_code in ('P-BH','P-DS') and coalesce(s.state, p.status) in ('idle','in_use') and p.land_use like '0%'
            """))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) expected[r.GetString(0)] = r.GetString(1);
        Assert.NotEmpty(expected);
        var states = served["states"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!);
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), states.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Count, (int)served["parcels"]!);
        Assert.Equal(date, (string)served["date"]!);
        // The same selection as the legend's totals.
        var totals = await _client.GetJsonAsync($"api/parcels/totals?date={date}&filter={Uri.EscapeDataString(filter)}");
        Assert.Equal((int)totals["parcels"]!, (int)served["parcels"]!);
    }

    [Fact]
    public async Task Without_a_state_the_recorded_status_is_shown()
    {
        // Parcels not yet in the lifecycle on the date (no computed state) are shown by their record.
        var code = await server.DataSource.ScalarAsync<string>(
            "select p.code from parcels p cross join lateral parcel_state_at(p, date '2010-01-01') s where s.state is null order by p.code limit 1");
        var status = await server.DataSource.ScalarAsync<string>($"select status from parcels where code = '{code}'");
        var served = await _client.GetJsonAsync($"api/parcels/shown?date=2010-01-01&filter={Uri.EscapeDataString($"code = '{code}'")}");
        Assert.Equal(status, (string)served["states"]![code]!);
    }

    [Theory]
    [InlineData("/api/parcels/shown")]
    [InlineData("/api/parcels/totals")]
    public async Task The_openapi_document_lists_the_selections_parameters_each_described(string path)
    {
        var get = (await _client.GetJsonAsync("openapi/v1.json"))["paths"]![path]!["get"]!;
        Assert.False(string.IsNullOrEmpty((string?)get["summary"]));
        var parameters = get["parameters"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => (string?)p!["description"]);
        Assert.Equal(["bbox", "bbox-crs", "date", "filter", "filter-crs", "filter-lang"], parameters.Keys.Order(StringComparer.Ordinal));
        Assert.All(parameters.Values, d => Assert.False(string.IsNullOrEmpty(d)));
    }

    /// <summary>One request per filter change must not slow the map: every sample parcel, a state filter on a year.</summary>
    [Fact]
    public async Task Shown_states_of_every_parcel_with_a_state_filter_take_under_100_ms()
    {
        var url = "api/parcels/shown?date=2015-12-31&filter=" + Uri.EscapeDataString("state IN ('idle','in_use','approved_unsupplied') OR state IS NULL");
        var times = await _client.TimesMsAsync(url);
        output.WriteLine("parcels/shown " + ResponseTimes.Describe(times));
        Assert.True(times[2] < 100, $"median {times[2]:0.0} ms");
    }

    /// <summary>Both routes of a selection (<c>ParcelSelectionParameters</c>) refuse bad input alike.</summary>
    [Theory]
    [InlineData("shown", "filter=state%20%3D", "filter")]
    [InlineData("shown", "filter=nope%20%3D%201", "filter")]
    [InlineData("shown", "date=2016-13-01", "date")]
    [InlineData("shown", "bbox=1,2,3", "bbox")]
    [InlineData("totals", "filter=state%20%3D", "filter")]
    [InlineData("totals", "filter=nope%20%3D%201", "filter")]
    [InlineData("totals", "date=2016-13-01", "date")]
    [InlineData("totals", "bbox=1,2,3", "bbox")]
    [InlineData("shown", "filter=code%20%3D%20%27x%27&filter-lang=cql3", "filter-lang")]
    public async Task Bad_input_is_a_problem_naming_the_parameter(string route, string query, string parameter)
    {
        using var response = await _client.GetAsync($"api/parcels/{route}?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(parameter, await response.Content.ReadAsStringAsync());
    }
}
