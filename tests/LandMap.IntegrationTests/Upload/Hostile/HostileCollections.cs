using System.Text;
using System.Text.Json.Nodes;

namespace LandMap.Tests.Upload.Hostile;

/// <summary>Hostile features for the collections other than parcels (lon/lat, EPSG:4490): lines that
/// are no lines, points that are nowhere, values out of any range, codes already taken.</summary>
public static class HostileCollections
{
    public static IEnumerable<HostileUpload> All()
    {
        // Controls: the same features made good are accepted (dry runs), so each refusal is the hostile part's.
        yield return Refuse("roads", "control: a good road", Line([121.12, 28.15], [121.13, 28.15]), Road()) with
            { MustRefuse = false, Query = "collection=roads&dryRun=true" };
        yield return Refuse("projects", "control: a good project", Point(121.12, 28.17), Project()) with
            { MustRefuse = false, Query = "collection=projects&dryRun=true" };

        // Roads and rivers: MultiLineString (a LineString is promoted).
        yield return Refuse("roads", "a road of one position", Line([121.12, 28.15]), Road());
        yield return Refuse("roads", "a road of zero length", Line([121.12, 28.15], [121.12, 28.15]), Road());
        yield return Refuse("roads", "a road as a polygon", Box(121.12, 28.15), Road());
        yield return Refuse("roads", "a road outside the zone", Line([10.0, 10.0], [10.01, 10.0]), Road());
        yield return Refuse("roads", "a road with NaN", null, Road(), raw: """{"type":"LineString","coordinates":[[121.12,28.15],[NaN,28.16]]}""");
        yield return Refuse("roads", "a road code already stored", Line([121.12, 28.15], [121.13, 28.15]), Road("RD-001"));
        yield return Refuse("roads", "a road without a code", Line([121.12, 28.15], [121.13, 28.15]), Road(null));
        yield return Refuse("roads", "a road opened on 2014-02-30", Line([121.12, 28.15], [121.13, 28.15]), Road(extra: ("opened_on", "2014-02-30")));
        yield return Refuse("rivers", "a river of one position", Line([121.12, 28.16]), River());
        yield return Refuse("rivers", "a river as a point", Point(121.12, 28.16), River());
        // Projects: Point.
        yield return Refuse("projects", "a project as a polygon", Box(121.12, 28.17), Project());
        yield return Refuse("projects", "a project at 0,0", Point(0, 0), Project());
        yield return Refuse("projects", "a project at latitude 95", Point(121.12, 95), Project());
        yield return Refuse("projects", "a project in an unknown park", Point(121.12, 28.17), Project(extra: ("park_code", "P-NOWHERE")));
        yield return Refuse("projects", "a project whose investment is text", Point(121.12, 28.17), Project(extra: ("investment_yi", "a lot")));
        yield return Refuse("projects", "a project code already stored", Point(121.12, 28.17), Project("PRJ-001"));
        yield return Refuse("projects", "an empty point", null, Project(), raw: """{"type":"Point","coordinates":[]}""");
        // Parks and reservoirs: MultiPolygon.
        yield return Refuse("parks", "a park code already stored", Box(121.12, 28.18), Park("P-JH"));
        yield return Refuse("parks", "a park as a line", Line([121.12, 28.18], [121.13, 28.18]), Park());
        yield return Refuse("reservoirs", "a reservoir bow tie", Polygon([121.12, 28.19], [121.13, 28.20], [121.13, 28.19], [121.12, 28.20], [121.12, 28.19]), Reservoir());
        yield return Refuse("reservoirs", "a reservoir of 2,000 km2", Box(120.0, 27.0, 0.5), Reservoir());
    }

    private static HostileUpload Refuse(string collection, string name, JsonNode? geometry, JsonObject properties, string? raw = null)
    {
        var feature = new JsonObject { ["type"] = "Feature", ["properties"] = properties, ["geometry"] = geometry };
        var text = new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(feature) }.ToJsonString();
        if (raw is not null) text = text.Replace("\"geometry\":null", "\"geometry\":" + raw);
        return new HostileUpload($"{collection}: {name}", Encoding.UTF8.GetBytes(text), "application/geo+json", MustRefuse: true,
            $"collection={collection}");
    }

    private static int n;
    private static string NewCode(string prefix) => $"{prefix}-HOSTILE-{Interlocked.Increment(ref n)}";

    private static JsonObject Road(string? code = "", (string, JsonNode)? extra = null) =>
        Props(code == "" ? NewCode("RD") : code, extra, ("name", "敌意路"), ("grade", "arterial"), ("stage", "open"));
    private static JsonObject River() => Props(NewCode("RV"), null, ("name", "敌意河"), ("rectification", "done"));
    private static JsonObject Project(string? code = "", (string, JsonNode)? extra = null) =>
        Props(code == "" ? NewCode("PRJ") : code, extra, ("name_zh", "敌意项目"), ("park_code", "P-BH"), ("stage", "signed"));
    private static JsonObject Park(string? code = "") => Props(code == "" ? NewCode("P") : code, null, ("name_zh", "敌意园区"));
    private static JsonObject Reservoir() => Props(NewCode("RS"), null, ("name", "敌意水库"));

    private static JsonObject Props(string? code, (string Key, JsonNode Value)? extra, params (string Key, JsonNode Value)[] values)
    {
        var o = new JsonObject();
        if (code is not null) o["code"] = code;
        foreach (var (k, v) in values) o[k] = v;
        if (extra is { } e) o[e.Key] = e.Value;
        return o;
    }

    private static JsonArray Position(double[] p) => new(p.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
    private static JsonObject Point(double lon, double lat) => new() { ["type"] = "Point", ["coordinates"] = Position([lon, lat]) };
    private static JsonObject Line(params double[][] points) =>
        new() { ["type"] = "LineString", ["coordinates"] = new JsonArray(points.Select(p => (JsonNode)Position(p)).ToArray()) };
    private static JsonObject Polygon(params double[][] ring) =>
        new() { ["type"] = "Polygon", ["coordinates"] = new JsonArray(new JsonArray(ring.Select(p => (JsonNode)Position(p)).ToArray())) };
    private static JsonObject Box(double lon, double lat, double size = 0.001) =>
        Polygon([lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]);
}
