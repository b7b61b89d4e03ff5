using System.Globalization;
using System.Text.Json.Nodes;
using LandMap.Api.Hosting;
using LandMap.Api.Items;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LandMap.Api.Features.Ogc;

/// <summary>
/// What both OpenAPI documents (/openapi/v1.json and /openapi/ogc.json) say beyond what ASP.NET
/// derives from the routes, so they describe the service as it answers and lint clean (Redocly,
/// .redocly.yaml): the answers every route may give (429 from the rate limits, 401 and 403 where a
/// token is checked), the typed shapes of parameters the handlers take as text to word their own 400s
/// (limit, bbox, tile coordinates), a server URL without a trailing slash, a description per tag, and
/// number schemas without the "or a numeric string" and null-only alternatives .NET adds (which
/// OpenAPI 3.0 cannot state: a null member has no type; see <see cref="OpenApiNumberSchemas"/>).
/// </summary>
public static class OpenApiConventions
{
    private const string ProblemMediaType = "application/problem+json";

    /// <summary>What each tag groups, as /docs shows it above the tag's operations.</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Web map"] = "What the map page reads of the settings",
        ["OGC API - Features"] = "Collections and their features (Parts 1-3: core, CRS, CQL2 filtering), as GIS clients read them",
        ["OGC API - Features Part 4"] = "Creating, replacing, updating and deleting features (a surveyor's or admin's token)",
        ["OGC API - Tiles"] = "Vector tiles (MVT) of every collection in WebMercatorQuad, tileset metadata and TileJSON",
        ["Lifecycle"] = "Parcel states on a date (the idle rule) and their totals, the map's legend",
        ["Land use"] = "Land-use classes and their totals",
        ["Vocabulary"] = "Code lists (statuses, land uses, grades...) in Chinese and English",
        ["Uploads"] = "GeoJSON, zipped Shapefile and GeoPackage uploads into any collection, all or nothing",
        ["Reports"] = "The zone's reports: land indicators of a year, park evaluation",
        ["Supervision"] = "Idle-land early warnings",
        ["Zone questions"] = "Parcels in a polygon, near a road or river, of a park; their area",
        ["History"] = "Every kept version of a parcel",
        ["Planning"] = "The regulatory plan: a site checked against it (zones, control lines, protected areas, a verdict per rule)",
        ["Tokens"] = "API tokens (an admin's)",
    };

    /// <summary>Adds the conventions to a document's options.</summary>
    public static void Apply(OpenApiOptions o)
    {
        o.AddOperationTransformer((operation, context, _) =>
        {
            var limits = context.ApplicationServices.GetService<RequestLimits>() ?? RequestLimits.Default;
            foreach (var parameter in operation.Parameters ?? [])
                if (parameter is OpenApiParameter p) TypeParameter(p, limits);
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (context.Document is { } document)
            {
                operation.Responses ??= [];
                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    AddProblem(operation, document, StatusCodes.Status401Unauthorized, "No usable token (when anonymous reading is off, or a token was sent and is not valid)");
                    AddProblem(operation, document, StatusCodes.Status403Forbidden, "The token's role or collections do not allow this");
                }
                // Every route but health and metrics (not in these documents) is rate limited.
                AddProblem(operation, document, StatusCodes.Status429TooManyRequests, "Too many requests from this token or address; Retry-After says when to come back");
            }
            return Task.CompletedTask;
        });
        o.AddDocumentTransformer((doc, _, _) =>
        {
            foreach (var server in doc.Servers ?? [])
                if (server.Url is { Length: > 1 } url && url.EndsWith('/')) server.Url = url.TrimEnd('/');
            foreach (var tag in doc.Tags ?? new HashSet<OpenApiTag>())
                if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description)) tag.Description = description;
            OpenApiNumberSchemas.Simplify(doc);
            return Task.CompletedTask;
        });
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument document, int status, string description)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key)) return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
            },
        };
    }

    /// <summary>The parameters a handler takes as text (to name them in its own 400s) get the types
    /// clients are to send: OGC API - Features Part 1's limit and bbox, OGC API - Tiles' coordinates.</summary>
    private static void TypeParameter(OpenApiParameter p, RequestLimits limits)
    {
        switch (p.Name)
        {
            case "limit":
                p.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1",
                    Maximum = limits.MaxPageSize.ToString(CultureInfo.InvariantCulture),
                    Default = JsonValue.Create(ItemsQuery.DefaultLimit),
                };
                p.Description ??= $"features per page; a larger value is served as {limits.MaxPageSize}";
                break;
            case "bbox":
                p.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array, MinItems = 4, MaxItems = 6,
                    Items = new OpenApiSchema { Type = JsonSchemaType.Number },
                };
                p.Style = ParameterStyle.Form;
                p.Explode = false;
                break;
            // OGC API - Tiles' fragments (/req/core/tc-tilematrix-definition, tc-tilerow-, tc-tilecol-definition).
            case "tileMatrix" when p.In == ParameterLocation.Path:
                p.Schema = new OpenApiSchema { Type = JsonSchemaType.String };
                p.Description ??= "Identifier selecting one of the scales defined in the TileMatrixSet: in WebMercatorQuad the zoom, 0..22";
                p.Example = JsonValue.Create("14");
                break;
            case "tileRow" or "tileCol" when p.In == ParameterLocation.Path:
                p.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" };
                p.Description ??= p.Name == "tileRow"
                    ? "Row index of the tile on the selected TileMatrix (y, from the top); at most MatrixHeight-1"
                    : "Column index of the tile on the selected TileMatrix (x, from the left); at most MatrixWidth-1";
                break;
        }
    }
}
