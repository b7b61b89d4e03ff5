using System.Net;
using System.Text;
using System.Text.Json;
using LandMap.Api.Items;
using LandMap.Api.Problems;

namespace LandMap.Api.Features.Ogc;

/// <summary>
/// HTML views of the OGC API documents for people with a browser: the same content as the JSON,
/// with links to the map. Every value is HTML-encoded: data is text, never markup.
/// </summary>
internal static class OgcHtml
{
    /// <summary>f=html, or no f and a browser's Accept that prefers text/html.</summary>
    public static bool Wanted(HttpRequest request)
    {
        var f = request.Query["f"].ToString();
        if (f.Length > 0)
        {
            return f switch
            {
                "html" => true,
                "json" or "geojson" => false,
                _ => throw new InvalidParameterException("f", $"f must be json or html; got '{f}'"),
            };
        }
        var accept = request.GetTypedHeaders().Accept;
        var html = accept.Where(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(-1).Max();
        var json = accept.Where(a => a.MediaType.Value?.Contains("json", StringComparison.OrdinalIgnoreCase) == true).Select(a => a.Quality ?? 1).DefaultIfEmpty(-1).Max();
        return html > 0 && html >= json;
    }

    /// <summary>A document (landing, conformance, collections, collection) as a page.</summary>
    public static IResult Document(string title, object document)
    {
        var root = JsonSerializer.SerializeToElement(document, OgcJson.Options);
        var body = new StringBuilder();
        if (root.TryGetProperty("description", out var d)) body.Append($"<p>{E(d.GetString())}</p>");
        if (root.TryGetProperty("collections", out var cs)) Collections(body, cs);
        if (root.TryGetProperty("conformsTo", out var conf))
            body.Append("<ul>").AppendJoin("", conf.EnumerateArray().Select(c => $"<li>{E(c.GetString())}</li>")).Append("</ul>");
        if (root.TryGetProperty("extent", out var ext) && ext.ValueKind == JsonValueKind.Object)
            body.Append($"<p>范围 Extent (CRS84): {E(ext.GetProperty("spatial").GetProperty("bbox")[0].ToString())}</p>");
        if (root.TryGetProperty("links", out var links)) Links(body, links);
        return Page(title, body.ToString());
    }

    /// <summary>A page of features (of collection <paramref name="collectionId"/>) as a table of their properties.
    /// Links are absolute paths: the same table serves /items and /items/{id}, where a relative
    /// "items/{id}" would resolve to .../items/items/{id}.</summary>
    public static IResult Features(string title, string collectionId, IReadOnlyList<JsonElement> features, string? next)
    {
        var body = new StringBuilder($"<p>{features.Count} 个要素 features · <a href=\"/\">在地图中查看 Open the map</a></p>");
        var columns = features.SelectMany(f => f.GetProperty("properties").EnumerateObject().Select(p => p.Name)).Distinct().ToList();
        body.Append("<table><thead><tr><th>id</th>").AppendJoin("", columns.Select(c => $"<th>{E(c)}</th>")).Append("</tr></thead><tbody>");
        foreach (var f in features)
        {
            var props = f.GetProperty("properties");
            body.Append($"<tr><td><a href=\"/ogc/collections/{E(collectionId)}/items/{E(f.GetProperty("id").ToString())}?f=html\">{E(f.GetProperty("id").ToString())}</a></td>");
            foreach (var c in columns)
                body.Append($"<td>{(props.TryGetProperty(c, out var v) && v.ValueKind != JsonValueKind.Null ? E(v.ToString()) : "")}</td>");
            body.Append("</tr>");
        }
        body.Append("</tbody></table>");
        if (next is not null) body.Append($"<p><a rel=\"next\" href=\"{E(next)}\">下一页 Next page</a></p>");
        return Page(title, body.ToString());
    }

    private static void Collections(StringBuilder body, JsonElement collections)
    {
        body.Append("<table><thead><tr><th>id</th><th>名称 Title</th><th>说明 Description</th><th></th></tr></thead><tbody>");
        foreach (var c in collections.EnumerateArray())
        {
            var id = E(c.GetProperty("id").GetString());
            body.Append($"<tr><td><a href=\"/ogc/collections/{id}?f=html\">{id}</a></td><td>{E(c.GetProperty("title").GetString())}</td>")
                .Append($"<td>{E(c.GetProperty("description").GetString())}</td><td><a href=\"/ogc/collections/{id}/items?f=html\">要素 items</a></td></tr>");
        }
        body.Append("</tbody></table>");
    }

    private static void Links(StringBuilder body, JsonElement links)
    {
        body.Append("<h2>链接 Links</h2><ul>");
        foreach (var l in links.EnumerateArray())
        {
            var title = l.TryGetProperty("title", out var t) ? t.GetString() : l.GetProperty("rel").GetString();
            body.Append($"<li><a href=\"{E(l.GetProperty("href").GetString())}\">{E(title)}</a> <small>({E(l.GetProperty("rel").GetString())}, {E(l.GetProperty("type").GetString())})</small></li>");
        }
        body.Append("</ul>");
    }

    /// <summary>Where <see cref="Css"/> is served.</summary>
    public const string StylePath = "/ogc/html.css";

    /// <summary>The style sheet of every HTML view.</summary>
    public const string Css =
        "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;font-size:.9rem}" +
        "td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}th{background:#f3f3f3}nav a{margin-right:1rem}";

    private static IResult Page(string title, string body) => Results.Content($"""
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)} · LandMap</title><link rel="stylesheet" href="{StylePath}"></head>
        <body><nav><a href="/">地图 Map</a><a href="/ogc?f=html">OGC API</a><a href="/ogc/collections?f=html">数据集 Collections</a><a href="/docs">API 文档 Docs</a></nav>
        <h1>{E(title)}</h1>{body}</body></html>
        """, "text/html; charset=utf-8");

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
}
