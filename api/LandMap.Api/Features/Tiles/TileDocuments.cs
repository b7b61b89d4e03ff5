using System.Text.Json.Serialization;

namespace LandMap.Api.Features.Tiles;

/// <summary>A link of the tiles documents; <c>templated</c> marks a URI template (OGC API - Tiles).</summary>
public sealed record TilesLink(
    string Href, string Rel, string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Templated = null);

/// <summary>One tile matrix (zoom) of a tile matrix set, as OGC 2D TMS 2.0 JSON writes it, plus the
/// 1.0 names of its id and origin (<c>identifier</c>, <c>topLeftCorner</c>) that GDAL before 3.7 reads.</summary>
public sealed record TileMatrixDocument(
    string Id, double ScaleDenominator, double CellSize, string CornerOfOrigin, double[] PointOfOrigin,
    int TileWidth, int TileHeight, int MatrixWidth, int MatrixHeight)
{
    public string Identifier => Id;
    public double[] TopLeftCorner => PointOfOrigin;
}

/// <summary>
/// A tile matrix set definition (OGC 2D TMS 2.0 JSON). It also carries the TMS 1.0 members
/// <c>identifier</c>, <c>supportedCRS</c> and <c>boundingBox</c> (lowerCorner/upperCorner): GDAL 3.6,
/// the GDAL of Debian 12, parses only that form, and with it its OGCAPI driver reads the tiles.
/// </summary>
public sealed record TileMatrixSetDocument(
    string Id, string Title, string Uri, string Crs, string[] OrderedAxes, string WellKnownScaleSet,
    TileMatrixSetBoundingBox BoundingBox, IReadOnlyList<TileMatrixDocument> TileMatrices)
{
    public string Identifier => Id;

    [JsonPropertyName("supportedCRS")]
    public string SupportedCrs => Crs;
}

/// <summary>The extent of a tile matrix set in its CRS, under the names of TMS 2.0 (lowerLeft,
/// upperRight) and 1.0 (lowerCorner, upperCorner).</summary>
public sealed record TileMatrixSetBoundingBox(double[] LowerLeft, double[] UpperRight, string Crs)
{
    public double[] LowerCorner => LowerLeft;
    public double[] UpperCorner => UpperRight;
}

/// <summary>An entry of /ogc/tileMatrixSets.</summary>
public sealed record TileMatrixSetRef(string Id, string Title, string Uri, string Crs, IReadOnlyList<TilesLink> Links);

/// <summary>A tileset as listed in /tiles: the subset of the tileset metadata the standard requires.</summary>
public sealed record TilesetSummary(
    string Title, string DataType, string Crs,
    [property: JsonPropertyName("tileMatrixSetURI")] string TileMatrixSetUri,
    IReadOnlyList<TilesLink> Links);

/// <summary>Tileset metadata (OGC 2D TMS 2.0 tileset JSON) of one collection's vector tiles.</summary>
public sealed record TilesetDocument(
    string Title, string Description, string DataType, string Crs,
    [property: JsonPropertyName("tileMatrixSetURI")] string TileMatrixSetUri,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TilesetBoundingBox? BoundingBox,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TilesetCenterPoint? CenterPoint,
    IReadOnlyList<TilesetLayer> Layers,
    IReadOnlyList<TilesLink> Links,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OverviewDescription? Overview = null);

public sealed record TilesetBoundingBox(double[] LowerLeft, double[] UpperRight, string Crs);

public sealed record TilesetCenterPoint(double[] Coordinates, string TileMatrix, string Crs);

/// <summary>A layer inside the tiles; geometryDimension 0 points, 1 lines, 2 polygons.</summary>
public sealed record TilesetLayer(
    string Id, string Title, string Description, string DataType, int GeometryDimension,
    string MinTileMatrix, string MaxTileMatrix, object PropertiesSchema);

/// <summary>TileJSON 3.0.0 (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0).</summary>
public sealed record TileJsonDocument(
    [property: JsonPropertyName("tilejson")] string TileJson,
    string Name, string Description, string Scheme, string[] Tiles,
    int Minzoom, int Maxzoom, double[] Bounds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double[]? Center,
    [property: JsonPropertyName("vector_layers")] IReadOnlyList<TileJsonVectorLayer> VectorLayers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OverviewDescription? Overview = null);

/// <summary>
/// Which zooms of the parcels' tiles are the overview grid (today's data: a zoom is listed when
/// one of its tiles holds more than <paramref name="TileParcels"/> parcels), what the grid's
/// features carry, and the date it was built for (null: not built yet, single parcels everywhere).
/// </summary>
public sealed record OverviewDescription(
    string Description, int[] Zooms, int TileParcels, int MaxZoom, DateOnly? Date, IReadOnlyDictionary<string, string> Fields);

/// <summary>A vector layer of TileJSON; field values are the types Mapbox tools write ("Number", "String").</summary>
public sealed record TileJsonVectorLayer(
    string Id, string Description, int Minzoom, int Maxzoom, IReadOnlyDictionary<string, string> Fields);
