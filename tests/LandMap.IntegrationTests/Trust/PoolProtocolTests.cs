using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;
using static LandMap.Tests.Upload.UploadFiles;

namespace LandMap.Tests.Trust;

/// <summary>
/// Pooled connections stay in step with their backend under mixed load on a small pool: committed
/// uploads (temp staging table), items with filters, keyset cursors whose values fail the sort
/// column's type, NUL bytes, clients that hang up mid-stream. Each hostile request has an honest twin
/// that runs the same SQL text with good values, so a statement a failed request leaves behind on a
/// connection is met again. Every honest page is checked row for row against the same query in SQL.
/// </summary>
public sealed class PoolProtocolTests(LandMapServer server) : IAsyncLifetime
{
    private const int Workers = 8, Rounds = 40;
    private ApiHost host = null!;
    private NpgsqlDataSource db = null!;
    private List<string> codes = [];
    private List<(string Cursor, string Date, long Id)> dateCursors = [];

    public async ValueTask InitializeAsync()
    {
        var cs = await server.CreateEmptyDatabaseAsync("landmap_pool");
        db = NpgsqlDataSource.Create(cs);
        // Three connections for everything: each one serves uploads and reads in turn.
        host = ApiHost.Start(new NpgsqlConnectionStringBuilder(cs) { MaxPoolSize = 3 }.ConnectionString);
        using var warm = host.CreateClient(); // started, sample data loaded
        (await warm.GetAsync("health/ready")).EnsureSuccessStatusCode();
        await using (var cmd = db.CreateCommand("select code from parcels order by id"))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) codes.Add(r.GetString(0));
        // Cursors as the service writes them: json_build_array(sort value, id), base64url.
        await using (var cmd = db.CreateCommand("""
            select json_build_array(supplied_on, id)::text, supplied_on::text, id from parcels
            where supplied_on is not null order by supplied_on, id limit 40
            """))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
                dateCursors.Add((WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(r.GetString(0))), r.GetString(1), r.GetInt64(2)));
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await db.DisposeAsync();
    }

    [Fact]
    public async Task Mixed_load_on_a_pool_of_three_answers_every_honest_page_with_the_rows_sql_finds()
    {
        using var writer = host.CreateClient(token: true);
        using var reader = host.CreateClient();
        // Committed uploads first, so every pooled connection has run the staging statements; more run during the reads.
        for (var i = 0; i < 6; i++) await CommitUploadAsync(writer, i);
        // Then the failing requests alone for a while: a connection's first runs of each failing
        // statement are failures (the runs where a client library decides to prepare a statement).
        for (var i = 0; i < 36; i++) await HostileAsync(reader, i);

        var failures = new ConcurrentQueue<string>();
        var checkedPages = 0;
        var rounds = Enumerable.Range(0, Workers).Select(async worker =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                // Hostile and honest in turns, in an order of their own per worker.
                if ((worker + round) % 2 == 0) await HostileAsync(reader, worker * Rounds + round);
                var wrong = await HonestPageAsync(reader, worker * Rounds + round);
                if (wrong is not null) failures.Enqueue(wrong);
                else Interlocked.Increment(ref checkedPages);
            }
        }).ToList();
        rounds.Add(Task.Run(async () => { for (var i = 6; i < 12; i++) await CommitUploadAsync(writer, i); }));
        await Task.WhenAll(rounds);

        Assert.True(failures.IsEmpty, $"{failures.Count} of {Workers * Rounds} honest pages wrong:\n" + string.Join("\n", failures.Take(10)));
        Assert.Equal(Workers * Rounds, checkedPages);
    }

    private async Task CommitUploadAsync(HttpClient writer, int n)
    {
        var (status, body, _) = await PostAsync(writer, "collection=parcels&crs=EPSG:4549",
            Grid(Code($"pool{n}"), 20, 121.02 + n * 0.012, 28.16));
        Assert.True(status == HttpStatusCode.Created, $"upload {n}: {(int)status} {body.ToJsonString()}");
    }

    /// <summary>One honest page; null when its ids are the ones SQL finds, else what went wrong.</summary>
    private async Task<string?> HonestPageAsync(HttpClient client, int n)
    {
        var limit = 3 + n % 5;
        var code = codes[n * 13 % codes.Count];
        var (date, id) = (dateCursors[n % dateCursors.Count].Date, dateCursors[n % dateCursors.Count].Id);
        // Lists of different lengths make SQL texts of their own (many statements per connection).
        var list = string.Join(",", Enumerable.Range(0, 1 + n % 40).Select(i => $"'{codes[(n + i * 7) % codes.Count]}'"));
        var (query, sql) = (n % 4) switch
        {
            // The twins of the hostile requests: same SQL text, good values.
            0 => ("sortby=supplied_on&cursor=" + dateCursors[n % dateCursors.Count].Cursor,
                  $"""
                  select id from parcels where supplied_on is null or supplied_on > '{date}' or (supplied_on = '{date}' and id > {id})
                  order by supplied_on is null, supplied_on, id limit {limit}
                  """),
            1 => ("filter=" + Uri.EscapeDataString($"code = '{code}'"), $"select id from parcels where code = '{code}' order by id limit {limit}"),
            2 => ("filter=" + Uri.EscapeDataString($"code IN ({list})"), $"select id from parcels where code in ({list}) order by id limit {limit}"),
            _ => ("cursor=" + (n * 7 % 900), $"select id from parcels where id > {n * 7 % 900} order by id limit {limit}"),
        };
        using var response = await client.GetAsync($"ogc/collections/parcels/items?limit={limit}&{query}");
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) return $"{query}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}";
        var got = JsonNode.Parse(text)!["features"]!.AsArray().Select(f => (long)f!["id"]!).ToList();
        var expected = await db.IdsAsync(sql);
        return got.SequenceEqual(expected) ? null : $"{query}: got [{string.Join(",", got)}], SQL [{string.Join(",", expected)}]";
    }

    /// <summary>Requests that fail inside PostgreSQL (a value that fails its cast or holds NUL) or are
    /// abandoned mid-stream. Their answers are other tests' business (any 4xx/5xx); the connections
    /// they leave behind are this test's.</summary>
    private static async Task HostileAsync(HttpClient client, int n)
    {
        var url = (n % 4) switch
        {
            0 => "ogc/collections/parcels/items?limit=5&sortby=supplied_on&cursor=" + SortCursor("\"not-a-date\"", 7),
            1 => "ogc/collections/parcels/items?limit=5&filter=" + Uri.EscapeDataString("code = 'a\0b'"),
            2 => "ogc/collections/parcels/items?limit=5&sortby=supplied_on&cursor=" + SortCursor("\"99999-01-01\"", 7),
            _ => "ogc/collections/parcels/items?limit=1000",
        };
        if (n % 4 != 3)
        {
            using var _ = await client.GetAsync(url);
            return;
        }
        // A client that reads the first bytes of a long page and hangs up.
        using var cts = new CancellationTokenSource();
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            await using var stream = await response.Content.ReadAsStreamAsync(cts.Token);
            await stream.ReadAtLeastAsync(new byte[64], 64, throwOnEndOfStream: false, cts.Token);
            await cts.CancelAsync();
        }
        catch (OperationCanceledException) { }
    }

    private static string SortCursor(string valueJson, long id) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"[{valueJson},{id}]"));
}
