using Npgsql;

namespace LandMap.Api.Data;

/// <summary>
/// Database work that has written nothing yet, retried once when its pooled connection turns out to
/// be dead: a backend killed while the connection idled in the pool (pg_terminate_backend, a restart,
/// a dropped TCP connection) is only noticed at the connection's next use. The pool's idle connections
/// are then all suspect (they went the same way), so they are cleared and the retry opens a fresh one.
/// A database that is really gone fails the retry too, and the caller answers 503 as before.
/// </summary>
public static class StaleConnections
{
    /// <summary>Runs <paramref name="work"/>, and once more after clearing <paramref name="db"/>'s pool
    /// when it could not reach the database. Only for work that committed nothing when it fails.</summary>
    public static async Task<T> RetryOnceAsync<T>(NpgsqlDataSource db, ILogger logger, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (ReadDataSource.CannotReach(e))
        {
            logger.LogInformation("Database connection found dead at its first use ({Message}): pool cleared, trying once more", e.Message);
            db.Clear();
            return await work();
        }
    }
}
