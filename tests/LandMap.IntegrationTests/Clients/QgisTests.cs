using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Clients;

/// <summary>
/// QGIS 3.22 (Debian python3-qgis and qgis-providers) as a real client, headless (Qt offscreen):
/// Clients/qgis_client.py opens every collection through the OAPIF provider and the parcels'
/// vector tiles as an XYZ layer it renders; counts and field types are checked against PostGIS.
/// </summary>
public sealed class QgisTests(LandMapServer server)
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Fields whose types QGIS must read (the date fields QGIS already types from the data;
    /// halted_on, null on the first page, waits for the collection schema: issue 14 point 5).</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Fields = new()
    {
        ["parcels"] = new() { ["code"] = "String", ["approved_on"] = "Date", ["area_mu"] = "Real", ["version"] = "Integer", ["updated_at"] = "DateTime" },
        ["parks"] = new() { ["code"] = "String", ["name_en"] = "String", ["area_mu"] = "Real" },
        ["projects"] = new() { ["code"] = "String", ["investment_yi"] = "Real" },
        ["roads"] = new() { ["code"] = "String", ["opened_on"] = "Date", ["length_m"] = "Real" },
        ["rivers"] = new() { ["code"] = "String", ["length_m"] = "Real" },
        ["reservoirs"] = new() { ["code"] = "String", ["capacity_10k_m3"] = "Real" },
    };

    [Fact]
    public async Task QGIS_opens_every_collection_with_PostGIS_counts_and_draws_the_parcel_tiles()
    {
        var script = Path.Combine(LandMapServer.RepositoryRoot, "tests", "LandMap.IntegrationTests", "Clients", "qgis_client.py");
        var home = Directory.CreateTempSubdirectory("landmap-qgis-");
        try
        {
            // QGIS writes its profile and caches under HOME and XDG_RUNTIME_DIR: a throwaway folder.
            var environment = new Dictionary<string, string>
            {
                ["HOME"] = home.FullName, ["XDG_RUNTIME_DIR"] = home.FullName, ["QT_QPA_PLATFORM"] = "offscreen", ["PYTHONDONTWRITEBYTECODE"] = "1",
            };
            var stdout = await Processes.RunCheckedAsync(Python, [script, server.BaseUrl, .. Fields.Keys],
                new Processes.Options { Environment = environment });
            var report = JsonNode.Parse(stdout[stdout.IndexOf('{')..])!;

            foreach (var (id, fields) in Fields)
            {
                var layer = report["collections"]![id]!;
                Assert.True((bool)layer["valid"]!, $"{id}: QGIS found the layer invalid");
                Assert.Equal(await server.DataSource.ScalarAsync<long>($"select count(*) from {id}"), (long)layer["feature_count"]!);
                foreach (var (field, type) in fields)
                    Assert.True((string?)layer["fields"]![field] == type, $"{id}.{field}: QGIS reads {layer["fields"]![field]}, not {type}");
            }

            var tiles = report["tiles"]!;
            Assert.True((bool)tiles["valid"]!);
            Assert.Empty(tiles["errors"]!.AsArray());
            // The middle of the zone is mostly parcels: the tiles QGIS fetched painted a good part of it.
            Assert.True((int)tiles["painted"]! > (int)tiles["pixels"]! / 20, $"tiles painted {tiles["painted"]} of {tiles["pixels"]} pixels");
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }
}
