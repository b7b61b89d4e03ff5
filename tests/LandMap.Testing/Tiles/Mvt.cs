using LandMap.Tests.Infrastructure;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace LandMap.Tests.Tiles;

/// <summary>Slippy-map tile maths written here on their own, so the tests do not check the service with its own code.</summary>
internal static class Slippy
{
    public static (int X, int Y) TileAt(double lon, double lat, int z)
    {
        var n = Math.Pow(2, z);
        var x = (int)((lon + 180) / 360 * n);
        var latRad = lat * Math.PI / 180;
        var y = (int)((1 - Math.Asinh(Math.Tan(latRad)) / Math.PI) / 2 * n);
        return (x, y);
    }

    /// <summary>A screen pixel's side on the ground (m) at the centre of a tile row.</summary>
    public static double PixelGroundMetres(int z, int y)
    {
        var n = Math.Pow(2, z);
        var lat = Math.Atan(Math.Sinh(Math.PI * (1 - 2 * (y + 0.5) / n)));
        return 2 * Math.PI * 6378137 / 256 / n * Math.Cos(lat);
    }
}

/// <summary>Reads a tile back with GDAL's MVT driver: a tile saved as a file, georeferenced by -oo X/Y/Z.</summary>
internal static class Mvt
{
    /// <summary>The features of one layer as GeoJSON (EPSG:3857), unclipped (CLIP=NO) so features
    /// lying only in the tile's buffer count too. Null when the tile has no such layer.</summary>
    public static Task<JsonArray?> ReadLayerAsync(byte[] tile, int z, int x, int y, string layer) =>
        WithTileFile(tile, z, x, y, async open =>
        {
            if (!(await GdalTools.RunAsync("ogrinfo", ["-ro", "-q", .. open])).Contains($": {layer} ")) return null;
            var json = await GdalTools.RunAsync("ogr2ogr", ["-f", "GeoJSON", "/vsistdout/", .. open, layer]);
            return JsonNode.Parse(json)!["features"]!.AsArray();
        });

    /// <summary>The layers of a tile as ogrinfo lists them ("1: parcels (Polygon)").</summary>
    public static Task<string> LayersAsync(byte[] tile, int z, int x, int y) =>
        WithTileFile(tile, z, x, y, open => GdalTools.RunAsync("ogrinfo", ["-ro", "-q", .. open]));

    /// <summary>Saves the tile as {z}_{x}_{y}.pbf in a temporary folder and gives GDAL's open arguments.</summary>
    private static async Task<T> WithTileFile<T>(byte[] tile, int z, int x, int y, Func<string[], Task<T>> use)
    {
        var dir = Directory.CreateTempSubdirectory("landmap-mvt-");
        try
        {
            var path = Path.Combine(dir.FullName, $"{z}_{x}_{y}.pbf");
            await File.WriteAllBytesAsync(path, tile);
            return await use([$"MVT:{path}", "-oo", $"X={x}", "-oo", $"Y={y}", "-oo", $"Z={z}", "-oo", "CLIP=NO"]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

}

/// <summary>Runs a GDAL command-line tool; a non-zero exit fails the test with its stderr.</summary>
internal static class GdalTools
{
    public static Task<string> RunAsync(string tool, params string[] args) => Processes.RunCheckedAsync(tool, args);
}
