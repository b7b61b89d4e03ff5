using System.Text.Json;
using NetTopologySuite.Geometries;
using static LandMap.Api.Filtering.Cql2JsonReading;

namespace LandMap.Api.Filtering;

/// <summary>
/// GeoJSON geometry objects (RFC 7946) inside cql2-json, read into the same geometry literals as
/// WKT in cql2-text. Positions have 2 or 3 numbers; a height is dropped. Foreign members are ignored, as RFC 7946 allows them.
/// </summary>
internal static class Cql2GeoJsonReader
{
    /// <summary>True for an object that is a GeoJSON geometry (it has a "type").</summary>
    public static bool IsGeometry(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out _);

    /// <summary>The geometry of a GeoJSON geometry object.</summary>
    public static Geometry Read(JsonElement element, string path)
    {
        var members = Members(element, path);
        var type = String(members["type"], path + ".type");
        if (type == "GeometryCollection")
        {
            if (!members.TryGetValue("geometries", out var geometries))
                throw At(path, "a GeometryCollection needs \"geometries\"");
            var parts = Array(geometries, path + ".geometries");
            return Cql2Geometries.Collection(parts.Select((g, i) => Member(g, $"{path}.geometries[{i}]")).ToList());
        }
        if (!members.TryGetValue("coordinates", out var c))
            throw At(path, $"a {type} needs \"coordinates\"");
        var at = path + ".coordinates";
        return Guard<Geometry>(at, () => type switch
        {
            "Point" => Cql2Geometries.Point(Position(c, at)),
            "LineString" => Cql2Geometries.LineString(Positions(c, at)),
            "Polygon" => Cql2Geometries.Polygon(Rings(c, at)),
            "MultiPoint" => Cql2Geometries.MultiPoint(Positions(c, at)),
            "MultiLineString" => Cql2Geometries.MultiLineString(Rings(c, at)),
            "MultiPolygon" => Cql2Geometries.MultiPolygon(Array(c, at).Select((p, i) => Rings(p, $"{at}[{i}]")).ToList()),
            _ => throw At(path + ".type", $"\"{type}\" is not a GeoJSON geometry type"),
        });
    }

    private static Geometry Member(JsonElement element, string path) =>
        IsGeometry(element) ? Read(element, path) : throw At(path, "expected a GeoJSON geometry object");

    private static Coordinate Position(JsonElement element, string path)
    {
        var numbers = Array(element, path);
        // RFC 7946 3.1.1: two or three elements; more SHOULD NOT be used, and their meaning is unknown.
        if (numbers.Count is not (2 or 3))
            throw At(path, "a position needs 2 numbers [x, y] or 3 [x, y, z]");
        double? z = numbers.Count == 3 ? Number(numbers[2], path + "[2]") : null;
        return Cql2Geometries.Position(Number(numbers[0], path + "[0]"), Number(numbers[1], path + "[1]"), z);
    }

    private static IReadOnlyList<Coordinate> Positions(JsonElement element, string path) =>
        Array(element, path).Select((p, i) => Position(p, $"{path}[{i}]")).ToList();

    private static IReadOnlyList<IReadOnlyList<Coordinate>> Rings(JsonElement element, string path) =>
        Array(element, path).Select((r, i) => Positions(r, $"{path}[{i}]")).ToList();
}
