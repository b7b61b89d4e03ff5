using System.Globalization;
using System.Text.Json;
using LandMap.Api.Geo;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Valid;

namespace LandMap.Api.Features.Planning;

/// <summary>What a site is checked for: the proposed use (a code and, optionally, its edition) and figures.</summary>
public sealed record SiteProposal(string? Use, string? UseEdition, decimal? PlotRatio, decimal? BuildingDensity, decimal? GreenRatio);

/// <summary>A site check asked with a geometry: the site in EPSG:4490, the plan's date and the proposal.</summary>
public sealed record SiteCheckRequest(Geometry Site, DateOnly? Date, SiteProposal Proposal)
{
    /// <summary>The body's members; any other is a 400 naming it (a misspelt <c>plot_ratio</c> must not be ignored).</summary>
    private static readonly string[] Members =
        ["geometry", "wkt", "crs", "proposedUse", "proposedUseEdition", "plotRatio", "buildingDensity", "greenRatio", "date"];

    /// <summary>The largest plot ratio taken (plan_zones holds numeric(6, 2); no real plan comes near 100).</summary>
    public const decimal MaxPlotRatio = 100;

    /// <summary>Gauss-Kruger eastings farther than this from the false easting lie outside any zone's strip.</summary>
    private const double GaussKrugerHalfWidth = 800_000;

    private static readonly JsonSerializerOptions GeoJson = CreateGeoJson();

    private static JsonSerializerOptions CreateGeoJson()
    {
        var o = new JsonSerializerOptions { MaxDepth = 16 };
        // SRID 0: the body's own CRS; moved into storage after the checks.
        o.Converters.Add(new GeoJsonConverterFactory(new GeometryFactory(new PrecisionModel(), 0)));
        return o;
    }

    /// <summary>Reads and checks the body: each fault a 400 naming its member.</summary>
    public static SiteCheckRequest Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw new InvalidParameterException("body", "the body must be a JSON object with geometry (GeoJSON) or wkt");
        foreach (var member in body.EnumerateObject())
            if (!Members.Contains(member.Name, StringComparer.Ordinal))
                throw new InvalidParameterException(member.Name,
                    $"'{Cut(member.Name)}' is not a member of a site check; use {string.Join(", ", Members)}");
        var hasGeometry = body.TryGetProperty("geometry", out var geometryJson) && geometryJson.ValueKind != JsonValueKind.Null;
        var hasWkt = body.TryGetProperty("wkt", out var wktJson) && wktJson.ValueKind != JsonValueKind.Null;
        if (hasGeometry == hasWkt)
            throw new InvalidParameterException("geometry",
                hasGeometry ? "give either geometry or wkt, not both" : "geometry (GeoJSON) or wkt is required (or ?code= for a stored parcel)");
        var field = hasGeometry ? "geometry" : "wkt";
        var crs = Crs(Text(body, "crs"));
        var raw = hasGeometry ? ReadGeoJson(geometryJson) : ReadWkt(wktJson);
        var site = ToStorage(raw, crs, field);
        return new SiteCheckRequest(site, DateOf(body), ProposalOf(body));
    }

    /// <summary>The body of a check of a stored parcel (<c>?code=</c>): nothing, or only its date.</summary>
    public static DateOnly? ParseForParcel(JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } b) return null;
        foreach (var member in b.EnumerateObject())
            if (member.Name != "date")
                throw new InvalidParameterException(member.Name,
                    $"a check of a stored parcel (?code=) uses the parcel's own geometry and figures; the body may give only date, not '{Cut(member.Name)}'");
        return DateOf(b);
    }

    private static DateOnly? DateOf(JsonElement body) => DateParameters.Date("date", Text(body, "date"));

    private static SiteProposal ProposalOf(JsonElement body)
    {
        var use = Text(body, "proposedUse");
        if (use is not null && (use.Length is 0 or > 64))
            throw new InvalidParameterException("proposedUse", "proposedUse must be a land-use code of 1 to 64 characters (e.g. M2, 0601)");
        var edition = Text(body, "proposedUseEdition");
        if (edition is not null && use is null)
            throw new InvalidParameterException("proposedUseEdition", "proposedUseEdition needs proposedUse");
        return new SiteProposal(use, edition,
            Figure(body, "plotRatio", MaxPlotRatio), Figure(body, "buildingDensity", 1), Figure(body, "greenRatio", 1));
    }

    /// <summary>A figure from 0 to <paramref name="max"/>, as a decimal so a boundary compares exactly.</summary>
    private static decimal? Figure(JsonElement body, string name, decimal max)
    {
        if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var d))
            throw new InvalidParameterException(name, $"{name} must be a number from 0 to {max}");
        if (d < 0 || d > max)
            throw new InvalidParameterException(name,
                $"{name} must lie from 0 to {max.ToString(CultureInfo.InvariantCulture)}; got {d.ToString(CultureInfo.InvariantCulture)}");
        return d;
    }

    private static string? Text(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new InvalidParameterException(name, $"{name} must be a string");
    }

    /// <summary>The CRS the coordinates are in: a registered one (x/y order: lon/lat or easting/northing, as
    /// uploads read them), CRS84 when absent.</summary>
    private static SourceCrsDef Crs(string? value)
    {
        if (value is null) return SourceCrs.Find(4326)!;
        var srid = SourceCrs.ParseSrid(value)
                   ?? throw new InvalidParameterException("crs", $"crs '{Cut(value)}' is not an EPSG CRS (e.g. EPSG:4549) or CRS84");
        return SourceCrs.Find(srid)
               ?? throw new InvalidParameterException("crs",
                   $"crs '{Cut(value)}' is none of the CRSs LandMap converts ({string.Join(", ", SourceCrs.All.Select(c => c.EpsgName))}, CRS84)");
    }

    private static Geometry ReadGeoJson(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var type))
        {
            if (type.ValueEquals("Feature") && element.TryGetProperty("geometry", out var g)) element = g;
            else if (type.ValueEquals("FeatureCollection"))
                throw new InvalidParameterException("geometry", "geometry must be a GeoJSON Polygon, MultiPolygon or Feature, not a FeatureCollection");
        }
        try
        {
            return element.Deserialize<Geometry>(GeoJson) ?? throw new InvalidParameterException("geometry", "geometry is empty");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new InvalidParameterException("geometry", $"geometry is not a GeoJSON geometry: {e.Message}");
        }
    }

    private static Geometry ReadWkt(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String) throw new InvalidParameterException("wkt", "wkt must be a string (e.g. POLYGON((...)))");
        try
        {
            return new WKTReader(new NtsGeometryServices(new PrecisionModel(), 0)).Read(element.GetString());
        }
        catch (Exception e) when (e is ParseException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw new InvalidParameterException("wkt", $"wkt is not well-known text: {e.Message}");
        }
    }

    /// <summary>The site's checks in its own CRS (type, size, coordinates within the CRS's reach), then moved
    /// into EPSG:4490 and checked for validity there.</summary>
    private static Geometry ToStorage(Geometry raw, SourceCrsDef crs, string field)
    {
        if (raw.IsEmpty) throw new InvalidParameterException(field, $"{field} is empty");
        if (raw is not (Polygon or MultiPolygon))
            throw new InvalidParameterException(field, $"{field} must be a Polygon or MultiPolygon; got {raw.GeometryType}");
        if (raw.NumPoints > GeometryInput.MaxVertices)
            throw new InvalidParameterException(field, $"{field} has {raw.NumPoints} vertices; at most {GeometryInput.MaxVertices}");
        foreach (var c in raw.Coordinates)
        {
            var outside = !double.IsFinite(c.X) || !double.IsFinite(c.Y) || (crs.Geographic
                ? c.X is < -180 or > 180 || c.Y is < -90 or > 90
                : Math.Abs(c.X - crs.FalseEasting) > GaussKrugerHalfWidth && crs.CentralMeridian is not null);
            if (outside)
                throw new InvalidParameterException(field, string.Create(CultureInfo.InvariantCulture,
                    $"{field} has a coordinate ({c.X}, {c.Y}) outside {crs.EpsgName} ({crs.Name}; x/y order: {(crs.Geographic ? "lon, lat" : "easting, northing")})"));
        }
        var site = SourceCrs.ToStorage(crs, raw);
        foreach (var c in site.Coordinates)
            if (!double.IsFinite(c.X) || !double.IsFinite(c.Y) || c.X is < -180 or > 180 || c.Y is < -90 or > 90)
                throw new InvalidParameterException(field, $"{field} has coordinates that do not convert from {crs.EpsgName} to longitude and latitude");
        var error = new IsValidOp(site).ValidationError;
        if (error is not null)
            throw new InvalidParameterException(field, string.Create(CultureInfo.InvariantCulture,
                $"{field} is not valid: {error.ErrorType} at ({error.Coordinate?.X}, {error.Coordinate?.Y}) in EPSG:4490: {error.Message}"));
        return site;
    }

    private static string Cut(string value) => value.Length > 64 ? value[..64] + "..." : value;
}
