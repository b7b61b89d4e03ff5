using LandMap.Api.Domain;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Clients;

/// <summary>
/// OWSLib (Debian's python3-owslib, the library QGIS plugins and scripts use) as a real client:
/// Clients/owslib_client.py makes OWSLib's calls for every collection, and each answer is checked
/// against PostGIS. Debian's /usr/bin/python3, where the package installs (not a python on PATH).
/// </summary>
public sealed class OwsLibTests(LandMapServer server)
{
    private const string Python = "/usr/bin/python3";
    private const string Bbox = "120.80,27.83,120.84,27.87";

    [Fact]
    public async Task OWSLib_reads_every_collection_as_PostGIS_holds_it()
    {
        var script = Path.Combine(LandMapServer.RepositoryRoot, "tests", "LandMap.IntegrationTests", "Clients", "owslib_client.py");
        var stdout = await Processes.RunCheckedAsync(Python, [script, $"{server.BaseUrl}/ogc", Bbox],
            new Processes.Options { Environment = new Dictionary<string, string> { ["PYTHONDONTWRITEBYTECODE"] = "1" } });
        var report = JsonNode.Parse(stdout)!;

        Assert.Superset(new HashSet<string> { "self", "service-desc", "conformance", "data" }, report["landing_rels"]!.AsArray().Select(r => (string)r!).ToHashSet());
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", report["conformance"]!.AsArray().Select(c => (string)c!));
        var collections = report["collections"]!.AsObject();
        Assert.Equal(CollectionCatalog.All.Select(c => c.Id).Order(), collections.Select(c => c.Key).Order());

        foreach (var (id, seen) in collections)
        {
            Assert.Equal(id, (string?)seen!["id"]);
            var stored = await server.DataSource.IdsAsync($"select id from {id} order by id");
            var first = Ids(seen, "first_ids");
            Assert.Equal(Math.Min(5, stored.Count), first.Count);
            Assert.Equal(first.Count, (int)seen["number_returned"]!);
            Assert.Equal(stored, Ids(seen, "all_ids").Order());
            Assert.Equal(await server.DataSource.IdsAsync(
                    $"select id from {id} where st_intersects(geom, st_transform(st_makeenvelope({Bbox}, 4326), 4490)) order by id"),
                Ids(seen, "bbox_ids").Order());
            Assert.Equal(first[0], (long)seen["item_id"]!);
            Assert.Equal(await server.DataSource.ScalarAsync<string>($"select code from {id} where id = {first[0]}"), (string?)seen["item_code"]);
            Assert.Contains("code", seen["queryables"]!.AsArray().Select(q => (string)q!));
            Assert.Contains("geometry", seen["queryables"]!.AsArray().Select(q => (string)q!));
            Assert.Equal([first[0]], Ids(seen, "filter_ids"));
        }
    }

    private static List<long> Ids(JsonNode seen, string name) => seen[name]!.AsArray().Select(v => (long)v!).ToList();
}
