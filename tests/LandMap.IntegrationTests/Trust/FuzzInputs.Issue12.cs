using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace LandMap.Tests.Trust;

/// <summary>The input classes of issue 12 (client input that was a 500, text sizes, trailing JSON,
/// media types), beside the generator's original kinds in FuzzInputs.cs.</summary>
public sealed partial class FuzzInputs
{
    // ---- issue 12, points 5 and 6: client input that used to be a 500, and text sizes ----

    private static readonly string[] SortColumns = ["code", "approved_on", "plot_ratio", "area_mu", "version", "updated_at", "state", "name"];
    private static readonly string[] CursorValues =
        ["\"x\"", "\"2014-13-45\"", "\"2014-01-01\"", "1e400", "-1e400", "99999999999999999999", "1.5", "0", "null", "true", "[]", "{}",
         "\"\\u0000\"", "\"9999-12-31T23:59:59Z\"", "\"2026-01-01T00:00:00.123456+08:00\"", "\"NaN\"", "\"Infinity\"", "1e30", "-0"];
    private static readonly string[] AsOfs =
        ["9999-12-31T23:00:00Z", "9999-12-31", "0001-01-01", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-10:00", "10000-01-01",
         "2026-01-01", "2100-12-31T23:59:59Z", "2101-01-01", "1989-12-31T23:59:59Z", "-0001-01-01", "2026-02-30", "2026-01-01T25:00:00Z"];
    private static readonly string[] IfMatches =
        ["\"parcels-99999999999999999999-v1\"", "\"parcels-1-v99999999999\"", "\"parcels-١٢٣-v1\"", "W/\"parcels-1-v1\"", "W/\"parcels-1-v2\"",
         "\"parcels-1-v900\", W/\"parcels-1-v1\"", "parcels-1-v1", "\"parcels--1-v1\"", "\"parcels-1-v-1\"", "\"\"", "W/", "\"parcels-1-v1", ",", "**"];
    private static readonly (string Crs, double X, double Y)[] CrsDomains =
        [("EPSG:4549", 1e12, 1e12), ("EPSG:4549", 3_090_000, -1e12), ("EPSG:4528", 3_090_000, 500_000), ("EPSG:3857", 3e7, 0),
         ("http://www.opengis.net/def/crs/OGC/1.3/CRS84", 120, 95), ("EPSG:4326", 95, 120), ("EPSG:4549", 3_085_000, 580_000), ("EPSG:4490", 27.85, 120.8)];

    private FuzzRequest ClientInput() => rnd.Next(7) switch
    {
        0 => new("cursor", false, HttpMethod.Get, $"ogc/collections/parcels/items?limit=2&sortby={(Chance(0.5) ? "-" : "")}{Pick(SortColumns)}&cursor=" +
            Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"[{Pick(CursorValues)},{Pick(["1", "1e400", "-1", "99999999999999999999"])}]"))),
        1 => new("asOf", false, HttpMethod.Get, Pick([$"ogc/collections/parcels/items?limit=1&asOf=", "api/parcels/states?date=", "api/reports/parks?date=", "api/reports/land-indicators?year="])
            + Uri.EscapeDataString(Pick(AsOfs))),
        2 => CrsDomain(),
        3 => new("if-match", true, (Chance(0.5) ? HttpMethod.Delete : HttpMethod.Patch), $"ogc/collections/parcels/items/{Pick(["1", "2", "99999999999999999999"])}",
            Encoding.UTF8.GetBytes("""{"properties":{"name":"fuzz"}}"""), "application/merge-patch+json",
            new Dictionary<string, string> { ["If-Match"] = Ascii(Pick(IfMatches)) }),
        4 => new("zip", true, HttpMethod.Post, "api/uploads?collection=parcels&dryRun=true", ZipVariant(), "application/zip"),
        _ => TextSizes(),
    };

    private FuzzRequest CrsDomain()
    {
        var (crs, x, y) = CrsDomains[rnd.Next(CrsDomains.Length)];
        string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        return Chance(0.5)
            ? new("crs-domain", false, HttpMethod.Get, $"ogc/collections/parcels/items?limit=1&bbox-crs={Uri.EscapeDataString(crs)}&bbox={N(x)},{N(y)},{N(x + 100)},{N(y + 100)}")
            : new("crs-domain", false, HttpMethod.Get, $"ogc/collections/parcels/items?limit=1&filter-crs={Uri.EscapeDataString(crs)}&filter="
                + Uri.EscapeDataString($"S_INTERSECTS(geometry, {Pick([$"POINT({N(x)} {N(y)})", $"BBOX({N(x)},{N(y)},{N(x + 100)},{N(y + 100)})"])})"));
    }

    /// <summary>A zip of shapefile-named entries of random bytes: some encrypted (flag bit 0), some
    /// symbolic links (S_IFLNK), some with a .dbf header that lies.</summary>
    private byte[] ZipVariant()
    {
        using var ms = new MemoryStream();
        var variant = rnd.Next(3);
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var ext in new[] { ".shp", ".shx", ".dbf", ".prj" })
            {
                var entry = zip.CreateEntry("p" + ext, System.IO.Compression.CompressionLevel.NoCompression);
                if (variant == 1 && Chance(0.5)) entry.ExternalAttributes = unchecked((int)(0xA1FFu << 16));
                var content = new byte[rnd.Next(0, 300)];
                rnd.NextBytes(content);
                if (ext == ".shp" && content.Length >= 100) content[0..4].AsSpan().Clear(); // sometimes near a header
                if (ext == ".shp" && content.Length >= 4) { content[2] = 0x27; content[3] = 0x0A; } // 9994, the file code
                using var s = entry.Open();
                s.Write(content);
            }
        }
        var bytes = ms.ToArray();
        if (variant == 0)
            for (var i = 0; i + 4 <= bytes.Length; i++)
            {
                var signature = BitConverter.ToUInt32(bytes, i);
                if (signature == 0x04034b50) bytes[i + 6] |= 1;
                else if (signature == 0x02014b50) bytes[i + 8] |= 1;
            }
        return variant == 2 && Chance(0.5) ? MutateBytes(bytes) : bytes;
    }

    /// <summary>Text around and far past the catalog's bounds (codes 64, names 500), as dry runs.</summary>
    private FuzzRequest TextSizes()
    {
        var file = JsonNode.Parse(ValidFile(out _))!;
        var properties = file["features"]![0]!["properties"]!;
        var field = Pick(["code", "name", "land_user", "contract_no", "park_code", "project_code", "land_use", "status"]);
        int[] lengths = [0, 1, 63, 64, 65, 499, 500, 501, 5_000, 100_000];
        var length = lengths[rnd.Next(lengths.Length)];
        properties[field] = new string(Pick(["A", "地", "-", " ", "𠀀"])[0], length);
        return new("text-size", true, HttpMethod.Post, "api/uploads?collection=parcels&dryRun=true", Encoding.UTF8.GetBytes(file.ToJsonString()), "application/geo+json");
    }

    // ---- issue 12, points 4/7 (bodies): trailing JSON after a valid body, media types a route does not take ----

    private static readonly string[] Trailers =
        ["{\"type\":\"FeatureCollection\",\"features\":[]}", "[]", "{}", "1", "x", ",", "}", "]", "null", "\"s\"", "\u0000", "{\"type\":\"Polygon\""];

    private static readonly string[] WrongMediaTypes =
        ["application/x-www-form-urlencoded", "text/plain", "text/html", "image/png", "application/xml", "a/b/c", "multipart/mixed; boundary=x",
         "application/geo+json+x", "application/vnd.geo+json", "*/*", "application/", "json"];

    /// <summary>A valid body with something after it, or a valid body in a media type the route does not take.
    /// Never a write: uploads are dry runs, edits are refused by their media type, their tail or a stale If-Match.</summary>
    private FuzzRequest TrailingOrMistyped()
    {
        var file = ValidFile(out _);
        var feature = JsonNode.Parse(file)!["features"]![0]!.ToJsonString();
        var zone = Pick(["""{"type":"Polygon","coordinates":[[[120.80,27.83],[120.84,27.83],[120.84,27.87],[120.80,27.87],[120.80,27.83]]]}""", """{"park":"P-JH"}"""]);
        string Tail() => Pick(["", " ", "\n", "\r\n\t"]) + Pick(Trailers) + (Chance(0.3) ? Pick(Trailers) : "");
        var stale = new Dictionary<string, string> { ["If-Match"] = $"\"parcel-1-v{rnd.Next(900, 100_000)}\"" };
        return rnd.Next(6) switch
        {
            0 => new("bodies", true, HttpMethod.Post, "api/uploads?collection=parcels&dryRun=true", Encoding.UTF8.GetBytes(file + Tail()),
                Pick(["application/geo+json", "application/json", "application/octet-stream"])),
            1 => new("bodies", true, HttpMethod.Post, "api/uploads?collection=parcels&dryRun=true", Encoding.UTF8.GetBytes(file), Pick(WrongMediaTypes)),
            2 => new("bodies", false, HttpMethod.Post, Pick(["api/parcels/intersecting?limit=5", "api/parcels/area"]), Encoding.UTF8.GetBytes(zone + Tail()),
                Pick(["application/json", "application/geo+json"])),
            3 => new("bodies", false, HttpMethod.Post, Pick(["api/parcels/intersecting?limit=5", "api/parcels/area"]), Encoding.UTF8.GetBytes(zone), Pick(WrongMediaTypes)),
            4 => new("bodies", true, HttpMethod.Post, "ogc/collections/parcels/items", Encoding.UTF8.GetBytes(feature + Pick(Trailers)), "application/geo+json"),
            _ => Chance(0.3)
                ? new("bodies", true, HttpMethod.Post, "ogc/collections/parcels/items", Encoding.UTF8.GetBytes(feature), Pick(WrongMediaTypes))
                : new("bodies", true, Chance(0.5) ? HttpMethod.Put : HttpMethod.Patch, "ogc/collections/parcels/items/1",
                    Encoding.UTF8.GetBytes(feature), Pick(WrongMediaTypes), stale),
        };
    }

    // ---- end of issue 12 bodies block ----
}
