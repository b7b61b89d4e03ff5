using System.Diagnostics;
using LandMap.Api.Domain;
using LandMap.Api.Features.Uploads.Formats;
using LandMap.Api.Geo;

namespace LandMap.Tests.Upload.Formats;

/// <summary>Counts and CRS text that lie are found before the libraries trust them: each is a
/// feature's read error or no CRS at once, never minutes of work.</summary>
public sealed class DamagedShapefileTests : IDisposable
{
    private readonly FormatFiles files = new();

    public void Dispose() => files.Dispose();

    [Theory]
    [InlineData(0, int.MaxValue)]       // parts
    [InlineData(4, 1 << 30)]            // points
    [InlineData(0, -1)]                 // a negative part count
    [InlineData(8, -5)]                 // a negative start of the first part
    public async Task A_record_whose_counts_cannot_fit_is_a_read_error_found_at_once(int offsetAfterBox, int value)
    {
        await files.ShapefileAsync(files.Parcels(), "parcels");
        using (var shp = File.Open(files.PathOf("parcels.shp"), FileMode.Open))
        {
            shp.Position = 100 + 8 + 4 + 32 + offsetAfterBox;
            shp.Write(BitConverter.GetBytes(value));
        }
        using var source = new ShapefileZipSource(files.ZipShapefiles("parcels.zip", ["parcels"]), CollectionCatalog.Parcels);
        var clock = Stopwatch.StartNew();
        var features = source.ReadFeatures(default).ToList();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.Elapsed}");
        Assert.NotNull(features[0].ReadError);
        Assert.Null(features[0].Geometry);
        Assert.NotNull(features[1].Geometry);
    }

    [Theory]
    [InlineData("GEOGCS[\"broken")]
    [InlineData("GEOGCS[\"CGCS2000\",DATUM[\"x\",SPHEROID[\"CGCS2000\",6378137,298.257222101]]")]
    [InlineData("GEOGCS[\"CGCS2000\"]]")]
    [InlineData("GEOGCS[\"CGCS2000\"] trailing")]
    [InlineData("[[[[")]
    [InlineData("\"")]
    [InlineData("")]
    public void Text_that_is_not_one_closed_WKT_whole_is_no_CRS_and_is_not_parsed(string wkt)
    {
        Assert.False(WktShape.IsWellFormed(wkt));
        var clock = Stopwatch.StartNew();
        Assert.Null(SourceCrs.FromWkt(wkt));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{clock.Elapsed}");
    }

    [Fact]
    public void Real_WKT_is_well_formed_and_still_read()
    {
        var wkt = SourceCrs.Find(4549)!.Wkt;
        Assert.True(WktShape.IsWellFormed(wkt));
        Assert.Equal(4549, SourceCrs.FromWkt(wkt)?.Srid);
        Assert.False(WktShape.IsWellFormed(new string('A', WktShape.MaxLength) + "[]"));
    }
}
