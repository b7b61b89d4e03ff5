using System.Text.Json;
using System.Text.Json.Nodes;
using LandMap.Api.Domain;
using LandMap.Api.Features.Uploads;
using LandMap.Api.Features.Uploads.Formats;
using LandMap.Api.Problems;
using LandMap.Api.Writes;
using NetTopologySuite.Geometries;

namespace LandMap.Tests.Upload.Formats;

/// <summary>ShapefileZipSource on zips built by ogr2ogr: encodings, CRS, field names, values, records.</summary>
public sealed class ShapefileZipSourceTests : IDisposable
{
    private readonly FormatFiles files = new();

    public void Dispose() => files.Dispose();

    private async Task<string> ZippedParcelsAsync(string srs = "EPSG:4549", string? encoding = "GBK", params string[] without)
    {
        await files.ShapefileAsync(files.Parcels(), "parcels", srs, encoding);
        return files.ZipShapefiles("parcels.zip", ["parcels"], without);
    }

    private static string Text(RawFeature f, string name) => f.Properties[name].GetString()!;

    [Fact]
    public async Task A_GBK_shapefile_with_its_cpg_reads_Chinese_names_intact()
    {
        using var source = new ShapefileZipSource(await ZippedParcelsAsync(), CollectionCatalog.Parcels);
        Assert.Equal(936, source.Encoding.CodePage);
        var features = source.ReadFeatures(default).ToList();
        Assert.Equal("金海园区", Text(features[0], "name"));
        Assert.Equal("温州经济技术开发区", Text(features[1], "name"));
        Assert.DoesNotContain(source.Warnings, w => w.Kind == UploadProblemKind.EncodingAssumed);
    }

    [Fact]
    public async Task GBK_bytes_without_a_cpg_are_read_as_GBK_with_a_warning()
    {
        using var source = new ShapefileZipSource(await ZippedParcelsAsync(without: ".cpg"), CollectionCatalog.Parcels);
        var warning = Assert.Single(source.Warnings, w => w.Kind == UploadProblemKind.EncodingAssumed);
        Assert.True(warning.IsWarning);
        Assert.Contains("GBK", warning.MessageEn);
        Assert.Equal("金海园区", Text(source.ReadFeatures(default).First(), "name"));
    }

    [Fact]
    public async Task A_language_driver_id_of_936_in_the_dbf_header_is_used_without_a_warning()
    {
        await files.ShapefileAsync(files.Parcels(), "parcels");
        using (var dbf = File.OpenWrite(files.PathOf("parcels.dbf")))
        {
            dbf.Position = 29;
            dbf.WriteByte(0x4D); // ESRI's id for code page 936
        }
        using var source = new ShapefileZipSource(files.ZipShapefiles("parcels.zip", ["parcels"], ".cpg"), CollectionCatalog.Parcels);
        Assert.Equal(936, source.Encoding.CodePage);
        Assert.DoesNotContain(source.Warnings, w => w.Kind == UploadProblemKind.EncodingAssumed);
        Assert.Equal("金海园区", Text(source.ReadFeatures(default).First(), "name"));
    }

    [Fact]
    public async Task A_UTF8_cpg_reads_UTF8_text()
    {
        using var source = new ShapefileZipSource(await ZippedParcelsAsync(encoding: "UTF-8"), CollectionCatalog.Parcels);
        Assert.Equal(65001, source.Encoding.CodePage);
        Assert.Equal("温州经济技术开发区", Text(source.ReadFeatures(default).ElementAt(1), "name"));
    }

    [Theory]
    [InlineData("GBK", 936)]
    [InlineData("CP936", 936)]
    [InlineData("936", 936)]
    [InlineData("GB2312", 936)]
    [InlineData("UTF-8", 65001)]
    [InlineData("65001", 65001)]
    [InlineData("88591", 28591)]
    [InlineData("ANSI 1252", 1252)]
    public void Cpg_values_name_their_code_page(string cpg, int codePage) =>
        Assert.Equal(codePage, DbfTextEncoding.FromCpg(cpg)!.CodePage);

    [Fact]
    public async Task A_prj_for_CGCS2000_Gauss_Kruger_CM_120E_declares_EPSG_4549()
    {
        using var source = new ShapefileZipSource(await ZippedParcelsAsync(), CollectionCatalog.Parcels);
        Assert.Equal(4549, source.DeclaredSrid);
    }

    [Fact]
    public async Task A_prj_for_CGCS2000_geographic_declares_EPSG_4490()
    {
        var geojson = files.GeoJson("lonlat.geojson", FormatFiles.Feature(new JsonObject { ["code"] = "LL-1" }, FormatFiles.LonLatSquare()));
        await files.ShapefileAsync(geojson, "lonlat", "EPSG:4490");
        using var source = new ShapefileZipSource(files.ZipShapefiles("lonlat.zip", ["lonlat"]), CollectionCatalog.Parcels);
        Assert.Equal(4490, source.DeclaredSrid);
    }

    [Fact]
    public async Task An_unknown_prj_is_refused_naming_the_CRS_and_asking_for_crs()
    {
        var zip = await ZippedParcelsAsync("EPSG:32651");
        var e = Assert.Throws<InvalidParameterException>(() => new ShapefileZipSource(zip, CollectionCatalog.Parcels));
        Assert.Equal("crs", e.Parameter);
        Assert.Contains("UTM", e.Message);
        Assert.Contains("crs=EPSG:", e.Message);
    }

    [Fact]
    public async Task An_unknown_prj_passes_when_the_request_names_the_CRS()
    {
        using var source = new ShapefileZipSource(await ZippedParcelsAsync("EPSG:32651"), CollectionCatalog.Parcels, crsGiven: true);
        Assert.Null(source.DeclaredSrid);
    }

    [Fact]
    public async Task Without_a_prj_no_CRS_is_declared()
    {
        using var source = new ShapefileZipSource(await ZippedParcelsAsync(without: ".prj"), CollectionCatalog.Parcels);
        Assert.Null(source.DeclaredSrid);
    }

    [Fact]
    public async Task A_truncated_field_name_maps_to_the_one_property_it_starts()
    {
        using var source = new ShapefileZipSource(await ZippedParcelsAsync(), CollectionCatalog.Parcels);
        var first = source.ReadFeatures(default).First();
        Assert.Equal("2014-03-01", Text(first, "agreed_start_on")); // DBF field agreed_sta, a D field
        Assert.DoesNotContain("agreed_sta", first.Properties.Keys);
    }

    [Fact]
    public async Task An_ambiguous_truncated_field_name_is_dropped_with_a_warning_naming_the_candidates()
    {
        using var source = new ShapefileZipSource(await ZippedParcelsAsync(), CollectionCatalog.Parcels);
        var warning = Assert.Single(source.Warnings, w => w.Field == "investment");
        Assert.Equal(UploadProblemKind.UnknownProperty, warning.Kind);
        Assert.Contains("investment_agreed_wan", warning.MessageEn);
        Assert.Contains("investment_actual_wan", warning.MessageEn);
        Assert.DoesNotContain(source.ReadFeatures(default), f => f.Properties.Keys.Any(k => k.StartsWith("invest", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Values_are_typed_strings_numbers_and_dates_and_blanks_are_absent()
    {
        using var source = new ShapefileZipSource(await ZippedParcelsAsync(), CollectionCatalog.Parcels);
        var features = source.ReadFeatures(default).ToList();
        Assert.Equal(JsonValueKind.String, features[0].Properties["code"].ValueKind);
        Assert.Equal("WZ-001", Text(features[0], "code"));
        Assert.Equal(1.8, features[0].Properties["plot_ratio"].GetDouble());
        Assert.Equal(2, features[1].Properties["plot_ratio"].GetDouble());
        Assert.Equal("supplied", Text(features[0], "status"));
        Assert.False(features[1].Properties.ContainsKey("status"));
        Assert.False(features[1].Properties.ContainsKey("agreed_start_on"));
        Assert.Equal("WZ-001", features[0].Code);
    }

    [Fact]
    public async Task Extent_and_count_come_from_the_shp_header_and_index()
    {
        using var source = new ShapefileZipSource(await ZippedParcelsAsync(), CollectionCatalog.Parcels);
        Assert.Equal(2, source.FeatureCount);
        Assert.DoesNotContain(source.Warnings, w => w.Kind == UploadProblemKind.DeletedRecordsSkipped);
        Assert.Equal("Shapefile", source.Format);
        var all = new Envelope();
        foreach (var f in source.ReadFeatures(default)) all.ExpandToInclude(f.Geometry!.EnvelopeInternal);
        Assert.Equal(all, source.Extent);
        Assert.Equal(150, source.Extent!.Width, 3);
    }

    [Fact]
    public async Task Geometries_are_polygons_with_SRID_0_in_file_order()
    {
        using var source = new ShapefileZipSource(await ZippedParcelsAsync(), CollectionCatalog.Parcels);
        var features = source.ReadFeatures(default).ToList();
        Assert.Equal([0, 1], features.Select(f => f.Index));
        Assert.All(features, f => Assert.Equal(0, f.Geometry!.SRID));
        Assert.All(features, f => Assert.Equal(2500, f.Geometry!.Area, 3));
    }

    [Fact]
    public async Task A_feature_without_geometry_reads_with_a_null_geometry_and_no_error()
    {
        var geojson = files.GeoJson("nulls.geojson",
            FormatFiles.Feature(new JsonObject { ["code"] = "N-1" }, FormatFiles.Square4549()),
            FormatFiles.Feature(new JsonObject { ["code"] = "N-2" }, null));
        await files.ShapefileAsync(geojson, "nulls");
        using var source = new ShapefileZipSource(files.ZipShapefiles("nulls.zip", ["nulls"]), CollectionCatalog.Parcels);
        var second = source.ReadFeatures(default).ElementAt(1);
        Assert.Null(second.Geometry);
        Assert.Null(second.ReadError);
        Assert.Equal("N-2", second.Code);
    }

    [Fact]
    public async Task A_record_that_cannot_be_read_comes_with_a_ReadError_and_the_others_still_read()
    {
        await files.ShapefileAsync(files.Parcels(), "parcels");
        using (var shp = File.Open(files.PathOf("parcels.shp"), FileMode.Open))
        {
            shp.Position = 100 + 8 + 4 + 32 + 4; // the first record's point count, after type, box and part count
            shp.Write(BitConverter.GetBytes(int.MaxValue)); // far more points than the record holds
        }
        using var source = new ShapefileZipSource(files.ZipShapefiles("parcels.zip", ["parcels"]), CollectionCatalog.Parcels);
        var features = source.ReadFeatures(default).ToList();
        Assert.NotNull(features[0].ReadError);
        Assert.Null(features[0].Geometry);
        Assert.Null(features[1].ReadError);
        Assert.NotNull(features[1].Geometry);
    }

    /// <summary>Shapefile "three" with parcels D-1, D-2, D-3, the records matching <paramref name="where"/> marked deleted by GDAL; the zip.</summary>
    private async Task<string> ThreeWithDeletedAsync(string where)
    {
        var geojson = files.GeoJson("three.geojson",
            FormatFiles.Feature(new JsonObject { ["code"] = "D-1" }, FormatFiles.Square4549()),
            FormatFiles.Feature(new JsonObject { ["code"] = "D-2" }, FormatFiles.Square4549(dx: 100)),
            FormatFiles.Feature(new JsonObject { ["code"] = "D-3" }, FormatFiles.Square4549(dx: 200)));
        await files.ShapefileAsync(geojson, "three");
        await files.DeleteRecordsAsync("three", where);
        return files.ZipShapefiles("three.zip", ["three"]);
    }

    [Fact]
    public async Task A_record_the_dbf_marks_deleted_is_skipped_with_one_warning_and_later_indexes_count_features_only()
    {
        var zip = await ThreeWithDeletedAsync("code = 'D-2'");

        using var source = new ShapefileZipSource(zip, CollectionCatalog.Parcels);

        Assert.Equal(2, source.FeatureCount);
        var features = source.ReadFeatures(default).ToList();
        Assert.Equal(["D-1", "D-3"], features.Select(f => f.Code));
        Assert.Equal([0, 1], features.Select(f => f.Index)); // as ogrinfo lists them, not their FIDs 0 and 2
        Assert.All(features, f => Assert.Null(f.ReadError));
        Assert.Equal(1, source.Progress);
        var warning = Assert.Single(source.Warnings, w => w.Kind == UploadProblemKind.DeletedRecordsSkipped);
        Assert.True(warning.IsWarning);
        Assert.Null(warning.FeatureIndex);
        Assert.Contains("1 record(s) marked deleted", warning.MessageEn);
        Assert.Contains("1 条记录已标记为删除", warning.MessageZh);
        Assert.Equal(2, await files.OgrListedFeaturesAsync("three"));
    }

    [Fact]
    public async Task A_shapefile_whose_every_record_is_marked_deleted_is_refused_saying_so()
    {
        var zip = await ThreeWithDeletedAsync("1 = 1");
        var e = Assert.Throws<InvalidParameterException>(() => new ShapefileZipSource(zip, CollectionCatalog.Parcels));
        Assert.Equal("file", e.Parameter);
        Assert.Contains("every record of three.dbf (3) is marked deleted", e.Message);
    }

    [Fact]
    public async Task Without_the_shx_the_records_are_found_by_walking_the_shp()
    {
        using var source = new ShapefileZipSource(await ZippedParcelsAsync(without: ".shx"), CollectionCatalog.Parcels);
        Assert.Equal(2, source.FeatureCount);
        Assert.All(source.ReadFeatures(default), f => Assert.NotNull(f.Geometry));
    }

    [Fact]
    public async Task The_extracted_files_are_deleted_on_dispose()
    {
        var source = new ShapefileZipSource(await ZippedParcelsAsync(), CollectionCatalog.Parcels);
        var mine = source.ExtractedTo;
        Assert.True(File.Exists(Path.Combine(mine, "layer.dbf")));
        source.Dispose();
        Assert.False(Directory.Exists(mine));
    }
}
