using LandMap.Api.Domain;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace LandMap.Tests.Trust;

/// <summary>One generated request: where it goes and what it carries.</summary>
public sealed record FuzzRequest(string Kind, bool Writes, HttpMethod Method, string Url, byte[]? Body = null,
    string? ContentType = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>A short form for failure messages.</summary>
    public override string ToString()
    {
        var body = Body is null ? "" : " body: " + Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 300)));
        return $"[{Kind}] {Method} {(Url.Length > 300 ? Url[..300] + "..." : Url)}{body}";
    }
}

/// <summary>
/// A deterministic generator of malformed requests (one seeded <see cref="Random"/>): query strings
/// on the read routes, CQL2 text and JSON filters, mutated GeoJSON uploads, odd multipart forms,
/// Part 4 edits that must all be refused, and zone query bodies. Nothing it makes can be a valid
/// write: uploads are dry runs, or commits of files cut inside their features; edits carry an
/// If-Match no item has (version 900 or more) or a body cut short.
/// </summary>
public sealed partial class FuzzInputs(int seed)
{
    private readonly Random rnd = new(seed);

    private static readonly string[] Collections = [.. CollectionCatalog.All.Select(c => c.Id), "nope", "", "..", "parcels%00", "PARCELS"];
    private static readonly string[] Properties =
        ["code", "status", "park_code", "land_use", "area_mu", "supplied_on", "geometry", "id", "name", "x", "\"status\"", "status;", "1", "ctid", "pg_sleep(10)", "park_code)--"];
    private static readonly string[] Nasty =
    [
        "", " ", "-1", "0", "1", "10", "100", "10001", "1e309", "-1e309", "NaN", "Infinity", "-Infinity", "99999999999999999999999",
        "'; drop table parcels; --", "\" or 1=1 --", "%00", "\0", "宗地", "%ZZ", "../../etc/passwd", "1,2,3", "a,b,c,d", ",,,", "null",
        "true", "{}", "[]", "0x1F", "1.5", "-0", "2014-13-45", "2014-02-30", "9999-12-31T99:99:99Z", "T", "\t\n", "%20%20", "+", "-",
        "http://www.opengis.net/def/crs/EPSG/0/4549", "http://www.opengis.net/def/crs/EPSG/0/99999", "EPSG:4326", "CRS84", "javascript:alert(1)",
        "<script>", "$1", "$$", "\\", "'", "\"", "(", ")", "((((((((", "🙂", "\uFFFF",
    ];
    private static readonly string[] Routes =
    [
        "ogc/collections/{c}/items", "ogc/collections/{c}/items/{v}", "ogc/collections/{c}/queryables", "ogc/collections/{c}/schema", "ogc/collections/{c}",
        "ogc/collections/{c}/tiles/WebMercatorQuad/{z}/{y}/{x}", "ogc/collections/{c}/tiles/WebMercatorQuad/tilejson.json",
        "api/parcels/near", "api/parcels/{v}/state", "api/parcels/states", "api/parcels/{v}/history", "api/reports/land-indicators",
        "api/reports/parks", "api/supervision/idle-warnings", "api/uploads/{v}", "api/parks/{v}/parcels", "api/reports/land-use",
        "api/land-use-codes", "ogc", "ogc/conformance",
    ];
    private static readonly string[] Params =
        ["bbox", "bbox-crs", "crs", "limit", "cursor", "sortby", "properties", "filter", "filter-lang", "filter-crs", "asOf", "datetime",
         "f", "date", "year", "park", "within", "road", "river", "distance", "from", "to", "standard", "z", "limit", "limit"];
    private static readonly string[] TextTokens =
    [
        "status", "park_code", "area_mu", "supplied_on", "geometry", "unknown_prop", "\"code\"", "=", "<>", "<", ">", "<=", ">=", "LIKE", "IN",
        "BETWEEN", "AND", "OR", "NOT", "IS", "NULL", "(", ")", ",", "'idle'", "'%'", "'P-JH'", "''", "'", "123", "-1", "1e400", "0.5",
        "DATE('2014-01-01')", "TIMESTAMP('2014-01-01T00:00:00Z')", "DATE('x')", "INTERVAL('..','2014-01-01')", "S_INTERSECTS", "S_WITHIN",
        "S_DWITHIN", "T_AFTER", "T_DURING", "CASEI", "ACCENTI", "POINT(120.8 27.8)", "POINT(1e400 1)", "BBOX(120.8,27.8,120.9,27.9)",
        "BBOX(1,2)", "POLYGON((120.8 27.8,120.9 27.8,120.9 27.9,120.8 27.8))", "POLYGON((0 0,1 1))", "LINESTRING(1 1)", "TRUE", "FALSE",
        "'; drop table parcels; --", "pg_sleep(10)", "$1", "\"", "\\", "/*", "--", ";",
    ];
    private static readonly string[] Ops =
        ["=", "<>", "<", ">", "<=", ">=", "and", "or", "not", "like", "in", "between", "isNull", "s_intersects", "s_within", "t_after",
         "casei", "accenti", "s_dwithin", "bogus", "", "AND", "drop table parcels"];

    /// <summary>Header values: HttpClient sends ASCII only (other bytes never reach a server through it).</summary>
    private static string Ascii(string s) => new(s.Where(c => c is >= ' ' and < (char)127).ToArray());

    private string Pick(IReadOnlyList<string> items) => items[rnd.Next(items.Count)];
    private bool Chance(double p) => rnd.NextDouble() < p;

    /// <summary>The next request; kinds in fixed shares.</summary>
    public FuzzRequest Next()
    {
        var roll = rnd.Next(110);
        return roll switch
        {
            >= 100 => ClientInput(), // issue 12 (5, 6): below, in a block of its own
            < 30 => Query(),
            < 45 => CqlText(),
            < 55 => CqlJson(),
            < 75 => Upload(),
            < 83 => Multipart(),
            < 92 => Edit(),
            < 96 => ZoneBody(),
            _ => TrailingOrMistyped(),
        };
    }

    private string Value()
    {
        var r = rnd.Next(10);
        return r switch
        {
            0 => string.Join(',', Enumerable.Range(0, rnd.Next(1, 8)).Select(_ => Number())),
            1 => new string(Pick(Nasty).FirstOrDefault('x'), rnd.Next(1, 3000)),
            2 => string.Join(',', Enumerable.Range(0, rnd.Next(1, 4)).Select(_ => (Chance(0.5) ? "-" : "+") + Pick(Properties))),
            3 => RandomText(rnd.Next(0, 40)),
            _ => Pick(Nasty),
        };
    }

    private string Number() => rnd.Next(6) switch
    {
        0 => (rnd.NextDouble() * 400 - 200).ToString("R", CultureInfo.InvariantCulture),
        1 => (120.7 + rnd.NextDouble() * 0.3).ToString("0.####", CultureInfo.InvariantCulture),
        2 => (27.8 + rnd.NextDouble() * 0.3).ToString("0.####", CultureInfo.InvariantCulture),
        3 => rnd.Next(-5, 5) + "e" + rnd.Next(-400, 400),
        4 => rnd.NextInt64().ToString(CultureInfo.InvariantCulture),
        _ => Pick(Nasty),
    };

    private string RandomText(int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++) sb.Append((char)(Chance(0.8) ? rnd.Next(32, 127) : rnd.Next(0x80, 0x3000)));
        return sb.ToString();
    }

    private string Path()
    {
        var route = Pick(Routes);
        return route.Replace("{c}", Uri.EscapeDataString(Pick(Collections))).Replace("{v}", Uri.EscapeDataString(Value()))
            .Replace("{z}", Pick(["0", "14", "22", "23", "-1", "99999999999", "a"])).Replace("{y}", Pick(["0", "6871", "-5", "1e3", "99999999"]))
            .Replace("{x}", Pick(["0", "13690", "x", "2147483648"]));
    }

    private FuzzRequest Query()
    {
        var query = string.Join('&', Enumerable.Range(0, rnd.Next(0, 6)).Select(_ => Pick(Params) + "=" + Uri.EscapeDataString(Value())));
        // Pages of many features are the expensive honest case: keep them rare so the run stays short.
        if (!query.Contains("limit=", StringComparison.Ordinal)) query += (query.Length > 0 ? "&" : "") + "limit=" + rnd.Next(1, 20);
        return new("query", false, HttpMethod.Get, Path() + "?" + query);
    }

    private FuzzRequest Items(string kind, string filter, string? lang) =>
        new(kind, false, HttpMethod.Get, $"ogc/collections/{Pick(["parcels", "parcels", "projects", "roads", "parks"])}/items?limit={rnd.Next(1, 10)}"
            + (lang is null ? "" : "&filter-lang=" + lang) + (Chance(0.1) ? "&filter-crs=" + Uri.EscapeDataString(Pick(Nasty)) : "")
            + "&filter=" + Uri.EscapeDataString(filter));

    private FuzzRequest CqlText()
    {
        string filter = rnd.Next(5) switch
        {
            0 => new string('(', rnd.Next(1, 3000)) + "status = 'idle'" + new string(')', rnd.Next(0, 3000)),
            1 => string.Join(" AND ", Enumerable.Range(0, rnd.Next(1, 300)).Select(i => $"{Pick(Properties)} = '{i}'")),
            2 => Mutate(Encoding.UTF8.GetBytes("status = 'idle' AND S_INTERSECTS(geometry, BBOX(120.80,27.83,120.84,27.87)) AND supplied_on > DATE('2014-01-01')"), asText: true),
            3 => string.Concat(Enumerable.Repeat("NOT ", rnd.Next(1, 500))) + "status = 'idle'",
            _ => string.Join(' ', Enumerable.Range(0, rnd.Next(1, 30)).Select(_ => Pick(TextTokens))),
        };
        return Items("cql2-text", filter, Chance(0.5) ? null : Pick(["cql2-text", "cql-text", "CQL2-TEXT", "cql2-json", "x"]));
    }

    private JsonNode? RandomCql(int depth)
    {
        if (depth > 6 || Chance(0.3))
            return rnd.Next(8) switch
            {
                0 => new JsonObject { ["property"] = Pick(Properties) },
                1 => JsonValue.Create(Pick(Nasty)),
                2 => JsonValue.Create(rnd.NextDouble() * 1e6),
                3 => new JsonObject { ["date"] = Pick(Nasty) },
                4 => new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(120.8, 27.8) },
                5 => new JsonObject { ["bbox"] = new JsonArray(120.8, 27.8, 120.9) },
                6 => null,
                _ => new JsonArray(),
            };
        var args = new JsonArray();
        for (var i = rnd.Next(0, 4); i > 0; i--) args.Add(RandomCql(depth + 1));
        var o = new JsonObject { ["op"] = Pick(Ops), ["args"] = args };
        if (Chance(0.1)) o["extra"] = 1;
        return o;
    }

    private FuzzRequest CqlJson()
    {
        string filter = rnd.Next(5) switch
        {
            0 => string.Concat(Enumerable.Repeat("{\"op\":\"not\",\"args\":[", rnd.Next(1, 2000))) + "{\"op\":\"=\",\"args\":[{\"property\":\"status\"},\"idle\"]}",
            1 => """{"op":"=","op":"<>","args":[{"property":"status"},"idle"]}""",
            2 => Mutate(Encoding.UTF8.GetBytes("""{"op":"and","args":[{"op":"=","args":[{"property":"status"},"idle"]},{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[120.8,27.8,120.9,27.9]}]}]}"""), asText: true),
            3 => """{"op":"=","args":[{"property":"area_mu"},1e400]}""",
            _ => RandomCql(0)?.ToJsonString() ?? "null",
        };
        return Items("cql2-json", filter, "cql2-json");
    }

    private static readonly byte[][] Junk =
        ["\uFEFF"u8.ToArray(), [0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0], "NaN"u8.ToArray(), "Infinity"u8.ToArray(), "1e400"u8.ToArray(),
         "\"\\ud800\""u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), ","u8.ToArray(), ":"u8.ToArray(),
         "\"geometry\":null"u8.ToArray(), "\"status\":\"idle\",\"status\":1"u8.ToArray(), "-"u8.ToArray(), "\"x\""u8.ToArray()];

    private const string Structural = "{}[],:\"0-e.";

    /// <summary>One to four mutations: truncation, byte flips, junk inserted, spans deleted or repeated.</summary>
    private string Mutate(byte[] input, bool asText) => asText ? Encoding.UTF8.GetString(MutateBytes(input)) : Convert.ToBase64String(MutateBytes(input));

    private byte[] MutateBytes(byte[] input)
    {
        var data = new List<byte>(input);
        for (var n = rnd.Next(1, 5); n > 0 && data.Count > 0; n--)
        {
            var at = rnd.Next(data.Count);
            switch (rnd.Next(6))
            {
                case 0: data.RemoveRange(at, data.Count - at); break;
                case 1: data[at] = (byte)rnd.Next(256); break;
                case 2: data.InsertRange(at, Junk[rnd.Next(Junk.Length)]); break;
                case 3: data.RemoveRange(at, Math.Min(rnd.Next(1, 20), data.Count - at)); break;
                case 4:
                    var len = Math.Min(rnd.Next(1, 40), data.Count - at);
                    data.InsertRange(at, data.GetRange(at, len));
                    break;
                default: data[at] = (byte)Structural[rnd.Next(Structural.Length)]; break;
            }
        }
        return [.. data];
    }

    /// <summary>A valid parcels file of 1 to 3 features in a corner of the zone no one uses.</summary>
    private string ValidFile(out int featuresEnd)
    {
        var features = new JsonArray();
        for (var i = rnd.Next(1, 4); i > 0; i--)
        {
            var (x, y) = (121.03 + rnd.Next(50) * 0.0005, 28.10 + rnd.Next(50) * 0.0005);
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["properties"] = new JsonObject { ["code"] = $"FUZZ-{rnd.Next(1_000_000)}", ["park_code"] = "P-BH", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = "idle" },
                ["geometry"] = new JsonObject
                {
                    ["type"] = "Polygon",
                    ["coordinates"] = new JsonArray(new JsonArray(new JsonArray(x, y), new JsonArray(x + 0.0004, y), new JsonArray(x + 0.0004, y + 0.0004), new JsonArray(x, y))),
                },
            });
        }
        var text = new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString();
        featuresEnd = text.LastIndexOf(']'); // the features array's closing bracket
        return text;
    }

    private byte[] UploadBody(out bool mayCommit)
    {
        var valid = ValidFile(out var featuresEnd);
        var bytes = Encoding.UTF8.GetBytes(valid);
        mayCommit = false;
        switch (rnd.Next(8))
        {
            case 0:
                // A commit attempt: cut inside the features, so the file can never be read to its end.
                mayCommit = true;
                return bytes[..rnd.Next(1, featuresEnd - 1)];
            case 1: return Encoding.UTF8.GetBytes(valid.Replace("\"properties\":{", "\"properties\":{\"note\":" + new string('[', rnd.Next(10, 5000)) + new string(']', rnd.Next(0, 5000)) + ","));
            case 2: return Encoding.UTF8.GetBytes(valid.Replace(Pick(["\"Polygon\"", "\"idle\"", "\"P-BH\"", "\"0601\"", "\"Feature\"", "\"FeatureCollection\"", "[[[", "121.0", "28.1"]), Pick(Nasty.Select(n => "\"" + n + "\"").Concat(["1e400", "null", "{}", "[]", "-", "\"\\u0000\"", "[[[[[[", "true"]).ToArray())));
            case 3: return Encoding.UTF8.GetBytes(valid.Replace("\"status\":\"idle\"", "\"status\":\"idle\",\"status\":\"idle\""));
            case 4: return [.. Enumerable.Range(0, rnd.Next(0, 2000)).Select(_ => (byte)rnd.Next(256))];
            default: return MutateBytes(bytes);
        }
    }

    private FuzzRequest Upload()
    {
        var body = UploadBody(out var mayCommit);
        var query = new List<string> { "collection=" + (Chance(0.9) ? "parcels" : Uri.EscapeDataString(Pick(Collections))) };
        if (!mayCommit) query.Add("dryRun=true");
        if (Chance(0.2)) query.Add("crs=" + Uri.EscapeDataString(Pick(["EPSG:4326", "EPSG:4549", "EPSG:0", "EPSG:99999", "x", "EPSG:4528", ""])));
        if (Chance(0.1)) query.Add("mode=" + Pick(["create", "upsert", "x", ""]));
        if (Chance(0.05)) query.Add("layer=" + Uri.EscapeDataString(Pick(Nasty)));
        var headers = Chance(0.1) ? new Dictionary<string, string> { ["Idempotency-Key"] = "fuzz-" + rnd.Next(10) } : null;
        return new("upload", true, HttpMethod.Post, "api/uploads?" + string.Join('&', query), body,
            Pick(["application/geo+json", "application/json", "application/octet-stream", "text/plain", "application/zip"]), headers);
    }

    private FuzzRequest Multipart()
    {
        var boundary = "fuzz" + rnd.Next(1_000_000);
        var sb = new StringBuilder();
        for (var parts = rnd.Next(0, 4); parts > 0; parts--)
        {
            sb.Append("--").Append(Chance(0.9) ? boundary : "other").Append("\r\n");
            var name = Pick(["file", "file", "other", "", "\"file\"", "../file"]);
            if (Chance(0.9)) sb.Append("Content-Disposition: form-data; name=\"").Append(name).Append("\"; filename=\"").Append(Pick(["a.geojson", "../../etc/passwd", "", "a.zip", "宗地.gpkg"])).Append("\"\r\n");
            if (Chance(0.5)) sb.Append("Content-Type: ").Append(Pick(["application/geo+json", "text/plain", "", "multipart/mixed"])).Append("\r\n");
            sb.Append("\r\n");
            sb.Append(Encoding.UTF8.GetString(UploadBody(out _))).Append("\r\n");
        }
        if (Chance(0.8)) sb.Append("--").Append(boundary).Append("--\r\n");
        var contentType = Pick([$"multipart/form-data; boundary={boundary}", $"multipart/form-data; boundary={boundary}", "multipart/form-data", "multipart/form-data; boundary=", $"multipart/form-data; boundary=\"{boundary}"]);
        return new("multipart", true, HttpMethod.Post, "api/uploads?collection=parcels&dryRun=true", Encoding.UTF8.GetBytes(sb.ToString()), contentType);
    }

    private FuzzRequest Edit()
    {
        var valid = ValidFile(out _);
        var feature = JsonNode.Parse(valid)!["features"]![0]!.ToJsonString();
        var id = Pick(["1", "2", "500", "1049", "0", "-1", "999999", "x", "1e3"]);
        var stale = new Dictionary<string, string> { ["If-Match"] = Pick([$"\"parcel-{id}-v{rnd.Next(900, 100_000)}\"", "\"parcel-x\"", "W/\"parcel-1-v900\"", "garbage", ",,"]) };
        if (Chance(0.2)) stale["Content-Crs"] = Ascii(Pick(Nasty));
        return rnd.Next(4) switch
        {
            // Create: the body is cut short, so it is never a feature.
            0 => new("edit", true, HttpMethod.Post, "ogc/collections/parcels/items", Encoding.UTF8.GetBytes(feature[..rnd.Next(1, feature.Length - 1)]), "application/geo+json", stale),
            1 => new("edit", true, HttpMethod.Patch, $"ogc/collections/{Pick(Collections)}/items/{id}", MutateBytes(Encoding.UTF8.GetBytes("""{"properties":{"status":"in_use"}}""")), "application/merge-patch+json", stale),
            2 => new("edit", true, HttpMethod.Put, $"ogc/collections/parcels/items/{id}", MutateBytes(Encoding.UTF8.GetBytes(feature)), Pick(["application/geo+json", "text/plain", "application/json; charset=x"]), stale),
            _ => new("edit", true, HttpMethod.Delete, $"ogc/collections/{Pick(Collections)}/items/{id}", null, null, stale),
        };
    }

    private FuzzRequest ZoneBody()
    {
        var body = rnd.Next(4) switch
        {
            0 => MutateBytes("""{"type":"Polygon","coordinates":[[[120.80,27.83],[120.84,27.83],[120.84,27.87],[120.80,27.87],[120.80,27.83]]]}"""u8.ToArray()),
            1 => MutateBytes("""{"road":"RD-011","distance":100}"""u8.ToArray()),
            2 => Encoding.UTF8.GetBytes("""{"type":"Polygon","coordinates":""" + new string('[', rnd.Next(1, 3000)) + "1e400"),
            _ => Encoding.UTF8.GetBytes("{\"park\":\"P-JH\",\"park\":" + JsonValue.Create(Pick(Nasty)).ToJsonString() + "}"),
        };
        return new("zone", false, HttpMethod.Post, Pick(["api/parcels/intersecting?limit=5", "api/parcels/area"]), body, "application/json");
    }
}
