using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Api.Problems;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Upload.UploadFiles;

namespace LandMap.Tests.Api;

/// <summary>
/// One error model: whichever path refuses a request (an exception, an endpoint's result,
/// middleware, an upload's stored outcome, status code pages), the problem's type is the one
/// <see cref="Problem.TypeOf"/> gives its status, so the same status reads the same everywhere.
/// </summary>
public sealed class ProblemModelTests(LandMapServer server)
{
    private static async Task<(HttpStatusCode Status, JsonNode Body, string? MediaType)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!, response.Content.Headers.ContentType?.MediaType);
    }

    private static void AssertProblem(HttpStatusCode status, (HttpStatusCode Status, JsonNode Body, string? MediaType) answer)
    {
        Assert.Equal(status, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal((int)status, (int)answer.Body["status"]!);
        Assert.Equal(Problem.TypeOf((int)status), (string?)answer.Body["type"]);
        Assert.False(string.IsNullOrEmpty((string?)answer.Body["title"]));
    }

    [Fact]
    public async Task An_upload_refusal_and_an_edit_refusal_are_the_same_422_problem()
    {
        var (client, _) = await WritesAsync(server);
        var bad = Feature("PM-422", Square4549(121.3, 28.3, 50), status: "no_such_state");

        var upload = await SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "api/uploads?collection=parcels&crs=EPSG:4549&dryRun=true")
        {
            Content = new StringContent(Collection(bad), Encoding.UTF8, "application/geo+json"),
        });
        var edit = await SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "ogc/collections/parcels/items")
        {
            Content = new StringContent(new JsonObject
            {
                ["type"] = "Feature",
                ["properties"] = bad["properties"]!.DeepClone(),
                ["geometry"] = new JsonObject
                {
                    ["type"] = "Polygon",
                    ["coordinates"] = new JsonArray(new JsonArray(P(121.3, 28.3), P(121.3005, 28.3), P(121.3005, 28.3005), P(121.3, 28.3005), P(121.3, 28.3))),
                },
            }.ToJsonString(), Encoding.UTF8, "application/geo+json"),
        });

        AssertProblem(HttpStatusCode.UnprocessableEntity, upload);
        AssertProblem(HttpStatusCode.UnprocessableEntity, edit);
        Assert.Equal("Upload refused", (string?)upload.Body["title"]);
        Assert.Equal("Edit refused", (string?)edit.Body["title"]);
        Assert.NotNull(upload.Body["report"]);
        Assert.NotNull(edit.Body["report"]);
        static JsonArray P(double x, double y) => new(x, y);
    }

    [Fact]
    public async Task Thrown_returned_middleware_and_status_code_page_problems_take_their_type_from_the_one_map()
    {
        var client = server.CreateClient();
        // Thrown (NotFoundException through the exception handler).
        AssertProblem(HttpStatusCode.NotFound, await SendAsync(client, new(HttpMethod.Get, "ogc/collections/no_such_collection")));
        // Thrown (InvalidParameterException), naming the parameter.
        var invalid = await SendAsync(client, new(HttpMethod.Get, "ogc/collections/parcels/items?limit=nope"));
        AssertProblem(HttpStatusCode.BadRequest, invalid);
        Assert.Equal("limit", (string?)invalid.Body["parameter"]);
        // Status code pages (no route).
        AssertProblem(HttpStatusCode.NotFound, await SendAsync(client, new(HttpMethod.Get, "no/such/route")));
        // Authentication middleware (a token that is no token).
        var denied = new HttpRequestMessage(HttpMethod.Post, "api/uploads?collection=parcels");
        denied.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        AssertProblem(HttpStatusCode.Unauthorized, await SendAsync(client, denied));

        // An endpoint's result (428) and body intake middleware (415) on the write server.
        var (writer, _) = await WritesAsync(server);
        var put = new HttpRequestMessage(HttpMethod.Put, "ogc/collections/parcels/items/1")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/geo+json"),
        };
        AssertProblem(HttpStatusCode.PreconditionRequired, await SendAsync(writer, put));
        var upload = new HttpRequestMessage(HttpMethod.Post, "api/uploads?collection=parcels")
        {
            Content = new StringContent("a=b", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        AssertProblem(HttpStatusCode.UnsupportedMediaType, await SendAsync(writer, upload));
    }
}
