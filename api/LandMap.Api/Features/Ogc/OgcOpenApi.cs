using System.Text.Json.Nodes;
using LandMap.Api.Filtering;
using LandMap.Api.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LandMap.Api.Features.Ogc;

/// <summary>
/// The OpenAPI documents. "v1" describes the whole service (browsed at /docs); "ogc" is the
/// OGC API's own service-desc: only /ogc routes, with paths relative to the API root (server
/// "/ogc"), as OGC clients look them up (GDAL reads /collections/{collectionId}/items there).
/// </summary>
public static class OgcOpenApi
{
    public const string DocumentName = "ogc";
    public const string DocumentPath = "/openapi/ogc.json";
    private const string Prefix = "/ogc";

    public static IServiceCollection AddLandMapOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(o => Common(o));
        services.AddOpenApi(DocumentName, o =>
        {
            Common(o);
            o.ShouldInclude = d => HeadRequests.IsDocumented(d) && d.RelativePath?.StartsWith("ogc", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((doc, _, _) =>
            {
                var paths = new OpenApiPaths();
                foreach (var (path, item) in doc.Paths)
                    paths.Add(path.StartsWith(Prefix, StringComparison.Ordinal) ? (path.Length == Prefix.Length ? "/" : path[Prefix.Length..]) : path, item);
                doc.Paths = paths;
                doc.Servers = [new OpenApiServer { Url = Prefix, Description = "OGC API - Features of LandMap" }];
                doc.Info.Title = "LandMap OGC API - Features";
                return Task.CompletedTask;
            });
        });
        return services;
    }

    private static void Common(OpenApiOptions o)
    {
        o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
        var byGroup = o.ShouldInclude;
        o.ShouldInclude = d => HeadRequests.IsDocumented(d) && byGroup(d);
        // 401/403/429, typed limit/bbox/tile parameters, tag descriptions, 3.0-valid number schemas.
        OpenApiConventions.Apply(o);
        // Bearer tokens (see "Who may do what"): writes need one; reads too when anonymous read is off.
        o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Components ??= new OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A LandMap token (lm_...): viewer, surveyor or admin",
            };
            // Optional at document level (the empty requirement): anonymous reads may be allowed.
            doc.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", doc)] = [] }, new OpenApiSecurityRequirement()];
            return Task.CompletedTask;
        });
        // filter-lang is a closed list; "cql-text" is the draft name GDAL 3.6 looks for to send filters.
        // The query parameters a route reads itself (DeclaredQuery): the same list the unknown-parameter check allows.
        o.AddOperationTransformer((operation, context, _) =>
        {
            foreach (var declared in context.Description.ActionDescriptor.EndpointMetadata.OfType<QueryParameterDeclaration>())
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = declared.Name, In = ParameterLocation.Query, Required = false, Description = declared.Description,
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Enum = declared.Values.Count == 0 ? null : [.. declared.Values.Select(v => (JsonNode)JsonValue.Create(v))],
                    },
                });
            }
            return Task.CompletedTask;
        });
        // filter-lang's default is what a filter without filter-lang is read as (Part 3 /req/filter/filter-lang-param C).
        o.AddOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in operation.Parameters ?? [])
            {
                if (parameter.Name == "filter-lang" && parameter.Schema is OpenApiSchema schema)
                {
                    schema.Enum = [JsonValue.Create(Cql2Filter.TextLanguage), JsonValue.Create(Cql2Filter.JsonLanguage), JsonValue.Create(Cql2Filter.LegacyTextLanguage)];
                    schema.Default = JsonValue.Create(Cql2Filter.TextLanguage);
                }
            }
            return Task.CompletedTask;
        });
    }
}
