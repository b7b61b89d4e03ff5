using LandMap.Api.Domain;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Tiles1;

/// <summary>
/// What the OGC API - Tiles 1.0 conformance tests share: the standard's identifiers (written out from
/// the standard, not read from the service), the collections, a tile over the zone computed by the
/// tests' own slippy-map maths, and link look-ups.
/// </summary>
internal static class TilesConformance
{
    public const string ConfBase = "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/";
    public const string MvtType = "application/vnd.mapbox-vector-tile";
    public const string TilingSchemeRel = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";
    public const string TilesetsVectorRel = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector";
    public const string WebMercatorQuadUri = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";

    public static readonly string[] Collections = [.. CollectionCatalog.All.Select(c => c.Id)];

    /// <summary>A point of the sample data (沙城/滨海), where every busy test tile is taken.</summary>
    public const double ZoneLon = 120.81, ZoneLat = 27.84;

    public static TheoryData<string> CollectionData() => new(Collections);

    /// <summary>The links of a document with the relation <paramref name="rel"/>.</summary>
    public static List<JsonNode> Links(JsonNode doc, string rel) =>
        [.. doc["links"]!.AsArray().Where(l => (string?)l!["rel"] == rel).Select(l => l!)];

    /// <summary>The tileset's templated tile link with the three OGC variables (the first, if several).</summary>
    public static string TileTemplate(JsonNode tileset) =>
        (string)Links(tileset, "item").First(l => ((string)l["href"]!).Contains("{tileMatrix}"))["href"]!;

    /// <summary>The template filled in with a tile's values.</summary>
    public static string Fill(string template, int z, int row, int col) =>
        template.Replace("{tileMatrix}", $"{z}").Replace("{tileRow}", $"{row}").Replace("{tileCol}", $"{col}");

    /// <summary>The ids PostGIS puts in tile z/x/y: the features meeting the tile envelope widened by the
    /// 64/4096 buffer every tile carries.</summary>
    public static Task<List<long>> IdsInTileAsync(LandMapServer server, string table, int z, int x, int y) =>
        server.DataSource.IdsAsync($"""
            select id from {table}
            where st_intersects(st_transform(geom, 3857), st_tileenvelope({z}, {x}, {y}, margin => 64.0 / 4096)) order by id
            """);
}
