using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;

namespace LandMap.Api.Problems;

/// <summary>
/// The one builder of RFC 9457 problem+json answers. Every refusal the service gives, thrown
/// (<see cref="ApiProblemException"/>, database failures), returned from an endpoint, written by
/// middleware (authentication, limits, bodies) or kept as an upload's outcome, is a
/// <see cref="ProblemDetails"/> made here, with its type from the one status map below.
/// </summary>
public static class Problem
{
    // The form ASP.NET Core's own defaults use, so answers read the same whichever path made them.
    private const string Rfc9110 = "https://tools.ietf.org/html/rfc9110#section-";
    private const string Rfc6585 = "https://tools.ietf.org/html/rfc6585#section-";

    /// <summary>Status -> the problem type: the section of the RFC that defines the status (as
    /// tipg's errors.py keeps one map). A status not listed (499, a client gone) has no type.</summary>
    private static readonly Dictionary<int, string> Types = new()
    {
        [StatusCodes.Status400BadRequest] = Rfc9110 + "15.5.1",
        [StatusCodes.Status401Unauthorized] = Rfc9110 + "15.5.2",
        [StatusCodes.Status403Forbidden] = Rfc9110 + "15.5.4",
        [StatusCodes.Status404NotFound] = Rfc9110 + "15.5.5",
        [StatusCodes.Status405MethodNotAllowed] = Rfc9110 + "15.5.6",
        [StatusCodes.Status406NotAcceptable] = Rfc9110 + "15.5.7",
        [StatusCodes.Status408RequestTimeout] = Rfc9110 + "15.5.9",
        [StatusCodes.Status409Conflict] = Rfc9110 + "15.5.10",
        [StatusCodes.Status411LengthRequired] = Rfc9110 + "15.5.12",
        [StatusCodes.Status412PreconditionFailed] = Rfc9110 + "15.5.13",
        [StatusCodes.Status413PayloadTooLarge] = Rfc9110 + "15.5.14",
        [StatusCodes.Status414UriTooLong] = Rfc9110 + "15.5.15",
        [StatusCodes.Status415UnsupportedMediaType] = Rfc9110 + "15.5.16",
        [StatusCodes.Status422UnprocessableEntity] = Rfc9110 + "15.5.21",
        [StatusCodes.Status428PreconditionRequired] = Rfc6585 + "3",
        [StatusCodes.Status429TooManyRequests] = Rfc6585 + "4",
        [StatusCodes.Status431RequestHeaderFieldsTooLarge] = Rfc6585 + "5",
        [StatusCodes.Status500InternalServerError] = Rfc9110 + "15.6.1",
        [StatusCodes.Status503ServiceUnavailable] = Rfc9110 + "15.6.4",
        [StatusCodes.Status504GatewayTimeout] = Rfc9110 + "15.6.5",
    };

    /// <summary>The problem type of <paramref name="status"/>, or null for a status without one.</summary>
    public static string? TypeOf(int status) => Types.GetValueOrDefault(status);

    /// <summary>A problem: <paramref name="extensions"/> name what to fix (parameter, limit, report...).</summary>
    public static ProblemDetails Create(int status, string title, string? detail = null,
        IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        var problem = new ProblemDetails { Type = TypeOf(status), Title = title, Status = status, Detail = detail };
        foreach (var (key, value) in extensions ?? []) problem.Extensions[key] = value;
        return problem;
    }

    /// <summary>The problem an exception stands for: an <see cref="ApiProblemException"/> with its
    /// title, detail and the parameter or limit it names; a database refusal or outage; anything
    /// else a 500 that reveals nothing of the server.</summary>
    public static ProblemDetails From(Exception exception)
    {
        var status = ProblemStatus.For(exception);
        return exception switch
        {
            LimitExceededException l => Create(status, l.Title, l.Message,
                [new("parameter", l.Parameter), new("limit", l.Setting), new("max", l.Limit)]),
            InvalidParameterException p => Create(status, p.Title, p.Message, [new("parameter", p.Parameter)]),
            ConflictException c => Create(status, c.Title, c.Message, [new("field", c.Field)]),
            ApiProblemException e => Create(status, e.Title, e.Message),
            _ when ProblemStatus.UnstorableText(exception) => Create(status, "Invalid parameter",
                "a value of the request holds a NUL character (U+0000), which text cannot hold"),
            // Not "try again": the same request would run as long again.
            _ when ProblemStatus.QueryTimedOut(exception) => Create(status, "Query timeout",
                "the request's database work ran past its time limit and was stopped; nothing was changed. " +
                "Narrow it (a bbox, a filter, a smaller limit) and send it again"),
            _ when status == StatusCodes.Status503ServiceUnavailable => Create(status, "Service unavailable",
                "the database cannot be reached; try again shortly"),
            _ => Create(status, "Internal server error"),
        };
    }

    /// <summary>Problem details options: whatever writes a problem (this class, the exception
    /// handler, status code pages for an unknown route or a bare 401/405), its type comes from
    /// the map above, after ASP.NET Core's defaults have filled in title and traceId.</summary>
    public static void Configure(ProblemDetailsOptions options) =>
        options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Type = TypeOf(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);

    /// <summary>The problem as an endpoint's result (written by the problem details service).</summary>
    public static IResult Result(ProblemDetails problem) => TypedResults.Problem(problem);

    /// <summary>Writes the problem as the response (middleware that answers before any endpoint).</summary>
    public static ValueTask WriteAsync(HttpContext http, ProblemDetails problem)
    {
        http.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }

    /// <summary>The problem as a JSON object, for an answer kept before it is sent (an upload's
    /// outcome, stored with its job): type, title, status, detail, then the extensions.</summary>
    public static JsonObject ToJson(ProblemDetails problem)
    {
        var json = new JsonObject();
        if (problem.Type is not null) json["type"] = problem.Type;
        json["title"] = problem.Title;
        json["status"] = problem.Status;
        if (problem.Detail is not null) json["detail"] = problem.Detail;
        foreach (var (key, value) in problem.Extensions)
            json[key] = value is JsonNode node ? (node.Parent is null ? node : node.DeepClone()) : JsonSerializer.SerializeToNode(value);
        return json;
    }
}
