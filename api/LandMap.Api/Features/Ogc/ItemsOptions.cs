using LandMap.Api.Data;

namespace LandMap.Api.Features.Ogc;

/// <summary>
/// OPTIONS on a collection's items and on an item, as Part 4 asks (/req/create-replace-delete/options-op,
/// options-response; /req/update/methods): 200 with <c>Allow</c> listing the methods the resource
/// takes. The list is read from the routes themselves (every endpoint mapped on the same route
/// pattern), so a method mapped later appears without this class knowing of it. A CORS preflight
/// (OPTIONS with Origin and Access-Control-Request-Method) never reaches it: the CORS middleware
/// answers those.
/// </summary>
internal static class ItemsOptions
{
    /// <summary>Maps OPTIONS on <paramref name="pattern"/> of <paramref name="group"/>.</summary>
    public static RouteHandlerBuilder MapAllowOptions(this RouteGroupBuilder group, string pattern) =>
        group.MapMethods(pattern, [HttpMethods.Options], Allow).ExcludeFromDescription().ReadsNoDatabase();

    private static IResult Allow(HttpContext http, EndpointDataSource endpoints)
    {
        var pattern = Normalized((http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText);
        var methods = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => Normalized(e.RoutePattern.RawText) == pattern)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            .Select(m => m.ToUpperInvariant())
            .Distinct()
            .Order(StringComparer.Ordinal);
        http.Response.Headers.Allow = string.Join(", ", methods);
        return Results.Ok();
    }

    private static string Normalized(string? pattern) => "/" + (pattern ?? "").Trim('/');
}
