using System.Globalization;
using LandMap.Api.Problems;

namespace LandMap.Api.Features.Tiles;

/// <summary>How much work a tile of a zoom gets: overview tiles are simplified and thinned.</summary>
public enum ZoomClass { Overview, Detail }

/// <summary>One tile of WebMercatorQuad: z = tileMatrix, y = tileRow (from the top), x = tileCol.</summary>
public readonly record struct TileCoordinate(int Z, int X, int Y)
{
    /// <summary>Parses the path values at the edge; a bad one is a 400 naming it by its OGC API - Tiles
    /// name (tileMatrix, tileRow or tileCol, as the API definition names the path parameters).</summary>
    public static TileCoordinate Parse(string tileMatrix, string tileRow, string tileCol)
    {
        var zoom = ParseIndex("tileMatrix", "z", tileMatrix, TileMatrix.MaxZoom);
        var last = TileMatrix.MatrixSize(zoom) - 1;
        var row = ParseIndex("tileRow", "y", tileRow, last);
        var col = ParseIndex("tileCol", "x", tileCol, last);
        return new TileCoordinate(zoom, col, row);
    }

    private static int ParseIndex(string name, string xyzName, string value, int max)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= max)
            return n;
        throw new InvalidParameterException(name,
            $"{name} ({xyzName}) must be an integer from 0 to {max} in WebMercatorQuad; got '{value}'");
    }

    public ZoomClass ZoomClass => Z >= TileMatrix.DetailFromZoom ? ZoomClass.Detail : ZoomClass.Overview;

    /// <summary>Latitude of the tile's centre (degrees).</summary>
    public double CenterLatitude => TileMatrix.Latitude(Z, Y + 0.5);

    /// <summary>One screen pixel (1/256 of the tile) in degrees of the storage CRS. In Web Mercator a
    /// pixel spans 360/(256·2^z) degrees of longitude and cos(lat) times that of latitude; the smaller
    /// (latitude) value is used so no direction is simplified by more than a pixel.</summary>
    public double PixelDegrees => 360.0 / (TileMatrix.TileSize * (double)TileMatrix.MatrixSize(Z))
        * Math.Cos(CenterLatitude * Math.PI / 180);

    /// <summary>One screen pixel's side on the ground (metres) at the tile's centre.</summary>
    public double PixelGroundMetres => TileMatrix.CellSize(Z) * Math.Cos(CenterLatitude * Math.PI / 180);

    public override string ToString() => $"{Z}/{Y}/{X}";
}

/// <summary>
/// The maths of OGC WebMercatorQuad (EPSG:3857, 256-pixel tiles, origin at the top left,
/// zooms 0..22 served here), as the OGC 2D Tile Matrix Set 2.0 registry defines it.
/// </summary>
public static class TileMatrix
{
    public const string Id = "WebMercatorQuad";
    public const string Uri = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
    public const string Crs = "http://www.opengis.net/def/crs/EPSG/0/3857";
    public const string WellKnownScaleSet = "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible";
    public const int MinZoom = 0;
    public const int MaxZoom = 22;
    public const int TileSize = 256;

    /// <summary>From this zoom tiles are full detail; below it they are overview tiles.</summary>
    public const int DetailFromZoom = 14;

    /// <summary>Half the world's width in EPSG:3857 metres (π · 6378137).</summary>
    public const double OriginShift = Math.PI * 6378137.0;

    /// <summary>The OGC standard rendering pixel: 0.28 mm.</summary>
    private const double StandardPixelMetres = 0.00028;

    public static int MatrixSize(int z) => 1 << z;

    /// <summary>Metres of EPSG:3857 per pixel (156543.0339... at zoom 0).</summary>
    public static double CellSize(int z) => 2 * OriginShift / TileSize / MatrixSize(z);

    public static double ScaleDenominator(int z) => CellSize(z) / StandardPixelMetres;

    /// <summary>Latitude (degrees) of a fractional tile row at zoom z.</summary>
    public static double Latitude(int z, double row) =>
        Math.Atan(Math.Sinh(Math.PI * (1 - 2 * row / MatrixSize(z)))) * 180 / Math.PI;

    /// <summary>The tile containing a lon/lat point at zoom z.</summary>
    public static TileCoordinate TileAt(double lon, double lat, int z)
    {
        var n = MatrixSize(z);
        var rad = lat * Math.PI / 180;
        var x = (int)Math.Floor((lon + 180) / 360 * n);
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(rad) + 1 / Math.Cos(rad)) / Math.PI) / 2 * n);
        return new TileCoordinate(z, Math.Clamp(x, 0, n - 1), Math.Clamp(y, 0, n - 1));
    }

    /// <summary>The standard definition (OGC 2D TMS 2.0 JSON) restricted to the zooms served.</summary>
    public static TileMatrixSetDocument Definition() => new(
        Id, "Google Maps Compatible for the World", Uri, Crs, ["X", "Y"], WellKnownScaleSet,
        new([-OriginShift, -OriginShift], [OriginShift, OriginShift], Crs),
        [.. Enumerable.Range(MinZoom, MaxZoom - MinZoom + 1).Select(z => new TileMatrixDocument(
            z.ToString(CultureInfo.InvariantCulture), ScaleDenominator(z), CellSize(z), "topLeft",
            [-OriginShift, OriginShift], TileSize, TileSize, MatrixSize(z), MatrixSize(z)))]);
}
