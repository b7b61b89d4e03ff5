using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Upload.Formats;

namespace LandMap.Tests.Upload.Hostile;

/// <summary>Zipped shapefiles that are broken or abusive: parts missing, headers that lie, records
/// past the end, zips that are not what they say. Built from one good shapefile made by ogr2ogr.</summary>
internal static class HostileArchives
{
    private const string ZipType = "application/zip";

    public static async Task<List<HostileUpload>> AllAsync(FormatFiles files)
    {
        var geojson = files.GeoJson("good.geojson", FormatFiles.Feature(new JsonObject
        {
            ["code"] = "HOSTILE-SHP", ["name"] = "金海园区", ["park_code"] = "P-BH", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = "idle",
        }, FormatFiles.Square4549(lon: 121.13, lat: 28.14)));
        await files.ShapefileAsync(geojson, "good");
        var good = Directory.GetFiles(files.Dir, "good.*").Where(f => !f.EndsWith(".geojson", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetExtension(f), File.ReadAllBytes);
        byte[] shp = good[".shp"], shx = good[".shx"], dbf = good[".dbf"];

        var list = new List<HostileUpload>
        {
            new("control: the good shapefile", Zip(good), ZipType, MustRefuse: false, "collection=parcels&dryRun=true"),
            Refuse("zip magic then garbage", [.. "PK\x03\x04"u8, .. Enumerable.Repeat((byte)0xA5, 4000)]),
            Refuse("zip cut in half", Zip(good)[..(Zip(good).Length / 2)]),
            Refuse("an empty zip", Zip(new Dictionary<string, byte[]>())),
            Refuse("only a .prj", Zip(Only(good, ".prj"))),
            Refuse("no .shp", Zip(Without(good, ".shp"))),
            Refuse("no .dbf", Zip(Without(good, ".dbf"))),
            Refuse("a zip inside the zip", Zip(new Dictionary<string, byte[]> { ["inner.zip"] = Zip(good) })),
            Refuse("a text file only", Zip(new Dictionary<string, byte[]> { ["readme.txt"] = "宗地"u8.ToArray() })),
            Refuse("shp truncated inside its record", Zip(With(good, ".shp", shp[..120]))),
            Refuse("shp header only", Zip(With(good, ".shp", shp[..100]))),
            Refuse("shp shorter than its header", Zip(With(good, ".shp", shp[..40]))),
            Refuse("shp with a wrong file code", Zip(With(good, ".shp", Patch(shp, 0, b => BinaryPrimitives.WriteInt32BigEndian(b, 1234))))),
            Refuse("shp of points", Zip(With(good, ".shp", Patch(Patch(shp, 32, b => BinaryPrimitives.WriteInt32LittleEndian(b, 1)),
                108, b => BinaryPrimitives.WriteInt32LittleEndian(b, 1))))),
            Refuse("shp record of an unknown shape type", Zip(With(good, ".shp", Patch(shp, 108, b => BinaryPrimitives.WriteInt32LittleEndian(b, 77))))),
            Refuse("shp record claiming 2^31-1 parts", Zip(With(good, ".shp", Patch(shp, 144, b => BinaryPrimitives.WriteInt32LittleEndian(b, int.MaxValue))))),
            Refuse("shp record claiming 2^30 points", Zip(With(good, ".shp", Patch(shp, 148, b => BinaryPrimitives.WriteInt32LittleEndian(b, 1 << 30))))),
            Refuse("shp record with a negative part start", Zip(With(good, ".shp", Patch(shp, 152, b => BinaryPrimitives.WriteInt32LittleEndian(b, -5))))),
            Refuse("shp record longer than the file", Zip(With(good, ".shp", Patch(shp, 104, b => BinaryPrimitives.WriteInt32BigEndian(b, 0x3FFFFFFF))))),
            Refuse("shp with NaN coordinates", Zip(With(good, ".shp", Patch(shp, 164, b => BinaryPrimitives.WriteDoubleLittleEndian(b, double.NaN))))),
            // The .shp and .dbf agree: the records are found by walking the .shp, as GDAL can.
            new("shx pointing past the shp", Zip(With(good, ".shx", Patch(shx, 100, b => BinaryPrimitives.WriteInt32BigEndian(b, 0x0FFFFFFF)))),
                ZipType, MustRefuse: false, "collection=parcels&dryRun=true"),
            new("shx of garbage", Zip(With(good, ".shx", Enumerable.Repeat((byte)0x5A, shx.Length).ToArray())), ZipType, MustRefuse: false,
                "collection=parcels&dryRun=true"),
            Refuse("dbf of garbage", Zip(With(good, ".dbf", Enumerable.Repeat((byte)0x5A, dbf.Length).ToArray()))),
            Refuse("dbf cut to 10 bytes", Zip(With(good, ".dbf", dbf[..10]))),
            Refuse("dbf header length 0", Zip(With(good, ".dbf", Patch(dbf, 8, b => BinaryPrimitives.WriteUInt16LittleEndian(b, 0))))),
            Refuse("dbf header length past the file", Zip(With(good, ".dbf", Patch(dbf, 8, b => BinaryPrimitives.WriteUInt16LittleEndian(b, 60000))))),
            Refuse("dbf record length 0", Zip(With(good, ".dbf", Patch(dbf, 10, b => BinaryPrimitives.WriteUInt16LittleEndian(b, 0))))),
            Refuse("dbf claiming a million records", Zip(With(good, ".dbf", Patch(dbf, 4, b => BinaryPrimitives.WriteInt32LittleEndian(b, 1_000_000))))),
            Refuse("dbf field of length 0", Zip(With(good, ".dbf", Patch(dbf, 32 + 16, b => b[0] = 0)))),
            Refuse("dbf field of an unknown type", Zip(With(good, ".dbf", Patch(dbf, 32 + 11, b => b[0] = (byte)'Q')))),
            // The header's length says where the fields end, so readers (NTS, GDAL) do without the terminator.
            new("dbf without its header terminator", Zip(With(good, ".dbf", RemoveTerminator(dbf))), ZipType, MustRefuse: false,
                "collection=parcels&dryRun=true"),
            Refuse("two shapefiles and no layer", ZipEntries([.. good.Select(p => ("good" + p.Key, p.Value)), .. good.Select(p => ("other" + p.Key, p.Value))])),
            new("a layer that is not there", Zip(good), ZipType, MustRefuse: true, "collection=parcels&layer=nope"),
            Refuse("a .prj of garbage", Zip(With(good, ".prj", "GEOGCS[\"broken"u8.ToArray()))),
            Refuse("a .prj of a CRS far from the zone", Zip(With(good, ".prj",
                """PROJCS["WGS_1984_UTM_Zone_33N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000],PARAMETER["False_Northing",0],PARAMETER["Central_Meridian",15],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0],UNIT["Meter",1]]"""u8.ToArray()))),
            // An unknown .cpg is read by a guess with an EncodingAssumed warning (ASCII text reads the same either way).
            new("a .cpg naming no encoding", Zip(With(good, ".cpg", "EBCDIC-BOGUS-9"u8.ToArray())), ZipType, MustRefuse: false,
                "collection=parcels&dryRun=true"),
            Refuse("the same entry twice", ZipEntries([.. good.Select(p => ("good" + p.Key, p.Value)), ("good.shp", shp)])),
            Refuse("a symbolic-link entry", ZipEntries([.. good.Select(p => ("good" + p.Key, p.Value))], symlink: "good.prj")),
            Refuse("an encrypted zip", Encrypted(Zip(good))),
            Refuse("10,000 empty entries", ZipEntries([.. good.Select(p => ("good" + p.Key, p.Value)),
                .. Enumerable.Range(0, 10_000).Select(i => ($"e/{i}.txt", Array.Empty<byte>()))])),
        };
        return list;
    }

    private static HostileUpload Refuse(string name, byte[] body, string query = "collection=parcels") => new(name, body, ZipType, MustRefuse: true, query);

    private static Dictionary<string, byte[]> With(Dictionary<string, byte[]> parts, string ext, byte[] content) =>
        new(parts) { [ext] = content };

    private static Dictionary<string, byte[]> Without(Dictionary<string, byte[]> parts, string ext) =>
        parts.Where(p => p.Key != ext).ToDictionary();

    private static Dictionary<string, byte[]> Only(Dictionary<string, byte[]> parts, string ext) =>
        parts.Where(p => p.Key == ext).ToDictionary();

    private static byte[] Patch(byte[] bytes, int at, Action<Span<byte>> write)
    {
        var copy = bytes.ToArray();
        write(copy.AsSpan(at));
        return copy;
    }

    /// <summary>The .dbf with its 0x0D header terminator replaced, so the field list runs into the records.</summary>
    private static byte[] RemoveTerminator(byte[] dbf)
    {
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(dbf.AsSpan(8));
        return Patch(dbf, headerLength - 1, b => b[0] = (byte)'X');
    }

    /// <summary>A zip of a shapefile's parts (keys are extensions, or whole names when not starting with '.').</summary>
    private static byte[] Zip(Dictionary<string, byte[]> parts) =>
        ZipEntries(parts.Select(p => (p.Key.StartsWith('.') ? "good" + p.Key : p.Key, p.Value)).ToArray());

    private static byte[] ZipEntries((string Name, byte[] Content)[] entries, string? symlink = null)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                // Unix mode in the high 16 bits: S_IFLNK | 0777 makes the entry a symbolic link to its content.
                if (name == symlink) entry.ExternalAttributes = unchecked((int)0xA1FF0000);
                using var s = entry.Open();
                s.Write(name == symlink ? Encoding.UTF8.GetBytes("/etc/passwd") : content);
            }
        }
        return memory.ToArray();
    }

    /// <summary>The zip with the "encrypted" flag (general purpose bit 0) set on every entry, as a
    /// password-protected zip has it; the data stays as it was, which is what a reader must not trust.</summary>
    private static byte[] Encrypted(byte[] zip)
    {
        var copy = zip.ToArray();
        for (var i = 0; i + 8 < copy.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(i));
            if (signature == 0x04034b50) copy[i + 6] |= 1;       // local file header: flags at +6
            else if (signature == 0x02014b50) copy[i + 8] |= 1;  // central directory header: flags at +8
        }
        return copy;
    }
}
