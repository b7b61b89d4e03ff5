using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Trust.RequestLimitsTests;

namespace LandMap.Tests.Trust;

/// <summary>
/// Bodies are read strictly to their end and only in the media types a route takes (issue 12,
/// point 7), and a zone query's body is bounded before it is parsed (point 4): a second JSON text
/// after the first is 400 naming <c>body</c> (uploads, edits, zone queries); a Content-Type the route
/// does not take is 415 naming the accepted ones; a zone query larger than MaxQueryBodyBytes or with
/// more vertices than MaxQueryVertices is 413 while it arrives.
/// </summary>
public sealed class StrictBodyTests(LandMapServer server)
{
    private HttpClient Writer() => server.CreateWriterClient();

    private static readonly string Polygon = """{"type":"Polygon","coordinates":[[[120.8,27.8],[120.81,27.8],[120.81,27.81],[120.8,27.8]]]}""";

    private static async Task<(HttpStatusCode Status, JsonNode? Body, string? Type)> PostAsync(HttpClient client, string url, HttpContent content)
    {
        using var response = await client.PostAsync(url, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Content.Headers.ContentType?.MediaType);
    }

    private static StringContent Body(string text, string mediaType) => new(text, Encoding.UTF8, new MediaTypeHeaderValue(mediaType));

    private static void AssertProblem((HttpStatusCode Status, JsonNode? Body, string? Type) r, HttpStatusCode status, string parameter, string? contains = null)
    {
        Assert.True(r.Status == status, $"{r.Status}: {r.Body?.ToJsonString()}");
        Assert.Equal("application/problem+json", r.Type);
        Assert.Equal(parameter, (string?)r.Body!["parameter"]);
        // Unescaped: the serializer writes '+' as \u002B.
        if (contains is not null) Assert.Contains(contains, System.Text.RegularExpressions.Regex.Unescape(r.Body.ToJsonString()));
    }

    [Theory]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[]}")]                 // a second FeatureCollection
    [InlineData("[]")]
    [InlineData("x")]
    [InlineData(",")]
    public async Task An_upload_with_anything_but_whitespace_after_its_FeatureCollection_is_400_naming_body(string after)
    {
        var file = Collection([Parcel("TRAIL-1", Ring(5, 60))]);
        var ok = await UploadAsync(Writer(), file + " \n\t\r\n");
        Assert.True(ok.Status == HttpStatusCode.OK, ok.Body?.ToJsonString()); // whitespace is no second text
        AssertProblem(await UploadAsync(Writer(), file + "\n" + after), HttpStatusCode.BadRequest, "body", "one JSON text");
    }

    [Fact]
    public async Task An_upload_whose_FeatureCollection_is_not_closed_or_whose_later_members_are_broken_is_400()
    {
        var file = Collection([Parcel("TRAIL-2", Ring(5, 61))]);
        AssertProblem(await UploadAsync(Writer(), file[..^1]), HttpStatusCode.BadRequest, "body");
        AssertProblem(await UploadAsync(Writer(), file[..^1] + ",\"name\":}"), HttpStatusCode.BadRequest, "body");
        var withTail = await UploadAsync(Writer(), file[..^1] + ",\"name\":\"survey\",\"bbox\":[1,2,3,4]}");
        Assert.True(withTail.Status == HttpStatusCode.OK, withTail.Body?.ToJsonString()); // members after the features are fine
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain")]
    [InlineData("image/png")]
    public async Task An_upload_in_a_media_type_no_upload_has_is_415_naming_the_accepted_ones(string mediaType)
    {
        var r = await PostAsync(Writer(), "api/uploads?collection=parcels&dryRun=true", Body(Collection([Parcel("MT-1", Ring(5, 62))]), mediaType));
        AssertProblem(r, HttpStatusCode.UnsupportedMediaType, "Content-Type", "application/geo+json");
        Assert.Contains("multipart/form-data", r.Body!["detail"]!.ToString());
    }

    [Theory]
    [InlineData("api/parcels/intersecting", "text/plain")]
    [InlineData("api/parcels/intersecting", "application/x-www-form-urlencoded")]
    [InlineData("api/parcels/area", "multipart/form-data; boundary=x")]
    [InlineData("ogc/collections/parcels/items", "application/x-www-form-urlencoded")]
    public async Task A_JSON_route_refuses_other_media_types_with_415(string url, string mediaType)
    {
        var content = new StringContent(Polygon, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        var r = await PostAsync(Writer(), url, content);
        AssertProblem(r, HttpStatusCode.UnsupportedMediaType, "Content-Type", "application/json");
    }

    [Theory]
    [InlineData("api/parcels/intersecting", "application/json")]
    [InlineData("api/parcels/area", "application/json")]
    [InlineData("ogc/collections/parcels/items", "application/geo+json")]
    public async Task A_second_JSON_value_after_a_JSON_body_is_400_naming_body(string url, string mediaType)
    {
        var first = url.EndsWith("area", StringComparison.Ordinal) ? "{\"park\":\"P-JH\"}" : url.StartsWith("ogc", StringComparison.Ordinal)
            ? "{\"type\":\"Feature\",\"properties\":{\"code\":\"TRAIL-E\"},\"geometry\":" + Polygon + "}"
            : Polygon;
        foreach (var after in new[] { Polygon, "[]", "1", "x" })
            AssertProblem(await PostAsync(Writer(), url, Body(first + " " + after, mediaType)), HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task A_zone_query_past_MaxQueryBodyBytes_is_413_by_its_Content_Length_or_while_chunked()
    {
        var big = Polygon.PadRight(1024 * 1024 + 1);
        var declared = await PostAsync(server.CreateClient(), "api/parcels/intersecting", Body(big, "application/json"));
        AssertProblem(declared, HttpStatusCode.RequestEntityTooLarge, "body", "LandMap:Limits:MaxQueryBodyBytes");

        // No Content-Length: counted as it arrives.
        var chunked = new StreamContent(new NoLengthStream(Encoding.UTF8.GetBytes(Polygon.PadRight(1536 * 1024))));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        AssertProblem(await PostAsync(server.CreateClient(), "api/parcels/intersecting", chunked),
            HttpStatusCode.RequestEntityTooLarge, "body", "LandMap:Limits:MaxQueryBodyBytes");
    }

    [Fact]
    public async Task A_zone_query_with_more_vertices_than_MaxQueryVertices_is_413_while_it_arrives()
    {
        static string Ring(int n) =>
            "{\"type\":\"Polygon\",\"coordinates\":[[" + string.Join(",", Enumerable.Range(0, n - 1).Select(i =>
            {
                var a = 2 * Math.PI * i / (n - 1);
                return $"[{120.8 + 0.01 * Math.Cos(a):F7},{27.8 + 0.01 * Math.Sin(a):F7}]";
            })) + $",[{120.81:F7},{27.8:F7}]]]}}";
        var at = await PostAsync(server.CreateClient(), "api/parcels/intersecting?limit=1", Body(Ring(10_000), "application/json"));
        Assert.True(at.Status == HttpStatusCode.OK, at.Body?.ToJsonString());
        AssertProblem(await PostAsync(server.CreateClient(), "api/parcels/intersecting", Body(Ring(10_001), "application/json")),
            HttpStatusCode.RequestEntityTooLarge, "body", "LandMap:Limits:MaxQueryVertices");
    }

    /// <summary>A stream that does not say its length, so HttpClient sends it chunked.</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
