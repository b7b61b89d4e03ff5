using System.Globalization;
using System.Net;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Features1;

/// <summary>
/// OGC API - Features Part 1 <c>datetime</c> (/req/core/fc-time-definition, /req/core/fc-time-response)
/// and the temporal part of /req/core/fc-md-extent, against PostGIS. Each collection's temporal
/// property is the one README documents (a date, the zone's day, UTC+8); a feature without a value
/// has no temporal geometry and matches every datetime (fc-time-response C), as do the features of a
/// collection with no temporal property.
/// </summary>
public sealed class DateTimeTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    /// <summary>The temporal property of each collection that has one (README "datetime").</summary>
    private static readonly Dictionary<string, string> Temporal = new()
    {
        ["parcels"] = "approved_on", ["roads"] = "opened_on", ["rivers"] = "rectified_on", ["reservoirs"] = "completed_on",
    };

    public static TheoryData<string> TemporalCollections() => new(Temporal.Keys);

    [Fact, Trait("Requirement", "/req/core/fc-time-definition")]
    public async Task Req_core_fc_time_definition_datetime_is_an_optional_string_query_parameter_of_items()
    {
        var doc = await _client.GetJsonAsync("openapi/ogc.json");
        var parameter = doc["paths"]!["/collections/{collectionId}/items"]!["get"]!["parameters"]!.AsArray()
            .Single(p => (string)p!["name"]! == "datetime")!;
        Assert.Equal("query", (string)parameter["in"]!);
        Assert.NotEqual(true, (bool?)parameter["required"]);
        Assert.Equal("string", (string)parameter["schema"]!["type"]!);
    }

    [Theory, MemberData(nameof(TemporalCollections)), Trait("Requirement", "/req/core/fc-time-response")]
    public async Task Req_core_fc_time_response_instants_and_intervals_select_the_features_whose_day_intersects(string collection)
    {
        var property = Temporal[collection];
        var days = await DaysAsync($"select distinct {property} from {collection} where {property} is not null order by 1");
        Assert.True(days.Count >= 2, $"{collection}: the sample data has fewer than two {property} values");
        var (first, middle, last) = (days[0], days[days.Count / 2], days[^1]);
        var cases = new (string Datetime, DateOnly? From, DateOnly? To)[]
        {
            (Day(middle), middle, middle),
            ($"{Day(middle)}T12:00:00+08:00", middle, middle),
            // 20:00 UTC is 04:00 of the next day in the zone: the zone's day is the one selected.
            ($"{Day(middle.AddDays(-1))}T20:00:00Z", middle, middle),
            ($"{Day(first)}/{Day(middle)}", first, middle),
            ($"{Day(middle)}T00:00:00+08:00/{Day(last)}T23:59:59.5+08:00", middle, last),
            ($"../{Day(middle)}", null, middle),
            ($"/{Day(middle)}", null, middle),
            ($"{Day(middle)}/..", middle, null),
            ($"{Day(middle)}/", middle, null),
        };
        foreach (var (datetime, from, to) in cases)
        {
            var bounds = new List<string>();
            if (from is { } f) bounds.Add($"{property} >= '{Day(f)}'");
            if (to is { } t) bounds.Add($"{property} <= '{Day(t)}'");
            var expected = await server.DataSource.IdsAsync(
                $"select id from {collection} where {property} is null or ({string.Join(" and ", bounds)}) order by id");
            var ids = await _client.AllIdsAsync($"ogc/collections/{collection}/items?limit=1000&datetime={Uri.EscapeDataString(datetime)}");
            Assert.True(expected.SequenceEqual(ids), $"{collection} datetime={datetime}: {ids.Count} features, PostGIS finds {expected.Count}");
        }
    }

    [Fact, Trait("Requirement", "/req/core/fc-time-response")]
    public async Task Req_core_fc_time_response_features_without_a_temporal_value_match_every_datetime()
    {
        var undated = await server.DataSource.IdsAsync("select id from parcels where approved_on is null order by id");
        Assert.NotEmpty(undated);
        var ids = await _client.AllIdsAsync("ogc/collections/parcels/items?limit=1000&datetime=1990-01-01");
        Assert.Equal(undated, ids);
    }

    [Theory, Trait("Requirement", "/req/core/fc-time-response")]
    [InlineData("parks")]
    [InlineData("projects")]
    public async Task Req_core_fc_time_response_a_collection_without_temporal_property_matches_all(string collection)
    {
        var all = await server.DataSource.IdsAsync($"select id from {collection} order by id");
        Assert.Equal(all, await _client.AllIdsAsync($"ogc/collections/{collection}/items?limit=1000&datetime=2014-01-01/2014-12-31"));
    }

    [Theory, Trait("Requirement", "/req/core/fc-time-definition")]
    [InlineData("garbage")]
    [InlineData("2014-13-01")]
    [InlineData("2014-02-30")]
    [InlineData("2014-01-01T00:00:00")]
    [InlineData("2015-01-01/2014-01-01")]
    [InlineData("../..")]
    [InlineData("/")]
    [InlineData("2014-01-01/2014-02-01/2014-03-01")]
    [InlineData("2014")]
    public async Task Req_core_fc_time_definition_a_value_outside_the_syntax_is_a_400_naming_datetime(string value)
    {
        using var response = await _client.GetAsync($"ogc/collections/roads/items?datetime={Uri.EscapeDataString(value)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"parameter\":\"datetime\"", await response.Content.ReadAsStringAsync());
    }

    [Theory, MemberData(nameof(TemporalCollections)), Trait("Requirement", "/req/core/fc-md-extent")]
    public async Task Req_core_fc_md_extent_temporal_interval_includes_every_temporal_value(string collection)
    {
        var property = Temporal[collection];
        var days = await DaysAsync($"select min({property}), max({property}) from {collection}");
        var temporal = (await _client.GetJsonAsync($"ogc/collections/{collection}"))["extent"]!["temporal"]!;
        Assert.Equal("http://www.opengis.net/def/uom/ISO-8601/0/Gregorian", (string)temporal["trs"]!);
        var interval = temporal["interval"]![0]!.AsArray();
        var zone = TimeSpan.FromHours(8);
        // null at either end would mean a half-bounded interval, which also includes them.
        if (interval[0] is { } start)
            Assert.True(DateTimeOffset.Parse((string)start!, CultureInfo.InvariantCulture) <= new DateTimeOffset(days[0].ToDateTime(TimeOnly.MinValue), zone));
        if (interval[1] is { } end)
            Assert.True(DateTimeOffset.Parse((string)end!, CultureInfo.InvariantCulture) >= new DateTimeOffset(days[1].ToDateTime(new TimeOnly(23, 59, 59)), zone));
        // The same extent in the list of collections.
        var listed = (await _client.GetJsonAsync("ogc/collections"))["collections"]!.AsArray().Single(c => (string)c!["id"]! == collection)!;
        Assert.Equal(temporal.ToJsonString(), listed["extent"]!["temporal"]!.ToJsonString());
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Every date of the first row or of the first column, as the query gives them.</summary>
    private async Task<List<DateOnly>> DaysAsync(string sql)
    {
        await using var cmd = server.DataSource.CreateCommand(sql);
        await using var reader = await cmd.ExecuteReaderAsync();
        var days = new List<DateOnly>();
        while (await reader.ReadAsync())
            for (var i = 0; i < reader.FieldCount; i++) days.Add(reader.GetFieldValue<DateOnly>(i));
        return days;
    }
}
