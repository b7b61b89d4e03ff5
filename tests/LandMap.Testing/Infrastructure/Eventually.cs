using Npgsql;

namespace LandMap.Tests.Infrastructure;

/// <summary>Waiting for something a server does in its own time (a restart, a probe).</summary>
internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds; a refused connection
    /// counts as "not yet". Throws when it has not held within <paramref name="patience"/>.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan patience, string what = "the condition")
    {
        var until = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                if (await condition()) return;
            }
            catch (HttpRequestException) { }
            catch (NpgsqlException) { }
            if (DateTime.UtcNow > until) throw new TimeoutException($"{what} did not come true in {patience.TotalSeconds:0} s");
            await Task.Delay(100);
        }
    }
}
