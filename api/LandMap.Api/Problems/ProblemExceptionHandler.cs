using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace LandMap.Api.Problems;

/// <summary>Turns <see cref="ApiProblemException"/>s into problem+json with their status;
/// anything else becomes a 500 that reveals nothing of the server.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (context.Response.HasStarted)
            return false; // a streamed body is cut short; the client sees a broken response, not a lie

        var status = ProblemStatus.For(exception);
        var details = new ProblemDetails { Status = status };
        if (exception is ApiProblemException problem)
        {
            details.Title = problem.Title;
            details.Detail = problem.Message;
            if (problem is InvalidParameterException p)
                details.Extensions["parameter"] = p.Parameter;
            if (problem is LimitExceededException l)
            {
                details.Extensions["parameter"] = l.Parameter;
                details.Extensions["limit"] = l.Setting;
                details.Extensions["max"] = l.Limit;
            }
        }
        else if (ProblemStatus.UnstorableText(exception))
        {
            details.Title = "Invalid parameter";
            details.Detail = "a value of the request holds a NUL character (U+0000), which text cannot hold";
        }
        else if (ProblemStatus.QueryTimedOut(exception))
        {
            // Not "try again": the same request would run as long again. No Retry-After.
            logger.LogWarning("Query timed out on {Path}{Query}", context.Request.Path, context.Request.QueryString);
            details.Title = "Query timeout";
            details.Detail = "the request's database work ran past its time limit and was stopped; nothing was changed. " +
                             "Narrow it (a bbox, a filter, a smaller limit) and send it again";
        }
        else if (status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("Database unavailable on {Path}: {Message}", context.Request.Path, exception.Message);
            details.Title = "Service unavailable";
            details.Detail = "the database cannot be reached; try again shortly";
            context.Response.Headers.RetryAfter = "5";
        }
        else
        {
            logger.LogError(exception, "Unhandled error on {Path}", context.Request.Path);
            details.Title = "Internal server error";
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new() { HttpContext = context, ProblemDetails = details, Exception = exception });
    }
}
