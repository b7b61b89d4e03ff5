using System.Net;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Upload.UploadFiles;

namespace LandMap.Tests.Upload;

/// <summary>
/// A passing dry run says where its features would go (issue 17 point 5): a preview in lon/lat,
/// whatever CRS the file is in, numbered as the report numbers them (0-based featureIndex), with the
/// bbox of all of them; nothing is written. Parcels go north of 28.13N, east of 121.0E.
/// </summary>
public sealed class DryRunPreviewTests(LandMapServer server)
{
    [Fact]
    public async Task A_dry_run_of_a_projected_file_answers_its_features_in_lon_lat_with_their_bbox()
    {
        var (client, ws) = await WritesAsync(server);
        var prefix = Code("preview");
        var (status, body, _) = await PostAsync(client, "collection=parcels&crs=EPSG:4549&dryRun=true", Grid(prefix, 3, 121.02, 28.13));
        Assert.Equal(HttpStatusCode.OK, status);

        var preview = body["preview"]!;
        Assert.Equal("FeatureCollection", (string?)preview["type"]);
        Assert.Equal(3, (int)preview["numberMatched"]!);
        var features = preview["features"]!.AsArray();
        Assert.Equal([0, 1, 2], features.Select(f => (int)f!["properties"]!["featureIndex"]!).ToArray());
        Assert.Equal(Enumerable.Range(0, 3).Select(i => $"{prefix}-{i}").ToArray(), features.Select(f => (string)f!["properties"]!["code"]!).ToArray());
        Assert.All(features, f => Assert.False((bool)f!["properties"]!["update"]!));
        // Lon/lat near the corner the squares were made at (40 m squares, 50 m apart).
        var bbox = preview["bbox"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.InRange(bbox[0], 121.0199, 121.0201);
        Assert.InRange(bbox[1], 28.1299, 28.1301);
        Assert.InRange(bbox[2], 121.021, 121.022);
        Assert.InRange(bbox[3], 28.1302, 28.1305);
        foreach (var f in features)
            foreach (var ring in f!["geometry"]!["coordinates"]!.AsArray()[0]!.AsArray())
                foreach (var p in ring!.AsArray())
                {
                    // Positions are written to 7 decimals (1 cm), the bbox exact.
                    Assert.InRange((double)p![0]!, bbox[0] - 1e-6, bbox[2] + 1e-6);
                    Assert.InRange((double)p[1]!, bbox[1] - 1e-6, bbox[3] + 1e-6);
                }
        Assert.Equal(0L, await ws.DataSource.ScalarAsync<long>($"select count(*) from parcels where code like '{prefix}-%'"));
    }
}
