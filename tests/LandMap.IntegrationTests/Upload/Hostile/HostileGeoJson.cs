using System.Text;
using System.Text.Json.Nodes;
using LandMap.Api.Geo;

namespace LandMap.Tests.Upload.Hostile;

/// <summary>GeoJSON files that are broken, lying or abusive in the ways surveyors' tools and attackers
/// make them. Each would otherwise be a plausible parcel in the zone (EPSG:4549 metres).</summary>
public static class HostileGeoJson
{
    private const string GeoJsonType = "application/geo+json";

    public static IEnumerable<HostileUpload> All()
    {
        yield return new HostileUpload("control: the good parcel", Encoding.UTF8.GetBytes(Collection(Parcel(code: "HOSTILE-CONTROL", dx: 3000))),
            GeoJsonType, MustRefuse: false, "collection=parcels&crs=EPSG:4549&dryRun=true");

        // Not GeoJSON at all.
        yield return Refuse("empty body", "");
        yield return Refuse("whitespace only", " \n\t ");
        yield return Refuse("JSON null", "null");
        yield return Refuse("JSON array", "[]");
        yield return Refuse("empty object", "{}");
        yield return Refuse("a number", "42");
        yield return Refuse("collection without features", """{"type":"FeatureCollection"}""");
        yield return Refuse("features as an object", """{"type":"FeatureCollection","features":{}}""");
        yield return Refuse("features of numbers", """{"type":"FeatureCollection","features":[1,2,3]}""");
        yield return Refuse("truncated in a feature", Collection(Parcel())[..^20]);
        yield return Refuse("NaN literal", Collection(Parcel()).Replace(Coordinate(), "NaN"));
        yield return Refuse("Infinity literal", Collection(Parcel()).Replace(Coordinate(), "Infinity"));
        yield return Refuse("number past a double", Collection(Parcel()).Replace(Coordinate(), "1e400"));
        yield return Refuse("second JSON text after the first", Collection(Parcel()) + Collection(Parcel()));
        yield return Refuse("garbage after the collection", Collection(Parcel()) + " trailing");
        yield return Refuse("single quotes", Collection(Parcel()).Replace('"', '\''));
        yield return Refuse("comments", "/* survey */" + Collection(Parcel()));
        yield return Refuse("UTF-16 encoded", Encoding.Unicode.GetBytes(Collection(Parcel())));
        yield return Refuse("invalid UTF-8 in a name", Bytes(Collection(Parcel(name: "NAME_HERE")), "NAME_HERE", [0xC3, 0x28, 0xFF, 0xFE]));

        // Geometry that is no parcel.
        yield return Refuse("a point", Collection(With(Parcel(), "geometry", new JsonObject { ["type"] = "Point", ["coordinates"] = Position(Xy()) })));
        yield return Refuse("a line", Collection(With(Parcel(), "geometry", new JsonObject { ["type"] = "LineString", ["coordinates"] = new JsonArray(Position(Xy()), Position(Xy(50))) })));
        yield return Refuse("a geometry collection", Collection(With(Parcel(), "geometry", new JsonObject
        {
            ["type"] = "GeometryCollection", ["geometries"] = new JsonArray(new JsonObject { ["type"] = "Polygon", ["coordinates"] = Square() }),
        })));
        yield return Refuse("unknown geometry type", Collection(With(Parcel(), "geometry", new JsonObject { ["type"] = "Circle", ["coordinates"] = Square() })));
        yield return Refuse("no geometry", Collection(With(Parcel(), "geometry", null)));
        yield return Refuse("coordinates as a string", Collection(With(Parcel(), "geometry", new JsonObject { ["type"] = "Polygon", ["coordinates"] = "0 0, 1 1" })));
        yield return Refuse("coordinates missing", Collection(With(Parcel(), "geometry", new JsonObject { ["type"] = "Polygon" })));
        yield return Refuse("empty polygon", Collection(With(Parcel(), "geometry", new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray() })));
        yield return Refuse("empty multipolygon", Collection(With(Parcel(), "geometry", new JsonObject { ["type"] = "MultiPolygon", ["coordinates"] = new JsonArray() })));
        yield return Refuse("ring not closed", Collection(With(Parcel(), "geometry", Polygon(Xy(), Xy(50), Xy(50, 50), Xy(0, 50)))));
        yield return Refuse("ring of three points", Collection(With(Parcel(), "geometry", Polygon(Xy(), Xy(50), Xy()))));
        yield return Refuse("bow tie", Collection(With(Parcel(), "geometry", Polygon(Xy(), Xy(50, 50), Xy(50), Xy(0, 50), Xy()))));
        yield return Refuse("zero area", Collection(With(Parcel(), "geometry", Polygon(Xy(), Xy(50), Xy(100), Xy()))));
        yield return Refuse("hole outside its shell", Collection(With(Parcel(), "geometry", new JsonObject
        {
            ["type"] = "Polygon", ["coordinates"] = new JsonArray(Ring(0), Ring(500)),
        })));
        yield return Refuse("one-dimensional positions", Collection(With(Parcel(), "geometry", new JsonObject
        {
            ["type"] = "Polygon", ["coordinates"] = new JsonArray(new JsonArray(new JsonArray(1.0), new JsonArray(2.0), new JsonArray(3.0), new JsonArray(1.0))),
        })));
        yield return Refuse("positions nested too deep", Collection(With(Parcel(), "geometry", new JsonObject
        {
            ["type"] = "Polygon", ["coordinates"] = new JsonArray(new JsonArray(new JsonArray(new JsonArray(1.0, 2.0)))),
        })));
        yield return Refuse("positions of strings", Collection(Parcel()).Replace(Coordinate(), "\"x\""));
        yield return Refuse("far outside the CRS", Collection(With(Parcel(), "geometry", Polygon(Xy(1e12), Xy(1e12 + 50), Xy(1e12 + 50, 50), Xy(1e12)))));
        yield return Refuse("in the zone's CRS but not in the zone", Collection(With(Parcel(), "geometry", Polygon(Xy(-3e6), Xy(-3e6 + 50), Xy(-3e6 + 50, 50), Xy(-3e6)))));
        yield return Refuse("lon/lat sent as EPSG:4549", Collection(With(Parcel(), "geometry", Polygon([120.8, 27.85], [120.801, 27.85], [120.801, 27.851], [120.8, 27.85]))));

        // Properties that lie.
        yield return Refuse("properties as an array", Collection(With(Parcel(), "properties", new JsonArray(1, 2))));
        yield return Refuse("properties as a string", Collection(With(Parcel(), "properties", "code=1")));
        yield return Refuse("no code", Collection(Parcel(code: null)));
        yield return Refuse("code as an object", Collection(Parcel(extra: ("code", new JsonObject { ["a"] = 1 }))));
        yield return Refuse("code as a number array", Collection(Parcel(extra: ("code", new JsonArray(1, 2)))));
        yield return Refuse("empty code", Collection(Parcel(code: "")));
        yield return Refuse("code with a NUL", Collection(Parcel(code: "A\u0000B")));
        yield return Refuse("name with a NUL", Collection(Parcel(name: "金海\u0000园区")));
        yield return Refuse("a 100 KB code", Collection(Parcel(code: new string('C', 100_000))));
        yield return Refuse("a 1 MB name", Collection(Parcel(name: new string('名', 1_000_000))));
        yield return Refuse("the same code twice", Collection(Parcel(code: "HOSTILE-TWICE"), Parcel(code: "HOSTILE-TWICE", dx: 200)));
        yield return Refuse("a member named twice", Collection(Parcel()).Replace("\"status\":\"idle\"", "\"status\":\"idle\",\"status\":\"supplied\""));
        yield return Refuse("unknown status", Collection(Parcel(extra: ("status", "stolen"))));
        yield return Refuse("status as a number", Collection(Parcel(extra: ("status", 3))));
        yield return Refuse("impossible date", Collection(Parcel(extra: ("agreed_start_on", "2014-02-30"))));
        yield return Refuse("date in year 99999", Collection(Parcel(extra: ("agreed_start_on", "99999-01-01"))));
        yield return Refuse("number as text", Collection(Parcel(extra: ("plot_ratio", "abc"))));
        yield return Refuse("negative plot ratio", Collection(Parcel(extra: ("plot_ratio", -1.5))));
        yield return Refuse("investment past any amount", Collection(Parcel(extra: ("investment_agreed_wan", 1e308))));
        yield return Refuse("unknown park", Collection(Parcel(extra: ("park_code", "P-NOWHERE"))));
        yield return Refuse("unknown land use", Collection(Parcel(extra: ("land_use", "9999"))));
        yield return Refuse("a CRS member naming an unknown EPSG code", Collection(Parcel()).Replace("{\"type\":\"FeatureCollection\"",
            "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::99999\"}}"), "collection=parcels");
        yield return Refuse("an unknown collection", Collection(Parcel()), "collection=pg_catalog");
        yield return Refuse("an unknown CRS parameter", Collection(Parcel()), "collection=parcels&crs=EPSG:99999");
        yield return Refuse("a CRS that is not EPSG", Collection(Parcel()), "collection=parcels&crs=IAU:30100");
        yield return Refuse("10,000 properties", Collection(Parcel(extraMany: 10_000)));
        yield return Refuse("one feature of 17 MB", Collection(Parcel(extra: ("note", new string('x', 17 * 1024 * 1024)))));

        // Odd but harmless: must not break anything.
        yield return new HostileUpload("a UTF-8 byte order mark", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Collection(Parcel(code: "HOSTILE-BOM", dx: 1000)))],
            GeoJsonType, MustRefuse: false, "collection=parcels&crs=EPSG:4549&dryRun=true");
        yield return new HostileUpload("three-dimensional positions", Encoding.UTF8.GetBytes(Collection(With(Parcel(code: "HOSTILE-Z"), "geometry",
            Polygon([.. Xy(2000), 12.5], [.. Xy(2050), 12.5], [.. Xy(2050, 50), 12.5], [.. Xy(2000)])))), GeoJsonType, MustRefuse: false,
            "collection=parcels&crs=EPSG:4549&dryRun=true");
    }

    private static HostileUpload Refuse(string name, string body, string query = "collection=parcels&crs=EPSG:4549") =>
        Refuse(name, Encoding.UTF8.GetBytes(body), query);

    private static HostileUpload Refuse(string name, byte[] body, string query = "collection=parcels&crs=EPSG:4549") =>
        new(name, body, GeoJsonType, MustRefuse: true, query);

    private static byte[] Bytes(string text, string marker, byte[] replacement)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(text[..at]), .. replacement, .. Encoding.UTF8.GetBytes(text[(at + marker.Length)..])];
    }

    /// <summary>The south-west corner of the hostile parcels: east of 金海园区, in EPSG:4549 metres.</summary>
    private static readonly (double X, double Y) Origin = SourceCrs.FromStorage(SourceCrs.Find(4549)!, 121.12, 28.14);

    private static double[] Xy(double dx = 0, double dy = 0) => [Math.Round(Origin.X + dx, 3), Math.Round(Origin.Y + dy, 3)];

    /// <summary>The text of the first coordinate of <see cref="Parcel"/>, to replace with something else.</summary>
    private static string Coordinate() => Xy()[0].ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static JsonArray Ring(double dx) => new(
        Position(Xy(dx)), Position(Xy(dx + 50)), Position(Xy(dx + 50, 50)), Position(Xy(dx, 50)), Position(Xy(dx)));

    private static JsonArray Square(double dx = 0) => new(Ring(dx));

    private static JsonObject Polygon(params double[][] ring) =>
        new() { ["type"] = "Polygon", ["coordinates"] = new JsonArray(new JsonArray(ring.Select(p => (JsonNode)Position(p)).ToArray())) };

    private static JsonArray Position(double[] p) => new(p.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    private static JsonObject Parcel(string? code = "HOSTILE-1", string? name = "金海园区 hostile", double dx = 0,
        (string Key, JsonNode? Value)? extra = null, int extraMany = 0)
    {
        var properties = new JsonObject { ["park_code"] = "P-BH", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = "idle" };
        if (code is not null) properties["code"] = code;
        if (name is not null) properties["name"] = name;
        if (extra is { } e) properties[e.Key] = e.Value;
        for (var i = 0; i < extraMany; i++) properties[$"p{i}"] = i;
        return new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = properties,
            ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = Square(dx) },
        };
    }

    private static JsonObject With(JsonObject feature, string member, JsonNode? value)
    {
        feature[member] = value;
        return feature;
    }

    private static string Collection(params JsonObject[] features) =>
        new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(features) }.ToJsonString(
            new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
