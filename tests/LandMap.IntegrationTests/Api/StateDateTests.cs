using System.Net;
using System.Text;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Api;

/// <summary>
/// Items take <c>date</c>: the day the parcels' computed state is taken on, without asOf's kept
/// history. A filter on <c>state</c> then selects by the state on that day, in JSON and in the CSV
/// export alike (the map's year mode exports with states hidden).
/// </summary>
public sealed class StateDateTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();
    private static readonly string Filter = Uri.EscapeDataString("state IN ('idle','supplied_unused')");

    private async Task<List<string>> ExpectedCodesAsync(string date)
    {
        await using var cmd = server.DataSource.CreateCommand(
            $"select p.code from parcels p cross join lateral parcel_state_at(p, date '{date}') s where s.state in ('idle','supplied_unused') order by 1");
        var codes = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) codes.Add(r.GetString(0));
        return codes;
    }

    [Theory]
    [InlineData("2013-12-31")]
    [InlineData("2016-12-31")]
    public async Task A_state_filter_selects_by_the_state_on_date_in_json_and_csv(string date)
    {
        var expected = await ExpectedCodesAsync(date);
        Assert.NotEmpty(expected);

        var features = await _client.AllFeaturesAsync($"ogc/collections/parcels/items?limit=1000&date={date}&filter={Filter}");
        Assert.Equal(expected, features.Select(f => (string)f["properties"]!["code"]!).Order(StringComparer.Ordinal));

        using var response = await _client.GetAsync($"ogc/collections/parcels/items?f=csv&date={date}&filter={Filter}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        int code = Array.IndexOf(header, "宗地编号"), state = Array.IndexOf(header, "生命周期状态（按日期计算）");
        var rows = lines[1..].Select(l => l.Split(',')).ToList();
        Assert.Equal(expected, rows.Select(r => r[code]).Order(StringComparer.Ordinal));
        // The exported state column is the state on that day too, by its name (the export is in Chinese).
        var names = (await _client.GetJsonAsync("api/vocabulary"))["parcelStates"]!.AsArray()
            .Where(t => (string)t!["code"]! is "idle" or "supplied_unused").Select(t => (string)t!["nameZh"]!).ToList();
        Assert.All(rows, r => Assert.Contains(r[state], names));
    }

    [Theory]
    [InlineData("parcels", "date=2016-1-1")]
    [InlineData("roads", "date=2016-12-31")]
    public async Task A_bad_or_misplaced_date_is_a_400_naming_date(string collection, string query)
    {
        using var response = await _client.GetAsync($"ogc/collections/{collection}/items?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"date\"", await response.Content.ReadAsStringAsync());
    }
}
