using System.Text.Json.Nodes;
using LandMap.Tests.Upload.Formats;
using Microsoft.Data.Sqlite;

namespace LandMap.Tests.Upload.Hostile;

/// <summary>GeoPackages (SQLite files) that are broken or abusive: not SQLite past the magic, no
/// GeoPackage tables, geometry blobs that lie, unknown SRS, tables named to inject. Each made from one
/// good GeoPackage by ogr2ogr, then changed with SQL.</summary>
internal static class HostileGeoPackages
{
    private const string GpkgType = "application/geopackage+sqlite3";

    public static async Task<List<HostileUpload>> AllAsync(FormatFiles files)
    {
        var geojson = files.GeoJson("gpkg.geojson", FormatFiles.Feature(new JsonObject
        {
            ["code"] = "HOSTILE-GPKG", ["name"] = "金海园区", ["park_code"] = "P-BH", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = "idle",
        }, FormatFiles.Square4549(lon: 121.14, lat: 28.14)));
        var good = await File.ReadAllBytesAsync(await files.GeoPackageAsync(geojson, "good.gpkg", "parcels"));

        async Task<byte[]> Changed(string name, params string[] sql)
        {
            var path = files.PathOf(name + ".gpkg");
            await File.WriteAllBytesAsync(path, good);
            await using (var conn = new SqliteConnection($"Data Source={path};Pooling=False;Foreign Keys=False"))
            {
                await conn.OpenAsync();
                // GDAL's spatial-index triggers call SpatiaLite functions this SQLite lacks.
                var triggers = new List<string>();
                await using (var list = conn.CreateCommand())
                {
                    list.CommandText = "select name from sqlite_master where type = 'trigger'";
                    await using var r = await list.ExecuteReaderAsync();
                    while (await r.ReadAsync()) triggers.Add(r.GetString(0));
                }
                foreach (var statement in triggers.Select(t => $"drop trigger \"{t}\"").Concat(sql))
                {
                    await using var cmd = conn.CreateCommand();
                    cmd.CommandText = statement;
                    await cmd.ExecuteNonQueryAsync();
                }
            }
            return await File.ReadAllBytesAsync(path);
        }

        var geometryColumn = "geom";
        return
        [
            new("control: the good GeoPackage", good, GpkgType, MustRefuse: false, "collection=parcels&dryRun=true"),
            Refuse("SQLite magic then garbage", [.. "SQLite format 3\0"u8, .. Enumerable.Repeat((byte)0x42, 8000)]),
            Refuse("the GeoPackage cut in half", good[..(good.Length / 2)]),
            Refuse("an SQLite file with no tables", await EmptySqliteAsync(files)),
            Refuse("no gpkg_contents", await Changed("nocontents", "drop table gpkg_contents")),
            Refuse("no gpkg_geometry_columns", await Changed("nocolumns", "drop table gpkg_geometry_columns")),
            Refuse("contents naming a missing table", await Changed("missing", "update gpkg_contents set table_name = 'nope'",
                "update gpkg_geometry_columns set table_name = 'nope'")),
            Refuse("a geometry blob of garbage", await Changed("garbage", $"update parcels set {geometryColumn} = x'00112233445566778899'")),
            Refuse("a GeoPackage header and no WKB", await Changed("nowkb", $"update parcels set {geometryColumn} = x'4750000100000000'")),
            Refuse("a GeoPackage header with a bad envelope code", await Changed("envelope",
                $"update parcels set {geometryColumn} = x'4750000E00000000' || substr({geometryColumn}, 9)")),
            Refuse("WKB claiming a billion rings", await Changed("rings",
                $"update parcels set {geometryColumn} = substr({geometryColumn}, 1, 8 + 32 + 5) || x'FFFFFF3F' || substr({geometryColumn}, 8 + 32 + 10)")),
            Refuse("a point geometry", await Changed("point", $"update parcels set {geometryColumn} = x'47500001C51100000101000000000000000000F03F000000000000F03F'")),
            Refuse("a null geometry", await Changed("nullgeom", $"update parcels set {geometryColumn} = null")),
            Refuse("an unknown SRS", await Changed("srs", "update gpkg_geometry_columns set srs_id = 99999", "update gpkg_contents set srs_id = 99999")),
            Refuse("an empty table", await Changed("empty", "delete from parcels")),
            // A table name made to break out of quoting is read as a name like any other: nothing is dropped.
            new("a table named to inject", await Changed("inject",
                "alter table parcels rename to \"x\"\"; drop table gpkg_contents; --\"",
                "update gpkg_contents set table_name = 'x\"; drop table gpkg_contents; --'",
                "update gpkg_geometry_columns set table_name = 'x\"; drop table gpkg_contents; --'"), GpkgType, MustRefuse: false,
                "collection=parcels&dryRun=true"),
            Refuse("a 1 MB name", await Changed("longname", "update parcels set name = printf('%.*c', 1000000, 'x')")),
            Refuse("a code of bytes", await Changed("blobcode", "update parcels set code = x'00FF00FF'")),
            Refuse("a status that is no state", await Changed("status", "update parcels set status = 'stolen'")),
        ];
    }

    private static HostileUpload Refuse(string name, byte[] body) => new(name, body, GpkgType, MustRefuse: true);

    private static async Task<byte[]> EmptySqliteAsync(FormatFiles files)
    {
        var path = files.PathOf("empty.sqlite");
        await using (var conn = new SqliteConnection($"Data Source={path};Pooling=False;Foreign Keys=False"))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "create table t (a int); drop table t;";
            await cmd.ExecuteNonQueryAsync();
        }
        return await File.ReadAllBytesAsync(path);
    }
}
