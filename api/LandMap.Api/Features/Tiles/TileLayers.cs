using LandMap.Api.Domain;
using LandMap.Api.Problems;

namespace LandMap.Api.Features.Tiles;

/// <summary>The values are OGC tileset metadata's geometryDimension.</summary>
public enum TileGeometry { Point = 0, Line = 1, Polygon = 2 }

/// <summary>
/// What of a collection travels in its vector tiles: the layer (named as the collection), its
/// geometry kind, the column that ranks features when a tile's budget is reached (the
/// generated area or length, biggest first), and the attributes a map needs to label and style
/// them. Attributes are the catalog's own definitions, so only whitelisted names reach SQL.
/// </summary>
public sealed record TileLayer(CollectionDef Collection, TileGeometry Geometry, string? SizeColumn,
    IReadOnlyList<PropertyDef> Attributes)
{
    public string Id => Collection.Id;

    /// <summary>TileJSON field types: every attribute plus the feature's <c>id</c>.</summary>
    public IEnumerable<(string Name, string JsonType)> Fields =>
        Attributes.Select(a => (a.Name, JsonType(a.Type))).Prepend(("id", "integer"));

    public static string JsonType(PropertyType t) => t switch
    {
        PropertyType.Integer => "integer",
        PropertyType.Number => "number",
        _ => "string", // text, and dates as ISO text
    };
}

/// <summary>The tile layer of each collection in the catalog.</summary>
public static class TileLayers
{
    public static readonly IReadOnlyList<TileLayer> All =
    [
        Layer(CollectionCatalog.Parks, "code", "name_zh", "kind"),
        Layer(CollectionCatalog.Projects, "code", "name_zh", "stage"),
        Layer(CollectionCatalog.Parcels, "code", "name", "status", "state", "compliance", "noncompliant_rules", "land_use", "land_use_edition", "park_code", "area_mu"),
        Layer(CollectionCatalog.Roads, "code", "name", "stage", "grade"),
        Layer(CollectionCatalog.Rivers, "code", "name", "rectification"),
        Layer(CollectionCatalog.Reservoirs, "code", "name", "kind"),
        // A plan zone is styled by its planned use and labelled with its indicators; the dates let a
        // map show one edition (the one in force on a day) without asking the items.
        Layer(CollectionCatalog.PlanZones, "code", "plan_name", "edition", "land_use", "land_use_edition", "plot_ratio_min",
            "plot_ratio_max", "building_density_max", "height_max_m", "green_ratio_min", "approved_on", "repealed_on", "area_mu"),
        Layer(CollectionCatalog.ControlLines, "code", "name", "kind", "width_m", "source_code"),
        Layer(CollectionCatalog.ProtectedAreas, "code", "name", "kind", "area_mu"),
    ];

    public static TileLayer Find(string collectionId) =>
        All.FirstOrDefault(l => l.Id == collectionId)
        ?? throw new NotFoundException($"no collection '{collectionId}'; see /ogc/collections");

    /// <summary>Fails at start-up (type initialisation) if the catalog no longer has a named column.</summary>
    private static TileLayer Layer(CollectionDef c, params string[] attributes)
    {
        var geometry = c.GeometryType switch
        {
            "Point" or "MultiPoint" => TileGeometry.Point,
            "LineString" or "MultiLineString" => TileGeometry.Line,
            "Polygon" or "MultiPolygon" => TileGeometry.Polygon,
            var other => throw new InvalidOperationException($"{c.Id}: no tile geometry for {other}"),
        };
        var size = geometry switch { TileGeometry.Polygon => "area_m2", TileGeometry.Line => "length_m", _ => null };
        if (size is not null && c.Properties.All(p => p.Name != size))
            throw new InvalidOperationException($"{c.Id}: tiles rank features by '{size}', which the catalog lacks");
        var props = attributes.Select(a => c.Properties.SingleOrDefault(p => p.Name == a)
            ?? throw new InvalidOperationException($"{c.Id}: tile attribute '{a}' is not in the catalog")).ToList();
        return new TileLayer(c, geometry, size, props);
    }
}
