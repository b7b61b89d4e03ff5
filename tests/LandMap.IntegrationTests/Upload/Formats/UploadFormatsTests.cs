using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using LandMap.Api.Domain;
using LandMap.Api.Features.Uploads.Formats;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Upload.Formats;

/// <summary>UploadFormats.Open (format by magic bytes) and uploads of the formats through POST /api/uploads.
/// The API cases dry-run parcels in the empty north-east corner of the zone (lat 28.16), away from the
/// upload (28.05) and edit (28.12) tests; the one committed upload stores its parcels at 121.09E there.</summary>
public sealed class UploadFormatsTests(LandMapServer server) : IDisposable
{
    private readonly FormatFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task A_zipped_shapefile_opens_as_a_ShapefileZipSource()
    {
        await files.ShapefileAsync(files.Parcels(), "parcels");
        using var source = UploadFormats.Open(files.ZipShapefiles("parcels.zip", ["parcels"]), CollectionCatalog.Parcels);
        Assert.IsType<ShapefileZipSource>(source);
    }

    [Fact]
    public async Task A_GeoPackage_opens_as_a_GeoPackageSource()
    {
        using var source = UploadFormats.Open(await files.GeoPackageAsync(files.Parcels(), "p.gpkg", "parcels"), CollectionCatalog.Parcels);
        Assert.Equal("GeoPackage", Assert.IsType<GeoPackageSource>(source).Format);
    }

    [Fact]
    public async Task A_zip_holding_one_GeoPackage_opens_it_and_deletes_the_extracted_copy_on_dispose()
    {
        var gpkg = await files.GeoPackageAsync(files.Parcels(), "p.gpkg", "parcels");
        var zip = files.Zip("p.zip", ("survey/p.gpkg", File.ReadAllBytes(gpkg)));
        var source = Assert.IsType<GeoPackageSource>(UploadFormats.Open(zip, CollectionCatalog.Parcels));
        Assert.Equal(2, source.FeatureCount);
        Assert.Equal(4549, source.DeclaredSrid);
        source.Dispose();
    }

    [Fact]
    public void GeoJSON_is_left_to_the_GeoJSON_reader()
    {
        Assert.Null(UploadFormats.Open(files.Parcels(), CollectionCatalog.Parcels));
    }

    private static JsonObject Parcel(string code, double lon) => FormatFiles.Feature(new JsonObject
    {
        ["code"] = code, ["name"] = "金海园区", ["park_code"] = "P-BH", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = "idle",
        ["agreed_start_on"] = "2014-03-01",
    }, FormatFiles.Square4549(lon: lon, lat: 28.16));

    private async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string path, string mediaType, string query)
    {
        var ws = await server.WriteServerAsync();
        using var client = ws.CreateWriterClient();
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await client.PostAsync("api/uploads?" + query, content);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static string Code() => $"FMT-{Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task A_zipped_GBK_shapefile_dry_runs_through_the_API_with_its_prj_as_the_CRS()
    {
        var geojson = files.GeoJson("api.geojson", Parcel(Code(), 121.03), Parcel(Code(), 121.031));
        await files.ShapefileAsync(geojson, "api");
        var (status, body) = await PostAsync(files.ZipShapefiles("api.zip", ["api"]), "application/zip", "collection=parcels&dryRun=true");

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal("Shapefile", (string?)body["format"]);
        Assert.Equal("EPSG:4549", (string?)body["sourceCrs"]);
        var counts = body["report"]!["counts"]!;
        Assert.Equal(2, (int)counts["read"]!);
        Assert.Equal(2, (int)counts["valid"]!);
        Assert.Equal(2, (int)counts["toCreate"]!);
    }

    [Fact]
    public async Task A_shapefile_with_a_deleted_record_dry_runs_and_uploads_the_two_ogrinfo_lists_with_a_warning()
    {
        string[] codes = [Code(), Code(), Code()];
        var geojson = files.GeoJson("del.geojson", Parcel(codes[0], 121.09), Parcel(codes[1], 121.091), Parcel(codes[2], 121.092));
        await files.ShapefileAsync(geojson, "del");
        await files.DeleteRecordsAsync("del", $"code = '{codes[1]}'");
        Assert.Equal(2, await files.OgrListedFeaturesAsync("del")); // what GDAL reads of the file
        var zip = files.ZipShapefiles("del.zip", ["del"]);

        var (dryStatus, dry) = await PostAsync(zip, "application/zip", "collection=parcels&dryRun=true");
        Assert.True(dryStatus == HttpStatusCode.OK, dry.ToJsonString());
        AssertTwoReadOneSkipped(dry["report"]!);
        Assert.Equal(2, (int)dry["report"]!["counts"]!["toCreate"]!);

        var (status, record) = await PostAsync(zip, "application/zip", "collection=parcels");
        Assert.True(status == HttpStatusCode.Created, record.ToJsonString());
        AssertTwoReadOneSkipped(record["report"]!);
        var ws = await server.WriteServerAsync();
        Assert.Equal(2, await ws.DataSource.ScalarAsync<long>($"select count(*) from parcels where code in ('{codes[0]}', '{codes[2]}')"));
        Assert.Equal(0, await ws.DataSource.ScalarAsync<long>($"select count(*) from parcels where code = '{codes[1]}'"));

        static void AssertTwoReadOneSkipped(JsonNode report)
        {
            Assert.Equal(2, (int)report["counts"]!["read"]!);
            Assert.Equal(2, (int)report["counts"]!["valid"]!);
            Assert.Empty(report["problems"]!.AsArray());
            var skipped = Assert.Single(report["warnings"]!.AsArray(), w => (string?)w!["kind"] == "DeletedRecordsSkipped");
            Assert.Contains("1 record(s) marked deleted", (string?)skipped!["messageEn"]);
        }
    }

    [Fact]
    public async Task A_GeoPackage_dry_runs_through_the_API()
    {
        var geojson = files.GeoJson("api.geojson", Parcel(Code(), 121.05), Parcel(Code(), 121.051));
        var gpkg = await files.GeoPackageAsync(geojson, "api.gpkg", "parcels");
        var (status, body) = await PostAsync(gpkg, "application/geopackage+sqlite3", "collection=parcels&dryRun=true");

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal("GeoPackage", (string?)body["format"]);
        Assert.Equal(2, (int)body["report"]!["counts"]!["valid"]!);
    }

    [Fact]
    public async Task A_zip_with_an_unsafe_entry_is_a_400_problem()
    {
        var zip = files.Zip("evil.zip", ("../parcels.shp", new byte[100]));
        var (status, body) = await PostAsync(zip, "application/zip", "collection=parcels&dryRun=true");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("unsafe path", (string?)body["detail"]);
    }
}
