namespace LandMap.Api.Data;

/// <summary>
/// A read that was handed the replica and found it unreachable marks it down at once, rather than
/// waiting for the next probe; a GET is then run once more, now on the primary, as long as nothing
/// of its answer has been sent (the read routes fail at their first query, before they write).
/// </summary>
internal static class ReplicaFallback
{
    /// <summary>Right before the endpoints, inside the limits, so a retried read counts once.</summary>
    public static WebApplication UseReplicaFallback(this WebApplication app)
    {
        var reads = app.Services.GetRequiredService<ReadDataSource>();
        if (reads.Replica is null) return app;
        // Why here and not in each handler (e.g. an "open a connection on the replica or else the
        // primary" call): a replica that has just stopped leaves broken connections in the pool,
        // which open fine and fail at the first query, often inside a streaming IResult. Only a
        // retry of the whole read covers both, and the handlers keep their one-line ForAsync.
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (Exception e) when (reads.FailedOnReplica(http, e))
            {
                // A POST read (zone selections) has consumed its body: it answers 503, the next one goes to the primary.
                if (!HttpMethods.IsGet(http.Request.Method) || http.Response.HasStarted) throw;
                http.Response.Clear();
                await next(http);
            }
        });
        return app;
    }
}
