using System.Reflection;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LandMap.Api.Hosting;

/// <summary>A query parameter a route reads from the request itself rather than as a handler
/// argument (e.g. <c>f</c>), declared so the API definition lists it and <see cref="DeclaredQuery"/>
/// accepts it. <paramref name="Values"/>: the only values it takes (an enum in the definition); any
/// other is a 400 naming it. Empty: any value.</summary>
public sealed record QueryParameterDeclaration(string Name, string Description, IReadOnlyList<string> Values);

/// <summary>
/// OGC API - Features /req/core/query-param-unknown: a query parameter the API definition does not
/// declare for the route is a 400 naming it, not silently ignored (a misspelt <c>bbox</c> would
/// otherwise answer the whole collection). The allowed set is read from the same API description
/// (ApiExplorer) the OpenAPI documents are written from: the handler's query arguments plus the
/// <see cref="QueryParameterDeclaration"/>s of the route, so the check and the definition cannot disagree.
/// </summary>
public static class DeclaredQuery
{
    /// <summary>Declares a query parameter the route reads itself (see <see cref="QueryParameterDeclaration"/>).</summary>
    public static TBuilder AcceptsQuery<TBuilder>(this TBuilder builder, string name, string description, params string[] values)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new QueryParameterDeclaration(name, description, values));

    /// <summary>Every described route of <paramref name="group"/> answers 400 to a query parameter its
    /// definition does not list, or to a declared parameter's value outside its <c>Values</c>.
    /// <paramref name="formatOnly"/>: hold the routes to their definition for <c>f</c> only (a route that
    /// lists no <c>f</c> serves one format, so any <c>f</c> is a 400, never silently ignored).</summary>
    public static RouteGroupBuilder RejectsUndeclaredQuery(this RouteGroupBuilder group, bool formatOnly = false)
    {
        group.AddEndpointFilterFactory((context, next) =>
        {
            var method = context.MethodInfo;
            var services = context.ApplicationServices;
            // Lazily: the API description is built from every endpoint, which do not all exist yet here.
            var declared = new Lazy<RouteQuery?>(() => RouteQuery.Of(services, method), LazyThreadSafetyMode.ExecutionAndPublication);
            return invocation =>
            {
                // A route left out of the API definition (a style sheet) has no declared parameters to hold it to.
                declared.Value?.Check(invocation.HttpContext.Request.Query, formatOnly);
                return next(invocation);
            };
        });
        return group;
    }

    /// <summary>The query parameters the API description gives the route of <paramref name="handler"/>:
    /// its query arguments and its declarations (by name, case-insensitive as binding is).</summary>
    public static IReadOnlyDictionary<string, QueryParameterDeclaration?>? Of(IServiceProvider services, MethodInfo handler) =>
        RouteQuery.Of(services, handler)?.Parameters;

    private sealed record RouteQuery(string Route, IReadOnlyDictionary<string, QueryParameterDeclaration?> Parameters)
    {
        public static RouteQuery? Of(IServiceProvider services, MethodInfo handler)
        {
            var description = services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
                .SelectMany(g => g.Items)
                .FirstOrDefault(d => !HttpMethods.IsHead(d.HttpMethod ?? "") && d.ActionDescriptor.EndpointMetadata.Contains(handler));
            if (description is null) return null;
            var parameters = new Dictionary<string, QueryParameterDeclaration?>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in description.ParameterDescriptions.Where(p => p.Source == BindingSource.Query)) parameters[p.Name] = null;
            foreach (var d in description.ActionDescriptor.EndpointMetadata.OfType<QueryParameterDeclaration>()) parameters[d.Name] = d;
            return new RouteQuery("/" + description.RelativePath, parameters);
        }

        public void Check(IQueryCollection query, bool formatOnly)
        {
            foreach (var (name, values) in query)
            {
                if (formatOnly && !name.Equals("f", StringComparison.OrdinalIgnoreCase)) continue;
                if (!Parameters.TryGetValue(name, out var declaration))
                    throw new InvalidParameterException(Shown(name), Parameters.Count == 0
                        ? $"unknown query parameter '{Shown(name)}': {Route} takes none"
                        : $"unknown query parameter '{Shown(name)}': {Route} takes {string.Join(", ", Parameters.Keys.Order(StringComparer.Ordinal))}");
                if (declaration is { Values.Count: > 0 } && values.Any(v => !declaration.Values.Contains(v, StringComparer.OrdinalIgnoreCase)))
                    throw new InvalidParameterException(declaration.Name,
                        $"{declaration.Name} must be {string.Join(" or ", declaration.Values)} on {Route}; got '{Shown(values.ToString())}'");
            }
        }

        /// <summary>A name or value as a problem quotes it: cut, so a problem never echoes a megabyte.</summary>
        private static string Shown(string s) => s.Length <= 64 ? s : s[..64] + "...";
    }
}
