using LandMap.Api.Domain;
using System.Diagnostics;
using System.Text.RegularExpressions;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Clients;

/// <summary>GDAL's OAPIF driver (the code QGIS uses) as a real client of /ogc.</summary>
public sealed partial class GdalTests(LandMapServer server)
{
    private static readonly string[] Collections = [.. CollectionCatalog.All.Select(c => c.Id)];

    [Fact]
    public async Task Ogrinfo_lists_all_six_collections()
    {
        var output = await Gdal("ogrinfo", "-ro", "-q", $"OAPIF:{server.BaseUrl}/ogc");
        var layers = LayerLine().Matches(output).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Collections.Order(), layers.Order());
    }

    [Fact]
    public async Task Ogr2ogr_copies_parcels_to_a_geopackage_with_the_same_count()
    {
        var gpkg = Path.Combine(Path.GetTempPath(), $"landmap-parcels-{Guid.NewGuid():N}.gpkg");
        try
        {
            await Gdal("ogr2ogr", "-f", "GPKG", gpkg, $"OAPIF:{server.BaseUrl}/ogc", "parcels");
            var info = await Gdal("ogrinfo", "-ro", "-so", gpkg, "parcels");
            var copied = long.Parse(FeatureCount().Match(info).Groups[1].Value);

            await using var cmd = server.DataSource.CreateCommand("select count(*) from parcels");
            Assert.Equal((long)(await cmd.ExecuteScalarAsync())!, copied);
            Assert.Contains("code: String", info);
            Assert.Contains("area_mu: Real", info);
        }
        finally
        {
            File.Delete(gpkg);
        }
    }

    [Theory]
    [InlineData("parcels", "code: String", "approved_on: Date", "area_mu: Real", "version: Integer", "updated_at: DateTime")]
    [InlineData("projects", "name_zh: String", "investment_yi: Real", "planned_area_mu: Real")]
    [InlineData("roads", "name: String", "opened_on: Date", "length_m: Real")]
    [InlineData("rivers", "rectification: String", "rectified_on: Date")]
    [InlineData("reservoirs", "capacity_10k_m3: Real", "completed_on: Date")]
    [InlineData("parks", "name_en: String", "area_mu: Real")]
    public async Task Ogrinfo_reads_each_collection_with_the_right_field_types(string collection, params string[] fields)
    {
        var info = await Gdal("ogrinfo", "-ro", "-so", $"OAPIF:{server.BaseUrl}/ogc", collection);
        foreach (var field in fields) Assert.Contains(field, info);
    }

    public static TheoryData<string> AllCollections => new(Collections);

    /// <summary>The OGR field type each property of the collection's schema should arrive as: read from
    /// /schema, so a column added to the catalog is covered with no change here.</summary>
    private async Task<Dictionary<string, string>> ExpectedFieldsAsync(string collection)
    {
        var schema = await server.CreateClient().GetJsonAsync($"ogc/collections/{collection}/schema");
        return schema["properties"]!.AsObject()
            .Where(p => (string?)p.Value!["x-ogc-role"] is not ("id" or "primary-geometry"))
            .ToDictionary(p => p.Key, p => ((string?)p.Value!["type"], (string?)p.Value["format"]) switch
            {
                ("string", "date") => "Date",
                ("string", "date-time") => "DateTime",
                ("integer", _) => "Integer",
                ("number", _) => "Real",
                _ => "String",
            });
    }

    /// <summary>The fields of an ogrinfo -so report ("name: Type (width.precision)"), by name.</summary>
    private static Dictionary<string, string> FieldTypes(string info) =>
        FieldLine().Matches(info).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    [Theory]
    [MemberData(nameof(AllCollections))]
    public async Task Ogrinfo_types_every_field_as_the_collections_schema_says(string collection)
    {
        var info = await Gdal("ogrinfo", "-ro", "-so", $"OAPIF:{server.BaseUrl}/ogc", collection);
        var expected = await ExpectedFieldsAsync(collection);
        Assert.Contains(expected.Values, t => t is "Date" or "Real");
        var read = FieldTypes(info);
        foreach (var (name, type) in expected) Assert.Equal((name, type), (name, read.GetValueOrDefault(name)));
    }

    [Theory]
    [MemberData(nameof(AllCollections))]
    public async Task Ogr2ogr_keeps_the_schemas_field_types_in_a_geopackage(string collection)
    {
        var gpkg = Path.Combine(Path.GetTempPath(), $"landmap-{collection}-{Guid.NewGuid():N}.gpkg");
        try
        {
            await Gdal("ogr2ogr", "-f", "GPKG", gpkg, $"OAPIF:{server.BaseUrl}/ogc", collection);
            var info = await Gdal("ogrinfo", "-ro", "-so", gpkg, collection);
            var read = FieldTypes(info);
            foreach (var (name, type) in await ExpectedFieldsAsync(collection)) Assert.Equal((name, type), (name, read.GetValueOrDefault(name)));
        }
        finally
        {
            File.Delete(gpkg);
        }
    }

    [Fact]
    public async Task Ogr2ogr_with_a_spatial_filter_and_a_target_crs_copies_what_PostGIS_selects()
    {
        var gpkg = Path.Combine(Path.GetTempPath(), $"landmap-spat-{Guid.NewGuid():N}.gpkg");
        try
        {
            await Gdal("ogr2ogr", "-f", "GPKG", gpkg, $"OAPIF:{server.BaseUrl}/ogc", "parcels",
                "-spat", "120.80", "27.83", "120.84", "27.87", "-t_srs", "EPSG:4549");
            var info = await Gdal("ogrinfo", "-ro", "-so", gpkg, "parcels");
            var expected = await server.DataSource.ScalarAsync<long>(
                "select count(*) from parcels where st_intersects(geom, st_makeenvelope(120.80, 27.83, 120.84, 27.87, 4490))");
            Assert.Equal(expected, long.Parse(FeatureCount().Match(info).Groups[1].Value));
            Assert.Contains("CGCS2000 / 3-degree Gauss-Kruger CM 120E", info);
            // Metres near the zone's reference point (E 579 792, N 3 080 974).
            Assert.Matches(@"Extent: \(5[78]\d{4}\.\d+, 308\d{4}\.\d+\)", info);
        }
        finally
        {
            File.Delete(gpkg);
        }
    }

    [Theory]
    [InlineData("status = 'idle' AND area_mu > 20", "status = 'idle' and area_mu > 20")]
    [InlineData("land_use LIKE '06%' OR park_code = 'P-JH'", "land_use like '06%' or park_code = 'P-JH'")]
    [InlineData("plot_ratio BETWEEN 1 AND 2 AND project_code IS NULL", "plot_ratio between 1 and 2 and project_code is null")]
    public async Task A_where_clause_is_pushed_down_as_CQL2_and_returns_what_SQL_returns(string where, string sql)
    {
        var (stdout, debug) = await GdalWithDebug("ogrinfo", "-ro", "-al", "-so", "-where", where, $"OAPIF:{server.BaseUrl}/ogc", "parcels");
        var expected = await server.DataSource.ScalarAsync<long>($"select count(*) from parcels where {sql}");
        Assert.True(expected > 0);
        Assert.Equal(expected, long.Parse(FeatureCount().Match(stdout).Groups[1].Value));
        Assert.Contains("&filter=", debug);           // the server filtered, not GDAL
        Assert.DoesNotContain("evaluated on client side", debug);
    }

    private static async Task<string> Gdal(string tool, params string[] args) => (await Run(tool, args, debug: false)).Stdout;

    private static Task<(string Stdout, string Stderr)> GdalWithDebug(string tool, params string[] args) => Run(tool, args, debug: true);

    private static async Task<(string Stdout, string Stderr)> Run(string tool, string[] args, bool debug)
    {
        // Nothing from the network but the service under test.
        var environment = new Dictionary<string, string> { ["GDAL_HTTP_TIMEOUT"] = "60" };
        if (debug) environment["CPL_DEBUG"] = "ON";
        var outcome = await Processes.RunAsync(tool, args, new Processes.Options { Environment = environment });
        Assert.True(outcome.Ok, $"{tool} {string.Join(' ', args)} exited {outcome.ExitCode}: {outcome.Stderr}");
        return (outcome.Stdout, outcome.Stderr);
    }

    [GeneratedRegex(@"^\d+: (\w+)", RegexOptions.Multiline)]
    private static partial Regex LayerLine();

    [GeneratedRegex(@"^(\w+): (\w+) \(", RegexOptions.Multiline)]
    private static partial Regex FieldLine();

    [GeneratedRegex(@"Feature Count: (\d+)")]
    private static partial Regex FeatureCount();
}
