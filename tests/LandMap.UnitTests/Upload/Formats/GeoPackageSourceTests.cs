using System.Text.Json;
using LandMap.Api.Domain;
using LandMap.Api.Features.Uploads.Formats;
using LandMap.Api.Problems;
using NetTopologySuite.Geometries;

namespace LandMap.Tests.Upload.Formats;

/// <summary>GeoPackageSource on GeoPackages built by ogr2ogr.</summary>
public sealed class GeoPackageSourceTests : IDisposable
{
    private readonly FormatFiles files = new();

    public void Dispose() => files.Dispose();

    private Task<string> ParcelsAsync(string table = "parcels", string srs = "EPSG:4549") =>
        files.GeoPackageAsync(files.Parcels(), "upload.gpkg", table, srs);

    [Fact]
    public async Task A_table_in_EPSG_4549_declares_4549()
    {
        using var source = new GeoPackageSource(await ParcelsAsync(), CollectionCatalog.Parcels);
        Assert.Equal(4549, source.DeclaredSrid);
        Assert.Equal("GeoPackage", source.Format);
    }

    [Fact]
    public async Task Extent_and_count_are_those_of_the_table()
    {
        using var source = new GeoPackageSource(await ParcelsAsync(), CollectionCatalog.Parcels);
        Assert.Equal(2, source.FeatureCount);
        var all = new Envelope();
        foreach (var f in source.ReadFeatures(default)) all.ExpandToInclude(f.Geometry!.EnvelopeInternal);
        // gpkg_contents holds the extent as GDAL rounded it: equal to a millimetre.
        Assert.Equal(all.MinX, source.Extent!.MinX, 3);
        Assert.Equal(all.MaxX, source.Extent!.MaxX, 3);
        Assert.Equal(all.MinY, source.Extent!.MinY, 3);
        Assert.Equal(all.MaxY, source.Extent!.MaxY, 3);
    }

    [Fact]
    public async Task Dates_numbers_and_text_are_typed_and_nulls_are_absent()
    {
        using var source = new GeoPackageSource(await ParcelsAsync(), CollectionCatalog.Parcels);
        var features = source.ReadFeatures(default).ToList();
        Assert.Equal("2014-03-01", features[0].Properties["agreed_start_on"].GetString());
        Assert.Equal(1200.5, features[0].Properties["investment_agreed_wan"].GetDouble());
        Assert.Equal(JsonValueKind.Number, features[1].Properties["plot_ratio"].ValueKind);
        Assert.Equal("金海园区", features[0].Properties["name"].GetString());
        Assert.False(features[1].Properties.ContainsKey("agreed_start_on"));
        Assert.DoesNotContain("fid", features[0].Properties.Keys); // the row id is not a property
    }

    [Fact]
    public async Task Geometries_come_with_SRID_0_in_the_files_coordinates()
    {
        using var source = new GeoPackageSource(await ParcelsAsync(), CollectionCatalog.Parcels);
        var first = source.ReadFeatures(default).First();
        Assert.Equal(0, first.Geometry!.SRID);
        Assert.Equal(2500, first.Geometry.Area, 3);
        Assert.True(first.Geometry.EnvelopeInternal.MinX > 500_000);
    }

    [Fact]
    public async Task Two_feature_tables_without_a_layer_are_refused_listing_them()
    {
        await ParcelsAsync("north");
        var gpkg = await ParcelsAsync("south");
        var e = Assert.Throws<InvalidParameterException>(() => new GeoPackageSource(gpkg, CollectionCatalog.Parcels));
        Assert.Equal("layer", e.Parameter);
        Assert.Contains("north, south", e.Message);
    }

    [Fact]
    public async Task The_layer_argument_chooses_a_table()
    {
        await ParcelsAsync("north");
        using var source = new GeoPackageSource(await ParcelsAsync("south"), CollectionCatalog.Parcels, "south");
        Assert.Equal("south", source.Layer);
    }

    [Fact]
    public async Task Of_several_tables_the_one_named_like_the_collection_is_chosen()
    {
        await ParcelsAsync("roads");
        using var source = new GeoPackageSource(await ParcelsAsync("parcels"), CollectionCatalog.Parcels);
        Assert.Equal("parcels", source.Layer);
    }

    [Fact]
    public async Task A_table_in_CGCS2000_geographic_declares_4490()
    {
        var geojson = files.GeoJson("ll.geojson", FormatFiles.Feature(new() { ["code"] = "LL-1" }, FormatFiles.LonLatSquare()));
        using var source = new GeoPackageSource(await files.GeoPackageAsync(geojson, "ll.gpkg", "parcels", "EPSG:4490"), CollectionCatalog.Parcels);
        Assert.Equal(4490, source.DeclaredSrid);
    }

    [Fact]
    public void A_SQLite_file_that_is_not_a_GeoPackage_is_refused()
    {
        var path = files.PathOf("plain.sqlite");
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "create table t (a int)";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<InvalidParameterException>(() => new GeoPackageSource(path, CollectionCatalog.Parcels));
        Assert.Contains("not a GeoPackage", e.Message);
    }
}
