using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Conformance.Features4;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Planning;

/// <summary>
/// A plan is revised through Part 4 like any collection: a new edition's zone is POSTed, the old one
/// gets its repealed_on by PATCH (If-Match), and the version it had is kept in feature_history. In an
/// empty corner of the zone (120.57E, 28.12N), on the write server's database.
/// </summary>
public sealed class PlanZoneWritesTests(LandMapServer server)
{
    private static JsonObject Zone(string code, string approved, string use, double lon) => new()
    {
        ["type"] = "Feature",
        ["properties"] = new JsonObject
        {
            ["code"] = code, ["plan_name"] = "测试控规", ["edition"] = approved[..4], ["approved_on"] = approved,
            ["land_use"] = use, ["plot_ratio_min"] = 1.0, ["plot_ratio_max"] = 2.5,
        },
        ["geometry"] = new JsonObject
        {
            ["type"] = "Polygon",
            ["coordinates"] = new JsonArray(new JsonArray(new JsonArray(lon, 28.12), new JsonArray(lon + 0.001, 28.12),
                new JsonArray(lon + 0.001, 28.121), new JsonArray(lon, 28.121), new JsonArray(lon, 28.12))),
        },
    };

    [Fact]
    public async Task A_revision_posts_the_new_zone_patches_the_old_ones_repeal_and_keeps_its_earlier_version()
    {
        var ws = await server.WriteServerAsync();
        using var writer = ws.CreateWriterClient();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (created, body, response) = await Writes.SendAsync(writer, HttpMethod.Post, "ogc/collections/plan_zones/items",
            Zone($"PW-{tag}-2012", "2012-05-18", "M2", 120.57));
        Assert.True(created == HttpStatusCode.Created, body?.ToJsonString());
        var id = (long)body!["id"]!;
        // Without land_use_edition: M2 is only GB 50137's.
        Assert.Equal("GB 50137-2011", await ws.DataSource.ScalarAsync<string>($"select land_use_edition from plan_zones where id = {id}"));

        var (revised, _, _) = await Writes.SendAsync(writer, HttpMethod.Post, "ogc/collections/plan_zones/items",
            Zone($"PW-{tag}-2016", "2016-09-30", "B2", 120.57));
        Assert.Equal(HttpStatusCode.Created, revised);
        var (patched, patchBody, _) = await Writes.SendAsync(writer, HttpMethod.Patch, $"ogc/collections/plan_zones/items/{id}",
            new JsonObject { ["properties"] = new JsonObject { ["repealed_on"] = "2016-09-30" } },
            mediaType: "application/merge-patch+json", ifMatch: response.Headers.ETag!.ToString());
        Assert.True(patched is HttpStatusCode.OK or HttpStatusCode.NoContent, patchBody?.ToJsonString());

        Assert.Equal(2, await ws.DataSource.ScalarAsync<int>($"select version from plan_zones where id = {id}"));
        Assert.Equal(1L, await ws.DataSource.ScalarAsync<long>(
            $"select count(*) from feature_history where collection = 'plan_zones' and feature_id = {id} and version = 1 and attributes->>'repealed_on' is null"));
        // A repeal before the approval is a 422 naming repealed_on (the table's CHECK said per feature, not a 500), and nothing changes.
        var (bad, badBody, _) = await Writes.SendAsync(writer, HttpMethod.Patch, $"ogc/collections/plan_zones/items/{id}",
            new JsonObject { ["properties"] = new JsonObject { ["repealed_on"] = "2010-01-01" } },
            mediaType: "application/merge-patch+json", ifMatch: "*");
        Assert.True(bad == HttpStatusCode.UnprocessableEntity, $"{(int)bad} {badBody?.ToJsonString()}");
        Assert.Contains("repealed_on", badBody!.ToJsonString());
        Assert.Equal(2, await ws.DataSource.ScalarAsync<int>($"select version from plan_zones where id = {id}"));
    }
}
