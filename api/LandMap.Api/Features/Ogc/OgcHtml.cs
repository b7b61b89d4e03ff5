using System.Net;
using System.Text;
using System.Text.Json;
using LandMap.Api.Items;
using LandMap.Api.Problems;

namespace LandMap.Api.Features.Ogc;

/// <summary>
/// HTML views of the OGC API documents for people with a browser (the HTML conformance class:
/// /req/html/definition, /req/html/content): the same content as the JSON, every member of the
/// document shown and every link an &lt;a&gt;, with links to the map. Every value is HTML-encoded:
/// data is text, never markup.
/// </summary>
internal static class OgcHtml
{
    /// <summary>The <c>f</c> values of a document served as JSON or HTML.</summary>
    public static readonly string[] Formats = ["json", "html"];

    /// <summary>f=html, or no f and a browser's Accept that prefers text/html.</summary>
    public static bool Wanted(HttpRequest request)
    {
        var f = request.Query["f"].ToString();
        if (f.Length > 0)
        {
            return f.ToLowerInvariant() switch
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

    /// <summary>A document (landing, conformance, collections, collection, queryables) as a page:
    /// a summary of collections or conformance classes where there are, then every member.</summary>
    public static IResult Document(string title, object document)
    {
        var root = JsonSerializer.SerializeToElement(document, OgcJson.Options);
        var body = new StringBuilder();
        if (root.TryGetProperty("description", out var d)) body.Append($"<p>{E(d.GetString())}</p>");
        if (root.TryGetProperty("collections", out var cs)) Collections(body, cs);
        if (root.TryGetProperty("conformsTo", out var conf))
            body.Append("<ul>").AppendJoin("", conf.EnumerateArray().Select(c => $"<li>{E(c.GetString())}</li>")).Append("</ul>");
        body.Append("<h2>内容 Content</h2>");
        Value(body, root, skip: ["description", "links", "conformsTo"]);
        if (root.TryGetProperty("links", out var links)) Links(body, links);
        return Page(title, body.ToString(), root);
    }

    /// <summary>Features (of collection <paramref name="collectionId"/>) as a table of their id,
    /// properties and geometry, with the response's members and links. Links are absolute paths: the
    /// same table serves /items and /items/{id}, where a relative "items/{id}" would resolve to .../items/items/{id}.</summary>
    public static IResult Features(string title, string collectionId, IReadOnlyList<JsonElement> features,
        IReadOnlyList<OgcLink> links, IReadOnlyDictionary<string, object>? members = null)
    {
        var body = new StringBuilder($"<p>{features.Count} 个要素 features · <a href=\"/\">在地图中查看 Open the map</a></p>");
        foreach (var (name, value) in members ?? new Dictionary<string, object>())
            body.Append($"<p>{E(name)}: {E(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture))}</p>");
        var columns = features.SelectMany(f => f.GetProperty("properties").EnumerateObject().Select(p => p.Name)).Distinct().ToList();
        body.Append("<table><thead><tr><th>id</th>").AppendJoin("", columns.Select(c => $"<th>{E(c)}</th>")).Append("<th>geometry</th></tr></thead><tbody>");
        foreach (var f in features)
        {
            var props = f.GetProperty("properties");
            body.Append($"<tr><td><a href=\"/ogc/collections/{E(collectionId)}/items/{E(f.GetProperty("id").ToString())}?f=html\">{E(f.GetProperty("id").ToString())}</a></td>");
            foreach (var c in columns)
                body.Append($"<td>{(props.TryGetProperty(c, out var v) && v.ValueKind != JsonValueKind.Null ? E(v.ToString()) : "")}</td>");
            // The geometry as GeoJSON text, folded: the whole response is on the page, not only its table.
            var g = f.GetProperty("geometry");
            body.Append(g.ValueKind == JsonValueKind.Null ? "<td></td>"
                : $"<td><details><summary>{E(g.GetProperty("type").GetString())}</summary><code>{E(g.GetRawText())}</code></details></td>");
            body.Append("</tr>");
        }
        body.Append("</tbody></table>");
        if (links.FirstOrDefault(l => l.Rel == "next") is { } next) body.Append($"<p><a rel=\"next\" href=\"{E(next.Href)}\">下一页 Next page</a></p>");
        var linksJson = JsonSerializer.SerializeToElement(links, OgcJson.Options);
        Links(body, linksJson);
        return Page(title, body.ToString(), JsonSerializer.SerializeToElement(new { links }, OgcJson.Options));
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

    /// <summary>Any JSON value as nested lists: objects as name/value lists, link arrays as links,
    /// URLs as &lt;a&gt;, so nothing of the document is left out of the page.</summary>
    private static void Value(StringBuilder body, JsonElement value, IReadOnlyCollection<string>? skip = null)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                body.Append("<dl>");
                foreach (var p in value.EnumerateObject().Where(p => skip?.Contains(p.Name) != true))
                {
                    body.Append($"<dt>{E(p.Name)}</dt><dd>");
                    if (p.Name == "links" && p.Value.ValueKind == JsonValueKind.Array) Links(body, p.Value, heading: false);
                    else Value(body, p.Value);
                    body.Append("</dd>");
                }
                body.Append("</dl>");
                break;
            case JsonValueKind.Array:
                body.Append("<ul>");
                foreach (var item in value.EnumerateArray())
                {
                    body.Append("<li>");
                    Value(body, item);
                    body.Append("</li>");
                }
                body.Append("</ul>");
                break;
            case JsonValueKind.String when Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https":
                body.Append($"<a href=\"{E(value.GetString())}\">{E(value.GetString())}</a>");
                break;
            default:
                body.Append(E(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()));
                break;
        }
    }

    private static void Links(StringBuilder body, JsonElement links, bool heading = true)
    {
        if (heading) body.Append("<h2>链接 Links</h2>");
        body.Append("<ul>");
        foreach (var l in links.EnumerateArray())
        {
            var title = l.TryGetProperty("title", out var t) ? t.GetString() : l.GetProperty("rel").GetString();
            var type = l.TryGetProperty("type", out var ty) ? ty.GetString() : "";
            body.Append($"<li><a href=\"{E(l.GetProperty("href").GetString())}\" rel=\"{E(l.GetProperty("rel").GetString())}\" type=\"{E(type)}\">{E(title)}</a> ")
                .Append($"<small>({E(l.GetProperty("rel").GetString())}, {E(type)})</small></li>");
        }
        body.Append("</ul>");
    }

    /// <summary>Where <see cref="Css"/> is served.</summary>
    public const string StylePath = "/ogc/html.css";

    /// <summary>The style sheet of every HTML view.</summary>
    public const string Css =
        "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;font-size:.9rem}" +
        "td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}th{background:#f3f3f3}nav a{margin-right:1rem}" +
        "dl{margin:0}dt{font-weight:600}dd{margin:0 0 .25rem 1.5rem}code{font-size:.8rem;word-break:break-all}";

    /// <summary>The page; its head names the document's other formats (the JSON links with rel self or
    /// alternate) as &lt;link rel="alternate"&gt;, as the JSON names this page.</summary>
    private static IResult Page(string title, string body, JsonElement document)
    {
        var alternates = new StringBuilder();
        if (document.TryGetProperty("links", out var links))
        {
            foreach (var l in links.EnumerateArray())
            {
                var rel = l.GetProperty("rel").GetString();
                var type = l.TryGetProperty("type", out var t) ? t.GetString() : null;
                if (rel is "self" or "alternate" && type is not null && type != OgcMedia.Html)
                    alternates.Append($"<link rel=\"alternate\" type=\"{E(type)}\" href=\"{E(l.GetProperty("href").GetString())}\">");
            }
        }
        return Results.Content($"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} · LandMap</title><link rel="stylesheet" href="{StylePath}">{alternates}</head>
            <body><nav><a href="/">地图 Map</a><a href="/ogc?f=html">OGC API</a><a href="/ogc/collections?f=html">数据集 Collections</a><a href="/docs">API 文档 Docs</a></nav>
            <h1>{E(title)}</h1>{body}</body></html>
            """, "text/html; charset=utf-8");
    }

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
}
