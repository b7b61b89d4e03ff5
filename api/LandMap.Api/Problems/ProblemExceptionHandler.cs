using Microsoft.AspNetCore.Diagnostics;

namespace LandMap.Api.Problems;

/// <summary>Answers an exception with the problem <see cref="Problem.From"/> makes of it (an
/// <see cref="ApiProblemException"/> with its status; anything else a 500 that reveals nothing of the server).</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (context.Response.HasStarted)
            return false; // a streamed body is cut short; the client sees a broken response, not a lie

        var details = Problem.From(exception);
        var status = details.Status ?? StatusCodes.Status500InternalServerError;
        Log(context, exception, status);
        // An outage may pass; a timed-out query would run as long again, so it gets no Retry-After.
        if (status == StatusCodes.Status503ServiceUnavailable && !ProblemStatus.QueryTimedOut(exception))
            context.Response.Headers.RetryAfter = "5";
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new() { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    /// <summary>Client errors are the client's (not logged); timeouts and outages are warnings; the
    /// rest is an error with its stack, since the 500 answer says nothing of it.</summary>
    private void Log(HttpContext context, Exception exception, int status)
    {
        if (exception is ApiProblemException || ProblemStatus.UnstorableText(exception)) return;
        if (ProblemStatus.QueryTimedOut(exception))
            logger.LogWarning("Query timed out on {Path}{Query}", context.Request.Path, context.Request.QueryString);
        else if (status == StatusCodes.Status503ServiceUnavailable)
            logger.LogWarning("Database unavailable on {Path}: {Message}", context.Request.Path, exception.Message);
        else
            logger.LogError(exception, "Unhandled error on {Path}", context.Request.Path);
    }
}
