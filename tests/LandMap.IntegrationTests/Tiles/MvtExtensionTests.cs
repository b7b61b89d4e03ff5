using System.Text.RegularExpressions;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Tiles;

/// <summary>
/// Tiles at .../{z}/{y}/{x}.mvt (issue 14 point 9): GDAL's MVT driver chooses itself by the extension,
/// so <c>MVT:/vsicurl/&lt;tile URL&gt;.mvt</c> opens a tile straight from the service.
/// </summary>
public sealed partial class MvtExtensionTests(LandMapServer server)
{
    [Fact]
    public async Task Ogrinfo_opens_a_dot_mvt_tile_over_vsicurl_and_reads_the_parcels_PostGIS_puts_in_it()
    {
        const int z = 14;
        var (x, y) = Slippy.TileAt(120.81, 27.84, z);
        var url = $"{server.BaseUrl}/ogc/collections/parcels/tiles/WebMercatorQuad/{z}/{y}/{x}.mvt";

        // GDAL reads {z}/{x}/{y} from a path, OGC's template is {z}/{y}/{x}: the tile's place is given
        // with -oo, CLIP=NO so the features lying only in the tile's buffer count too.
        var info = await GdalTools.RunAsync("ogrinfo", "-ro", "-so", $"MVT:/vsicurl/{url}",
            "-oo", $"X={x}", "-oo", $"Y={y}", "-oo", $"Z={z}", "-oo", "CLIP=NO", "parcels");
        var count = long.Parse(FeatureCount().Match(info).Groups[1].Value);

        await using var cmd = server.DataSource.CreateCommand("""
            select count(*) from parcels
            where st_intersects(st_transform(geom, 3857), st_tileenvelope($1, $2, $3, margin => 64.0 / 4096))
            """);
        cmd.Parameters.Add(new() { Value = z });
        cmd.Parameters.Add(new() { Value = x });
        cmd.Parameters.Add(new() { Value = y });
        var expected = (long)(await cmd.ExecuteScalarAsync())!;
        Assert.True(expected > 20, $"the test tile should be busy; it has {expected} parcels");
        Assert.Equal(expected, count);
        Assert.Contains("code: String", info);
    }

    [Fact]
    public async Task Ogrinfo_opens_a_dot_mvt_tile_by_its_url_alone()
    {
        var (x, y) = Slippy.TileAt(120.81, 27.84, 14);
        var url = $"{server.BaseUrl}/ogc/collections/parks/tiles/WebMercatorQuad/14/{y}/{x}.mvt";
        Assert.Matches(@"1: parks \(", await GdalTools.RunAsync("ogrinfo", "-ro", "-q", $"MVT:/vsicurl/{url}"));
    }

    [GeneratedRegex(@"Feature Count: (\d+)")]
    private static partial Regex FeatureCount();
}
