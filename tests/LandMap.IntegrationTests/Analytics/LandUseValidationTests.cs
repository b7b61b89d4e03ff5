using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Analytics;

/// <summary>
/// Uploads validate land_use against the code list as data: the codes migration 0010 added (2017
/// and 2007) pass, an unknown one is named; halted_on travels like any other date. Dry runs only
/// (nothing is written), in an empty corner of the write server's database (121.19E, 28.15N).
/// </summary>
public sealed class LandUseValidationTests(LandMapServer server)
{
    private static string Body(params (string Code, string LandUse, double Lon)[] parcels) => new JsonObject
    {
        ["type"] = "FeatureCollection",
        ["features"] = new JsonArray([.. parcels.Select(p => (JsonNode)new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = new JsonObject
            {
                ["code"] = p.Code, ["park_code"] = "P-BH", ["land_use"] = p.LandUse, ["status"] = "idle",
                ["actual_start_on"] = "2015-07-01", ["halted_on"] = "2016-01-01",
            },
            ["geometry"] = new JsonObject
            {
                ["type"] = "Polygon",
                ["coordinates"] = new JsonArray(new JsonArray(
                    new JsonArray(p.Lon, 28.15), new JsonArray(p.Lon + 0.001, 28.15), new JsonArray(p.Lon + 0.001, 28.151),
                    new JsonArray(p.Lon, 28.151), new JsonArray(p.Lon, 28.15))),
            },
        })]),
    }.ToJsonString();

    private async Task<(HttpStatusCode, JsonNode)> DryRunAsync(string body)
    {
        var ws = await server.WriteServerAsync();
        using var client = ws.CreateWriterClient();
        using var response = await client.PostAsync("api/uploads?collection=parcels&dryRun=true",
            new StringContent(body, Encoding.UTF8, "application/geo+json"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task Codes_added_to_the_list_validate_and_unknown_ones_are_named()
    {
        var (ok, report) = await DryRunAsync(Body(("LU-0202", "0202", 121.190), ("LU-126", "126", 121.192)));
        Assert.True(ok == HttpStatusCode.OK, report.ToJsonString());
        Assert.Equal(2, (int)report["report"]!["counts"]!["valid"]!);

        var (bad, problems) = await DryRunAsync(Body(("LU-9998", "9998", 121.194)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad);
        var problem = problems["report"]!["problems"]!.AsArray().Single()!;
        Assert.Equal("InvalidLandUseCode", (string)problem["kind"]!);
    }
}
