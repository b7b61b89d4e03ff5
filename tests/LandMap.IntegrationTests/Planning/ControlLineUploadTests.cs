using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using LandMap.Api.Geo;
using LandMap.Tests.Infrastructure;
using LandMap.Tests.Upload.Formats;
using static LandMap.Tests.Upload.UploadFiles;

namespace LandMap.Tests.Planning;

/// <summary>
/// Control lines uploaded as centre lines (issue 16): a LineString or MultiLineString with width_m is
/// stored as the strip width_m/2 either side of it, made in metres in EPSG:4549 with flat ends, width_m
/// kept; without width_m the feature is refused naming width_m. GeoJSON, zipped Shapefile and
/// GeoPackage alike. In an empty corner of the zone (120.58E, 28.10N).
/// </summary>
public sealed class ControlLineUploadTests(LandMapServer server) : IDisposable
{
    private readonly FormatFiles files = new();

    public void Dispose() => files.Dispose();

    private static readonly SourceCrsDef Gk = SourceCrs.Find(4549)!;

    /// <summary>A straight centre line <paramref name="length"/> m long going east, in EPSG:4549 metres.</summary>
    private static JsonObject CentreLine(string code, double lon, double length, double? width)
    {
        var (x, y) = SourceCrs.FromStorage(Gk, lon, 28.10);
        var properties = new JsonObject { ["code"] = code, ["name"] = "测试路道路红线", ["kind"] = "red" };
        if (width is { } w) properties["width_m"] = w;
        return new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = properties,
            ["geometry"] = new JsonObject
            {
                ["type"] = "LineString",
                ["coordinates"] = new JsonArray(new JsonArray(Math.Round(x, 3), Math.Round(y, 3)), new JsonArray(Math.Round(x + length, 3), Math.Round(y, 3))),
            },
        };
    }

    [Fact]
    public async Task A_centre_line_with_its_width_is_stored_as_the_flat_ended_strip_of_that_width()
    {
        var (client, ws) = await WritesAsync(server);
        var code = Code("CL");
        var (status, body, _) = await PostAsync(client, "collection=control_lines&crs=EPSG:4549", Collection(CentreLine(code, 120.58, 1000, 40)));
        Assert.True(status == HttpStatusCode.Created, body.ToJsonString());

        Assert.Equal(40m, await ws.DataSource.ScalarAsync<decimal>($"select width_m from control_lines where code = '{code}'"));
        Assert.Equal("MULTIPOLYGON", await ws.DataSource.ScalarAsync<string>($"select upper(geometrytype(geom)) from control_lines where code = '{code}'"));
        // 1000 m x 40 m = 40,000 m² with flat ends (round ends would add π·20² = 1,257 m², 3 %); the
        // Gauss-Kruger scale here (0.6° off 120E) and the ellipsoid move it by well under 0.1 %.
        var area = await ws.DataSource.ScalarAsync<double>($"select area_m2 from control_lines where code = '{code}'");
        Assert.InRange(area, 40_000 * 0.999, 40_000 * 1.001);
        // 20 m either side: from the middle of the line the nearest edge is 20 m away, on the ellipsoid.
        var across = await ws.DataSource.ScalarAsync<double>(
            $"select 2 * st_distance(st_centroid(geom)::geography, st_boundary(geom)::geography) from control_lines where code = '{code}'");
        Assert.InRange(across, 39.9, 40.1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    public async Task A_centre_line_without_a_positive_width_is_refused_naming_width_m(double? width)
    {
        var (client, _) = await WritesAsync(server);
        var (status, body, _) = await PostAsync(client, "collection=control_lines&crs=EPSG:4549&dryRun=true", Collection(CentreLine(Code("CLW"), 120.60, 500, width)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(body["report"]!["problems"]!.AsArray(), p => (string?)p!["field"] == "width_m");
    }

    [Fact]
    public async Task A_road_line_without_width_stays_a_type_mismatch_in_another_collection()
    {
        var (client, _) = await WritesAsync(server);
        var feature = CentreLine(Code("CLP"), 120.61, 500, 30);
        var (status, body, _) = await PostAsync(client, "collection=protected_areas&crs=EPSG:4549&dryRun=true", Collection(feature));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(body["report"]!["problems"]!.AsArray(), p => (string?)p!["kind"] == "GeometryTypeMismatch");
    }

    [Fact]
    public async Task Zipped_shapefile_and_GeoPackage_centre_lines_dry_run_as_valid_strips()
    {
        var geojson = files.GeoJson("lines.geojson", CentreLine(Code("CLS"), 120.62, 800, 30), CentreLine(Code("CLS"), 120.63, 600, 24));
        await files.ShapefileAsync(geojson, "lines");
        var gpkg = await files.GeoPackageAsync(geojson, "lines.gpkg", "control_lines");
        foreach (var (path, media) in new[] { (files.ZipShapefiles("lines.zip", ["lines"]), "application/zip"), (gpkg, "application/geopackage+sqlite3") })
        {
            var ws = await server.WriteServerAsync();
            using var client = ws.CreateWriterClient();
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
            content.Headers.ContentType = new MediaTypeHeaderValue(media);
            using var response = await client.PostAsync("api/uploads?collection=control_lines&dryRun=true", content);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{media}: {body.ToJsonString()}");
            Assert.Equal(2, (int)body["report"]!["counts"]!["valid"]!);
        }
    }
}
