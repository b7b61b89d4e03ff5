using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Clients;

/// <summary>GDAL's spatial filter over a province-wide box (issue 14 point 2: it was refused as wider than 5 degrees).</summary>
public sealed partial class GdalTests
{
    [Fact]
    [Trait("Requirement", "/req/core/fc-bbox-response")]
    public async Task Ogr2ogr_with_a_province_wide_spatial_filter_copies_what_PostGIS_selects()
    {
        var gpkg = Path.Combine(Path.GetTempPath(), $"landmap-province-{Guid.NewGuid():N}.gpkg");
        try
        {
            var (_, debug) = await GdalWithDebug("ogr2ogr", "-f", "GPKG", gpkg, $"OAPIF:{server.BaseUrl}/ogc", "parcels",
                "-spat", "115", "25", "125", "32");
            Assert.Contains("bbox=115", debug); // the server selected by the box, GDAL did not fetch everything
            var info = await Gdal("ogrinfo", "-ro", "-so", gpkg, "parcels");
            var expected = await server.DataSource.ScalarAsync<long>(
                "select count(*) from parcels where st_intersects(geom, st_makeenvelope(115, 25, 125, 32, 4490))");
            Assert.True(expected > 0);
            Assert.Equal(expected, long.Parse(FeatureCount().Match(info).Groups[1].Value));
        }
        finally
        {
            File.Delete(gpkg);
        }
    }
}
