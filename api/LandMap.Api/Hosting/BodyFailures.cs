using LandMap.Api.Observability;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Mvc;

namespace LandMap.Api.Hosting;

/// <summary>
/// Requests whose body failed on the client's side, told apart from the service's own errors: a
/// client that went away mid-request is no error of ours (status 499 in the request metrics,
/// <c>landmap.requests.aborted</c>, one information line, no stack trace); a body Kestrel refused
/// (too slow for <see cref="RequestLimits.MinBodyBytesPerSecond"/>: 408; too large: 413; bad framing:
/// 400) is answered with that status as problem+json naming <c>body</c>. Both used to be a 500
/// with an error logged.
/// </summary>
public static class BodyFailures
{
    /// <summary>nginx's "client closed request": the status recorded for a request its client abandoned.</summary>
    public const int ClientClosedRequest = StatusCodes.Status499ClientClosedRequest;

    /// <summary>Inside the exception handler, so it sees these first.</summary>
    public static WebApplication UseBodyFailures(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LandMap.Requests");
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (Exception e) when (ClientWentAway(http, e))
            {
                logger.LogInformation("Client went away during {Method} {Path} ({Reason})", http.Request.Method, http.Request.Path, e.Message);
                // The route as the request metrics label it.
                RequestMetrics.Aborted(
                    http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRouteDiagnosticsMetadata>()?.Route);
                if (!http.Response.HasStarted) http.Response.StatusCode = ClientClosedRequest;
            }
            catch (BadHttpRequestException e) when (!http.Response.HasStarted)
            {
                logger.LogInformation("Request body refused on {Path}: {Status} {Reason}", http.Request.Path, e.StatusCode, e.Message);
                http.Response.Clear();
                http.Response.StatusCode = e.StatusCode;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = e.StatusCode,
                        Title = e.StatusCode == StatusCodes.Status408RequestTimeout ? "Request body too slow" : "Request body refused",
                        Detail = e.Message,
                        Extensions = { ["parameter"] = "body" },
                    },
                });
            }
        });
        return app;
    }

    /// <summary>The client is gone: the request was aborted, the connection reset, or the body ended
    /// before its declared length (Kestrel's "Unexpected end of request content").</summary>
    public static bool ClientWentAway(HttpContext http, Exception e) =>
        (http.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        || e is ConnectionResetException or ConnectionAbortedException
        || (e is BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } b
            && b.Message.StartsWith("Unexpected end of request content", StringComparison.Ordinal));
}
