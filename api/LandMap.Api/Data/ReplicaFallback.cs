namespace LandMap.Api.Data;

/// <summary>
/// A read whose database cannot be reached is run once more, as long as nothing of its answer has
/// been sent (the read routes fail at their first query, before they write). Two causes, one cure:
/// the replica it was handed has stopped (it is marked down at once, rather than at the next probe,
/// and the retry goes to the primary); or it was handed a pooled connection whose backend was killed
/// while idle (pg_terminate_backend, a database restart, a pooler or firewall dropping it): the pool's
/// idle connections are then all suspect, so they are cleared and the retry opens a fresh one.
/// </summary>
internal static class ReplicaFallback
{
    private static readonly object Retried = new();

    /// <summary>Right before the endpoints, inside the limits, so a retried read counts once.</summary>
    public static WebApplication UseReplicaFallback(this WebApplication app)
    {
        var reads = app.Services.GetRequiredService<ReadDataSource>();
        // Why here and not in each handler (e.g. an "open a connection on the replica or else the
        // primary" call): broken connections open fine and fail at the first query, often inside a
        // streaming IResult. Only a retry of the whole read covers both, and the handlers keep their
        // one-line ForAsync.
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (Exception e) when (ReadDataSource.CannotReach(e))
            {
                // Marks the replica down when it was the one; else the primary's idle connections go.
                if (!reads.FailedOnReplica(http, e)) reads.Primary.Clear();
                // A POST read (zone selections) has consumed its body: it answers 503, the next one finds the pool fresh.
                if (!(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) || http.Response.HasStarted || !http.Items.TryAdd(Retried, true)) throw;
                http.Response.Clear();
                await next(http);
            }
        });
        return app;
    }
}
