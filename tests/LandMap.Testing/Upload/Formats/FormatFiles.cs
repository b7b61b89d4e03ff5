using System.IO.Compression;
using System.Text.Json.Nodes;
using LandMap.Api.Geo;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Upload.Formats;

/// <summary>
/// Builds upload files at test time: small GeoJSON written here, turned into shapefiles and
/// GeoPackages by GDAL's ogr2ogr (gdal-bin, installed by ./landmap.sh test), zipped with
/// System.IO.Compression. Each instance works in its own temporary folder, deleted on dispose.
/// </summary>
public sealed class FormatFiles : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("landmap-formats-").FullName;

    public string PathOf(string name) => Path.Combine(Dir, name);

    /// <summary>A square of <paramref name="size"/> metres in EPSG:4549 with its south-west corner at lon/lat (Wenzhou ETDZ by default).</summary>
    public static JsonArray Square4549(double size = 50, double lon = 120.80, double lat = 27.85, double dx = 0)
    {
        var (x, y) = SourceCrs.FromStorage(SourceCrs.Find(4549)!, lon, lat);
        x = Math.Round(x + dx, 3);
        y = Math.Round(y, 3);
        return new JsonArray(new JsonArray(P(x, y), P(x, y + size), P(x + size, y + size), P(x + size, y), P(x, y)));
        static JsonArray P(double x, double y) => new(x, y);
    }

    /// <summary>A small square in lon/lat (EPSG:4490) in the zone.</summary>
    public static JsonArray LonLatSquare() => new(new JsonArray(
        new JsonArray(120.80, 27.85), new JsonArray(120.80, 27.851), new JsonArray(120.801, 27.851), new JsonArray(120.801, 27.85), new JsonArray(120.80, 27.85)));

    public static JsonObject Feature(JsonObject properties, JsonArray? polygon) => new()
    {
        ["type"] = "Feature",
        ["properties"] = properties,
        ["geometry"] = polygon is null ? null : new JsonObject { ["type"] = "Polygon", ["coordinates"] = polygon },
    };

    /// <summary>Writes a FeatureCollection to <paramref name="name"/> and returns its path.</summary>
    public string GeoJson(string name, params JsonObject[] features)
    {
        var path = PathOf(name);
        File.WriteAllText(path, new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(features) }.ToJsonString());
        return path;
    }

    /// <summary>Two parcels, the first named 金海园区 with dates and investments, the second 温州经济技术开发区.</summary>
    public string Parcels(string name = "in.geojson") => GeoJson(name,
        Feature(new JsonObject
        {
            ["code"] = "WZ-001", ["name"] = "金海园区", ["agreed_start_on"] = "2014-03-01",
            ["investment_agreed_wan"] = 1200.5, ["plot_ratio"] = 1.8, ["status"] = "supplied",
        }, Square4549()),
        Feature(new JsonObject { ["code"] = "WZ-002", ["name"] = "温州经济技术开发区", ["plot_ratio"] = 2 }, Square4549(dx: 100)));

    /// <summary>ogr2ogr -f "ESRI Shapefile" into a folder <paramref name="stem"/>: returns the .shp path.</summary>
    public async Task<string> ShapefileAsync(string geojson, string stem, string srs = "EPSG:4549", string? encoding = "GBK")
    {
        var shp = PathOf(stem + ".shp");
        var args = new List<string> { "-f", "ESRI Shapefile", shp, geojson, "-a_srs", srs };
        if (encoding is not null) args.AddRange(["-lco", $"ENCODING={encoding}"]);
        await RunAsync("ogr2ogr", args);
        return shp;
    }

    /// <summary>ogr2ogr -f GPKG (appending a table when the file exists).</summary>
    public async Task<string> GeoPackageAsync(string geojson, string name, string table, string srs = "EPSG:4549")
    {
        var gpkg = PathOf(name);
        var args = new List<string> { "-f", "GPKG", gpkg, geojson, "-a_srs", srs, "-nln", table };
        if (File.Exists(gpkg)) args.Insert(0, "-update");
        await RunAsync("ogr2ogr", args);
        return gpkg;
    }

    /// <summary>Marks the records of shapefile <paramref name="stem"/> matching <paramref name="where"/> deleted
    /// as GDAL does (the .dbf's '*' flag), without packing them away (AUTO_REPACK=NO).</summary>
    public Task DeleteRecordsAsync(string stem, string where) => RunAsync("ogrinfo",
        ["-oo", "AUTO_REPACK=NO", PathOf(stem + ".shp"), "-dialect", "SQLite", "-sql", $"DELETE FROM \"{stem}\" WHERE {where}"]);

    /// <summary>How many features ogrinfo lists in shapefile <paramref name="stem"/> (its "Feature Count"
    /// is the header's record count, deleted records included, so the listed ones are counted).</summary>
    public async Task<int> OgrListedFeaturesAsync(string stem)
    {
        var listing = await RunAsync("ogrinfo", ["-ro", "-al", "-q", PathOf(stem + ".shp")]);
        return listing.Split('\n').Count(line => line.StartsWith("OGRFeature(", StringComparison.Ordinal));
    }

    private static readonly string[] ShapefileParts = [".shp", ".shx", ".dbf", ".prj", ".cpg"];

    /// <summary>Zips every file of <paramref name="stems"/>' shapefile sets (optionally leaving out some extensions).</summary>
    public string ZipShapefiles(string zipName, IEnumerable<string> stems, params string[] without)
    {
        var files = stems.SelectMany(stem => Directory.GetFiles(Dir, stem + ".*"))
            .Where(f => ShapefileParts.Contains(Path.GetExtension(f)) && !without.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase));
        return Zip(zipName, files.Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToArray());
    }

    /// <summary>A zip of the given entries (names as they are: unsafe ones too).</summary>
    public string Zip(string zipName, params (string Name, byte[] Content)[] entries) => Zip(zipName, null, entries);

    /// <summary>A zip whose entry names are written in <paramref name="nameEncoding"/> (without the UTF-8 flag unless UTF-8).</summary>
    public string Zip(string zipName, System.Text.Encoding? nameEncoding, params (string Name, byte[] Content)[] entries)
    {
        var path = PathOf(zipName);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create, nameEncoding);
        foreach (var (name, content) in entries)
        {
            using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
            s.Write(content);
        }
        return path;
    }

    private static Task<string> RunAsync(string tool, IEnumerable<string> args) => Processes.RunCheckedAsync(tool, args);

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); }
        catch (IOException) { }
    }
}
