using LandMap.Api.Domain;
using LandMap.Api.Features.Uploads.Formats;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;

namespace LandMap.Tests.Upload.Formats;

/// <summary>The hard limits on an uploaded zip: safe names, bounded expansion, one shapefile per upload.</summary>
public sealed class ZipSafetyTests : IDisposable
{
    private readonly FormatFiles files = new();

    public void Dispose() => files.Dispose();

    private async Task<Dictionary<string, byte[]>> ParcelPartsAsync(string stem = "parcels")
    {
        await files.ShapefileAsync(files.Parcels(stem + ".geojson"), stem);
        return Directory.GetFiles(files.Dir, stem + ".*").Where(f => !f.EndsWith(".geojson", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
    }

    [Theory]
    [InlineData("../parcels.shp")]
    [InlineData("a/../../parcels.shp")]
    [InlineData("/tmp/parcels.shp")]
    [InlineData("sub\\parcels.shp")]
    [InlineData("C:parcels.shp")]
    public async Task An_entry_name_that_could_escape_the_folder_is_refused(string name)
    {
        var parts = await ParcelPartsAsync();
        var zip = files.Zip("evil.zip", [.. parts.Select(p => (p.Key, p.Value)), (name, parts["parcels.shp"])]);
        var e = Assert.Throws<InvalidParameterException>(() => new ShapefileZipSource(zip, CollectionCatalog.Parcels));
        Assert.Contains("unsafe path", e.Message);
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public async Task A_shapefile_in_a_subfolder_of_the_zip_is_read()
    {
        var parts = await ParcelPartsAsync();
        var zip = files.Zip("nested.zip", [.. parts.Select(p => ("survey/2014/" + p.Key, p.Value))]);
        using var source = new ShapefileZipSource(zip, CollectionCatalog.Parcels);
        Assert.Equal(2, source.FeatureCount);
        Assert.Equal("parcels", source.Layer);
    }

    [Fact]
    public async Task GBK_entry_names_without_the_UTF8_flag_are_read_as_GBK()
    {
        var parts = await ParcelPartsAsync();
        var zip = files.Zip("gbk-names.zip", DbfTextEncoding.Gbk, [.. parts.Select(p => ("地块" + Path.GetExtension(p.Key), p.Value))]);
        using var source = new ShapefileZipSource(zip, CollectionCatalog.Parcels);
        Assert.Equal("地块", source.Layer);
        Assert.Equal("金海园区", source.ReadFeatures(default).First().Properties["name"].GetString());
    }

    [Fact]
    public async Task An_entry_that_expands_more_than_100_to_1_is_refused_as_a_zip_bomb()
    {
        var parts = await ParcelPartsAsync();
        var zip = files.Zip("bomb.zip", [.. parts.Select(p => (p.Key, p.Value)), ("readme.txt", new byte[20 * 1024 * 1024])]);
        var e = Assert.Throws<InvalidParameterException>(() => new ShapefileZipSource(zip, CollectionCatalog.Parcels));
        Assert.Contains("zip bomb", e.Message);
    }

    [Fact]
    public async Task A_zip_expanding_beyond_the_bound_is_refused()
    {
        var zip = files.Zip("parcels.zip", [.. (await ParcelPartsAsync()).Select(p => (p.Key, p.Value))]);
        var e = Assert.Throws<InvalidParameterException>(() => new ShapefileZipSource(zip, CollectionCatalog.Parcels, limits: new ZipLimits(MaxExpandedBytes: 500)));
        Assert.Contains("500 bytes", e.Message);
    }

    [Fact]
    public async Task Several_shapefiles_without_a_layer_are_refused_naming_them()
    {
        await ParcelPartsAsync("north");
        await ParcelPartsAsync("south");
        var zip = files.ZipShapefiles("two.zip", ["north", "south"]);
        var e = Assert.Throws<InvalidParameterException>(() => new ShapefileZipSource(zip, CollectionCatalog.Parcels));
        Assert.Equal("layer", e.Parameter);
        Assert.Contains("north.shp", e.Message);
        Assert.Contains("south.shp", e.Message);
        Assert.Contains("one shapefile per upload", e.Message);
    }

    [Fact]
    public async Task The_layer_argument_chooses_one_of_several_shapefiles()
    {
        await ParcelPartsAsync("north");
        await ParcelPartsAsync("south");
        using var source = new ShapefileZipSource(files.ZipShapefiles("two.zip", ["north", "south"]), CollectionCatalog.Parcels, layer: "South");
        Assert.Equal("south", source.Layer);
        Assert.Equal(2, source.FeatureCount);
    }

    [Fact]
    public async Task A_shapefile_without_its_dbf_is_refused()
    {
        await ParcelPartsAsync();
        var e = Assert.Throws<InvalidParameterException>(() => new ShapefileZipSource(files.ZipShapefiles("nodbf.zip", ["parcels"], ".dbf"), CollectionCatalog.Parcels));
        Assert.Contains("parcels.dbf", e.Message);
    }

    [Fact]
    public void A_zip_without_a_shapefile_is_refused()
    {
        var zip = files.Zip("empty.zip", ("readme.txt", "hello"u8.ToArray()));
        var e = Assert.Throws<InvalidParameterException>(() => new ShapefileZipSource(zip, CollectionCatalog.Parcels));
        Assert.Contains("no .shp", e.Message);
    }
}
