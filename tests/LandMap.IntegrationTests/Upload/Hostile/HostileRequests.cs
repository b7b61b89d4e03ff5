using System.Text;
using System.Text.Json.Nodes;
using LandMap.Api.Geo;

namespace LandMap.Tests.Upload.Hostile;

/// <summary>Good GeoJSON sent in hostile ways: media types that lie, multipart forms that are not,
/// headers and parameters out of bounds.</summary>
public static class HostileRequests
{
    public static IEnumerable<HostileUpload> All()
    {
        // Each its own parcel: a body let through once would make the next answer a repeat of it.
        var n = 0;
        byte[] Good() => GoodCollection(n++);
        const string Query = "collection=parcels&crs=EPSG:4549";
        yield return new("form-urlencoded GeoJSON", Good(), "application/x-www-form-urlencoded", MustRefuse: true, Query);
        yield return new("GeoJSON as text/plain", Good(), "text/plain", MustRefuse: true, Query);
        yield return new("GeoJSON as image/png", Good(), "image/png", MustRefuse: true, Query);
        yield return new("multipart without a boundary", Good(), "multipart/form-data", MustRefuse: true, Query);
        yield return new("multipart whose body is not multipart", Good(), "multipart/form-data; boundary=XyZ", MustRefuse: true, Query);
        yield return new("multipart without a file field", Multipart(("note", "x.txt", "hello"u8.ToArray())), MultipartType, MustRefuse: true, Query);
        yield return new("multipart with an empty file", Multipart(("file", "a.geojson", [])), MultipartType, MustRefuse: true, Query);
        yield return new("multipart cut before its end", Multipart(("file", "a.geojson", Good()))[..^30], MultipartType, MustRefuse: true, Query);
        yield return new("an 8 KB Idempotency-Key", Good(), "application/geo+json", MustRefuse: true, Query,
            new Dictionary<string, string> { ["Idempotency-Key"] = new string('k', 8000) });
        yield return new("an unknown mode", Good(), "application/geo+json", MustRefuse: true, Query + "&mode=delete");
        yield return new("dryRun=yes", Good(), "application/geo+json", MustRefuse: true, Query + "&dryRun=yes");
        yield return new("no collection", Good(), "application/geo+json", MustRefuse: true, "crs=EPSG:4549");
        yield return new("a crs of 10,000 characters", Good(), "application/geo+json", MustRefuse: true, "collection=parcels&crs=EPSG:" + new string('9', 10_000));
        yield return new("a CRS LandMap does not convert", Good(), "application/geo+json", MustRefuse: true, "collection=parcels&crs=EPSG:99999");
        // Harmless: a form with the file twice takes the first, as a dry run.
        yield return new("multipart with two files", Multipart(("file", "a.geojson", Good()), ("file", "b.geojson", Good())), MultipartType,
            MustRefuse: false, Query + "&dryRun=true");
    }

    private const string Boundary = "landmap-hostile-boundary";
    private const string MultipartType = "multipart/form-data; boundary=" + Boundary;

    private static byte[] Multipart(params (string Field, string FileName, byte[] Content)[] parts)
    {
        var body = new List<byte>();
        foreach (var (field, fileName, content) in parts)
        {
            body.AddRange(Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{fileName}\"\r\n" +
                                                  "Content-Type: application/octet-stream\r\n\r\n"));
            body.AddRange(content);
            body.AddRange("\r\n"u8.ToArray());
        }
        body.AddRange(Encoding.ASCII.GetBytes($"--{Boundary}--\r\n"));
        return [.. body];
    }

    /// <summary>One good parcel east of the other hostile ones, so it could be stored if it were let through.</summary>
    private static byte[] GoodCollection(int n)
    {
        var (x, y) = SourceCrs.FromStorage(SourceCrs.Find(4549)!, 121.15, 28.14);
        JsonArray P(double dx, double dy) => new(Math.Round(x + dx + n * 100, 3), Math.Round(y + dy, 3));
        var feature = new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = new JsonObject { ["code"] = $"HOSTILE-REQ-{n}", ["park_code"] = "P-BH", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = "idle" },
            ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(new JsonArray(P(0, 0), P(50, 0), P(50, 50), P(0, 50), P(0, 0))) },
        };
        return Encoding.UTF8.GetBytes(new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(feature) }.ToJsonString());
    }
}
