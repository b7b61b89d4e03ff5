using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Trust;

/// <summary>Run alone: other tests touch the main database on purpose (ETag, history and markup
/// tests update a row), which would change the checksums the fuzz test compares.</summary>
[CollectionDefinition(nameof(FuzzTests), DisableParallelization = true)]
public sealed class FuzzAlone;

/// <summary>
/// Thousands of generated malformed requests (<see cref="FuzzInputs"/>) against the running service,
/// 8 at a time: none may answer 5xx, none may take longer than 10 s, every 4xx is problem+json, and
/// every table of both databases (the main one, and one of its own for the writes) is unchanged (md5 over its rows). A fixed seed in CI;
/// LANDMAP_FUZZ_COUNT (default 10,000) and LANDMAP_FUZZ_SEED for a longer or different run.
/// </summary>
[Collection(nameof(FuzzTests))]
public sealed class FuzzTests(LandMapServer server, ITestOutputHelper output)
{
    private static readonly int Count = int.TryParse(Environment.GetEnvironmentVariable("LANDMAP_FUZZ_COUNT"), out var n) ? n : 10_000;
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("LANDMAP_FUZZ_SEED"), out var s) ? s : 20_261_127;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private const int Parallel = 8;

    [Fact]
    public async Task Malformed_requests_get_no_5xx_no_hang_and_change_no_table()
    {
        // Writes go to a copy of the API over a database of this test's own: the write server's
        // database takes other tests' commits meanwhile, which would change its checksums.
        var fuzzDb = await server.CreateEmptyDatabaseAsync("landmap_fuzz");
        await using var host = ApiHost.Start(fuzzDb);
        await using var fuzzData = NpgsqlDataSource.Create(fuzzDb);
        // upload_jobs records each upload's progress and outcome (dry runs too): a log, not data.
        var beforeRead = await TableChecksums.OfAsync(server.DataSource, "upload_jobs");
        var beforeWrite = await TableChecksums.OfAsync(fuzzData, "upload_jobs");

        using var read = Client(server.BaseUrl);
        using var write = Client(host.BaseUrl);
        // Its own handler (more connections, no client timeout: the test bounds each request), so the header by hand.
        write.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LandMapServer.TestWriteToken);
        var inputs = new FuzzInputs(Seed);
        var requests = Enumerable.Range(0, Count).Select(_ => inputs.Next()).ToList();

        var failures = new ConcurrentQueue<string>();
        var byStatus = new ConcurrentDictionary<string, int>();
        var slowest = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        await System.Threading.Tasks.Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (r, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var message = new HttpRequestMessage(r.Method, r.Url);
                if (r.Body is not null)
                {
                    message.Content = new ByteArrayContent(r.Body);
                    if (r.ContentType is not null && MediaTypeHeaderValue.TryParse(r.ContentType, out var type)) message.Content.Headers.ContentType = type;
                    else if (r.ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", r.ContentType);
                }
                foreach (var (k, v) in r.Headers ?? new Dictionary<string, string>()) message.Headers.TryAddWithoutValidation(k, v);
                using var cts = new CancellationTokenSource(Bound);
                using var response = await (r.Writes ? write : read).SendAsync(message, cts.Token);
                var content = await response.Content.ReadAsByteArrayAsync(cts.Token);
                var status = (int)response.StatusCode;
                byStatus.AddOrUpdate($"{r.Kind} {status}", 1, (_, c) => c + 1);
                if (status >= 500)
                    failures.Enqueue($"{status}: {r} => {System.Text.Encoding.UTF8.GetString(content.AsSpan(0, Math.Min(content.Length, 400)))}");
                else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json" && !RefusedByKestrel(response, content))
                    failures.Enqueue($"{status} not problem+json ({response.Content.Headers.ContentType}): {r}");
            }
            catch (OperationCanceledException)
            {
                failures.Enqueue($"no answer within {Bound.TotalSeconds} s: {r}");
            }
            catch (HttpRequestException e)
            {
                failures.Enqueue($"connection failed ({e.Message}): {r}");
            }
            var took = Stopwatch.GetElapsedTime(started);
            lock (failures) if (took > slowest) slowest = took;
        });
        clock.Stop();

        output.WriteLine($"fuzz: {Count} requests, seed {Seed}, {clock.Elapsed.TotalSeconds:0.0} s, slowest {slowest.TotalMilliseconds:0} ms");
        foreach (var kind in byStatus.OrderBy(k => k.Key, StringComparer.Ordinal)) output.WriteLine($"  {kind.Key}: {kind.Value}");
        Assert.True(failures.IsEmpty, $"{failures.Count} failures, e.g.:\n" + string.Join("\n", failures.OrderBy(f => f[0] == '5' ? 0 : 1).Take(15)));
        Assert.Equal(beforeRead, await TableChecksums.OfAsync(server.DataSource, "upload_jobs"));
        Assert.Equal(beforeWrite, await TableChecksums.OfAsync(fuzzData, "upload_jobs"));
    }

    /// <summary>
    /// A request Kestrel's HTTP parser refuses before any middleware runs (a request line over its
    /// 8 KB bound: 414; a NUL or bad escape in the path: 400): an empty body and the connection
    /// closed. No route ever sees it, so there is no problem+json to write.
    /// </summary>
    private static bool RefusedByKestrel(HttpResponseMessage response, byte[] content) =>
        content.Length == 0 && response.Headers.ConnectionClose == true && (int)response.StatusCode is 400 or 414 or 431;

    private static HttpClient Client(string baseUrl) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = Parallel * 2 }) { BaseAddress = new Uri(baseUrl + "/"), Timeout = Timeout.InfiniteTimeSpan };
}
